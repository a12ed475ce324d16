package com.example.pets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.pets.model.Pet;
import java.time.LocalDate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class PetsClientTest {
  @Test
  void callsTheApiThroughTheGeneratedClient() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
          .body("{\"id\": 7, \"name\": \"Rex\", \"born\": \"2020-02-29\"}").build());
      server.start();

      Pets client = Pets.builder().baseUrl(server.url("/api").toString()).build();
      Pet pet = client.pets().getPet(7).execute().body();

      assertEquals(new Pet(7, "Rex", LocalDate.of(2020, 2, 29)), pet);
      assertEquals("/api/pets/7", server.takeRequest().getUrl().encodedPath());
    }
  }
}
