package dev.retrospec.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.testing.Goldens;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import retrofit2.Call;

/**
 * Parameters of every type as they reach the wire: a union as the value it holds (GitHub's workflow id is a number
 * or a file name), an open enum as its value, dates in RFC 3339, a decimal without an exponent, bytes in Base64.
 */
class ParameterWireTest {
    @Test
    void everyTypeIsSentAsTheDescriptionSerializesIt() throws Exception {
        ClassLoader loader = Goldens.load("parameters");
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(204).build());
            server.enqueue(new MockResponse.Builder().code(204).build());
            server.start();
            Object client = client(loader, server);
            Object runs = client.getClass().getMethod("runs").invoke(client);
            Class<?> workflowId = loader.loadClass("com.example.params.model.WorkflowId");
            Class<?> color = loader.loadClass("com.example.params.model.Color");
            Method listRuns = loader.loadClass("com.example.params.api.RunsApi")
                    .getMethod(
                            "listRuns",
                            workflowId,
                            OffsetDateTime.class,
                            LocalDate.class,
                            UUID.class,
                            color,
                            BigDecimal.class,
                            ByteString.class);
            Object byNumber = loader.loadClass("com.example.params.model.WorkflowId$OfLong")
                    .getConstructor(Long.class)
                    .newInstance(9007199254740993L);
            Object byName = loader.loadClass("com.example.params.model.WorkflowId$OfString")
                    .getConstructor(String.class)
                    .newInstance("ci.yml");
            Object darkBlue = color.getField("DARK_BLUE").get(null);

            ((Call<?>) listRuns.invoke(
                            runs,
                            byNumber,
                            OffsetDateTime.parse("2026-11-29T10:15:30+01:00"),
                            LocalDate.parse("2026-11-29"),
                            UUID.fromString("0b5e7c4e-8d3c-4a51-9b2f-1f0c2e3d4a5b"),
                            darkBlue,
                            new BigDecimal("1E+3"),
                            ByteString.encodeUtf8("sum")))
                    .execute();
            ((Call<?>) listRuns.invoke(runs, byName, null, null, null, null, null, null)).execute();

            RecordedRequest first = server.takeRequest();
            assertThat(first.getTarget())
                    .isEqualTo("/workflows/9007199254740993/runs?since=2026-11-29T10%3A15%3A30%2B01%3A00&day=2026-11-29"
                            + "&run=0b5e7c4e-8d3c-4a51-9b2f-1f0c2e3d4a5b&color=dark%20blue&amount=1000");
            assertThat(first.getHeaders().get("X-Checksum")).isEqualTo("c3Vt");
            assertThat(server.takeRequest().getTarget()).isEqualTo("/workflows/ci.yml/runs");
        }
    }

    /** The golden's client, calling {@code server}. */
    private static Object client(ClassLoader loader, MockWebServer server) throws ReflectiveOperationException {
        Object builder = loader.loadClass("com.example.params.Parameters")
                .getMethod("builder")
                .invoke(null);
        builder.getClass()
                .getMethod("baseUrl", String.class)
                .invoke(builder, server.url("/").toString());
        return builder.getClass().getMethod("build").invoke(builder);
    }

    /**
     * Cookie parameters go out as one
     * {@code Cookie} header, a value's {@code ;} encoded rather than starting a cookie of its own; an optional
     * {@code deepObject} parameter left unset is not sent; HEAD and OPTIONS calls are ones Retrofit accepts.
     */
    @Test
    void placeholdersCookiesAndMethodsReachTheWireIntact() throws Exception {
        ClassLoader loader = Goldens.load("parameters");
        try (MockWebServer server = new MockWebServer()) {
            for (int i = 0; i < 4; i++) {
                server.enqueue(new MockResponse.Builder().code(204).build());
            }
            server.start();
            Object client = client(loader, server);
            Object rooms = client.getClass().getMethod("rooms").invoke(client);
            Class<?> api = loader.loadClass("com.example.params.api.RoomsApi");
            Class<?> paramsType = loader.loadClass("com.example.params.api.RoomsApi$GetRoomParams");
            Object params = paramsType.getMethod("builder").invoke(null);
            params = paramsType.getMethod("theme", String.class).invoke(params, "dark; admin=true");
            params = paramsType.getMethod("lang", String.class).invoke(params, "fr");
            params = paramsType.getMethod("seats", Long.class).invoke(params, 3L);

            ((Call<?>) api.getMethod("getRoom", String.class, String.class, paramsType)
                            .invoke(rooms, "a/b", "B", params))
                    .execute();
            ((Call<?>) api.getMethod("getRoom", String.class, String.class, paramsType)
                            .invoke(
                                    rooms,
                                    "x",
                                    "y",
                                    paramsType.getMethod("builder").invoke(null)))
                    .execute();
            ((Call<?>) api.getMethod("roomExists", String.class, String.class).invoke(rooms, "x", "y")).execute();
            ((Call<?>) api.getMethod("roomOptions", String.class, String.class, String.class)
                            .invoke(rooms, "x", "y", "hi"))
                    .execute();

            RecordedRequest first = server.takeRequest();
            assertThat(first.getTarget()).isEqualTo("/rooms/a%2Fb/B?seats=3");
            assertThat(first.getHeaders().values("Cookie")).containsExactly("theme=dark%3B%20admin=true; lang=fr");
            RecordedRequest unset = server.takeRequest();
            assertThat(unset.getTarget()).isEqualTo("/rooms/x/y");
            assertThat(unset.getHeaders().values("Cookie")).isEmpty();
            RecordedRequest head = server.takeRequest();
            assertThat(head.getMethod()).isEqualTo("HEAD");
            RecordedRequest options = server.takeRequest();
            assertThat(options.getMethod()).isEqualTo("OPTIONS");
            assertThat(options.getBody().utf8()).isEqualTo("\"hi\"");
        }
    }
}
