package dev.retrospec.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.testing.Goldens;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import retrofit2.Call;

/**
 * An optional request body is optional to the caller: the operation's second method sends no body at all, the first
 * sends the one given (Retrofit refuses a null {@code @Body}, so there is no third way).
 */
class OptionalBodyWireTest {
    @Test
    void anOptionalBodyCanBeLeftOutOrSent() throws Exception {
        ClassLoader loader = Goldens.load("bodies-and-responses");
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().body("[]").build());
            server.enqueue(new MockResponse.Builder().body("[]").build());
            server.start();
            Object builder = loader.loadClass("com.example.bodies.FilesAndForms")
                    .getMethod("builder")
                    .invoke(null);
            builder.getClass()
                    .getMethod("baseUrl", String.class)
                    .invoke(builder, server.url("/").toString());
            Object client = builder.getClass().getMethod("build").invoke(builder);
            Object search = client.getClass().getMethod("search").invoke(client);
            Class<?> api = loader.loadClass("com.example.bodies.api.SearchApi");
            Class<?> query = loader.loadClass("com.example.bodies.model.Query");

            ((Call<?>) api.getMethod("search").invoke(search)).execute();
            Object text = query.getConstructor(String.class, Integer.class).newInstance("ada", null);
            ((Call<?>) api.getMethod("search", query).invoke(search, text)).execute();

            RecordedRequest without = server.takeRequest();
            assertThat(without.getMethod()).isEqualTo("POST");
            assertThat(without.getBody().size()).isZero();
            assertThat(without.getHeaders().get("Content-Type")).isNull();
            RecordedRequest with = server.takeRequest();
            assertThat(with.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"ada\"}");
            assertThat(with.getHeaders().get("Content-Type")).startsWith("application/json");
        }
    }
}
