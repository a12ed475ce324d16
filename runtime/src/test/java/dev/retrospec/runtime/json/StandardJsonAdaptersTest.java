package dev.retrospec.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every string format OpenAPI names, as a generated record holds it: as a component, in a list, and null. */
class StandardJsonAdaptersTest {
    public record Formats(
            OffsetDateTime at,
            Instant instant,
            LocalDate day,
            LocalTime time,
            UUID id,
            URI link,
            byte[] blob,
            List<byte[]> blobs,
            BigDecimal amount,
            BigInteger big,
            String nothing) {}

    private final JsonAdapter<Formats> adapter =
            new Moshi.Builder().add(StandardJsonAdapters.FACTORY).build().adapter(Formats.class);

    @Test
    void readsAndWritesEachFormatAsTheDescriptionSpellsIt() throws Exception {
        String json =
                "{\"at\":\"2026-01-02T03:04:05+01:00\",\"instant\":\"2026-01-02T03:04:05Z\",\"day\":\"2026-01-02\","
                        + "\"time\":\"03:04:05\",\"id\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\",\"link\":\"https://example.com/a b\","
                        + "\"blob\":\"AQID\",\"blobs\":[\"BA==\"],\"amount\":12345678901234567890.12,\"big\":123456789012345678901234567890,"
                        + "\"nothing\":null}";

        Formats formats = adapter.fromJson(json.replace("a b", "a%20b"));

        assertThat(formats.at()).isEqualTo(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(1)));
        assertThat(formats.instant()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(formats.day()).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(formats.time()).isEqualTo(LocalTime.of(3, 4, 5));
        assertThat(formats.id()).isEqualTo(UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        assertThat(formats.link()).isEqualTo(URI.create("https://example.com/a%20b"));
        assertThat(formats.blob()).containsExactly(1, 2, 3);
        assertThat(formats.blobs()).singleElement().satisfies(b -> assertThat(b).containsExactly(4));
        assertThat(formats.amount()).isEqualTo(new BigDecimal("12345678901234567890.12"));
        assertThat(formats.big()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(adapter.serializeNulls().toJson(formats)).isEqualTo(json.replace("a b", "a%20b"));
    }

    @Test
    void aValueNotInItsFormatSaysWhatWasExpectedAndWhere() {
        assertRejected("{\"day\":\"02/01/2026\"}", "Expected a date (yyyy-mm-dd) but was '02/01/2026' at $.day");
        assertRejected("{\"blob\":\"not base64!\"}", "Expected Base64 but was 'not base64!' at $.blob");
        assertRejected(
                "{\"blobs\":[\"BA==\",\"AQ==\",\"abcde\",\"AQ==\"]}", "Expected Base64 but was 'abcde' at $.blobs[2]");
        assertRejected("{\"amount\":\"12,5\"}", "Expected a number but was '12,5' at $.amount");
    }

    private void assertRejected(String json, String message) {
        assertThatThrownBy(() -> adapter.fromJson(json))
                .isInstanceOf(JsonDataException.class)
                .hasMessage(message);
    }
}
