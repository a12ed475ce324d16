package com.example.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.billing.model.Invoice;
import com.example.money.Money;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class InvoiceTest {
  @Test
  void mappedTypesReadFromTheWire() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
          .body("{\"id\":\"inv-1\",\"issuedAt\":\"2026-11-27T10:15:30+01:00\","
              + "\"total\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}}")
          .build());
      server.start();

      CompletableFuture<Invoice> future = Billing.builder().baseUrl(server.url("/").toString()).build()
          .invoices().getInvoice("inv-1");

      assertEquals(new Invoice("inv-1", Instant.parse("2026-11-27T09:15:30Z"), new Money("12.50", "EUR")),
          future.get());
    }
  }
}
