package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.Test;

/**
 * Runs every path a secret or a token travels (both client authentication methods, API calls, a 401 and its
 * refresh, error answers, one that echoes the secret back) with OkHttp's body logging on the API client, as an
 * application and as a network interceptor, and captures every log line, stdout and stderr, every toString and every
 * exception's message and stack trace. Neither the client secret nor any issued token may appear anywhere.
 */
class SecretsNeverLeakTest {
    private static final String SECRET = "sup3r-s3cr3t-Value";

    @Test
    void neitherTheSecretNorAnyTokenAppearsInLogsOutputToStringsOrExceptions() throws Exception {
        StringBuilder captured = new StringBuilder();
        List<Object> objects = new ArrayList<>();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        Handler logs = new Handler() {
            @Override
            public void publish(LogRecord record) {
                captured.append(record.getLevel())
                        .append(' ')
                        .append(record.getMessage())
                        .append('\n');
                if (record.getThrown() != null) {
                    captured.append(stackTrace(record.getThrown()));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.addHandler(logs);
        root.setLevel(Level.ALL);
        System.setOut(capture);
        System.setErr(capture);
        List<String> tokens;
        try (MicroTekStandIn microtek = new MicroTekStandIn("client-1", SECRET, Duration.ofHours(1)).start();
                MockWebServer echo = new MockWebServer()) {
            for (ClientAuthentication method : ClientAuthentication.values()) {
                HttpLoggingInterceptor appLogging = new HttpLoggingInterceptor(
                                line -> captured.append(line).append('\n'))
                        .setLevel(HttpLoggingInterceptor.Level.BODY);
                HttpLoggingInterceptor wireLogging = new HttpLoggingInterceptor(
                                line -> captured.append(line).append('\n'))
                        .setLevel(HttpLoggingInterceptor.Level.BODY);
                OkHttpClient.Builder base =
                        new OkHttpClient.Builder().addInterceptor(appLogging).addNetworkInterceptor(wireLogging);
                ClientCredentialsTokenProvider provider = ClientCredentialsTokenProvider.builder(
                                microtek.tokenUrl(), "client-1", SECRET)
                        .scopes(MicroTekStandIn.SCOPE)
                        .clientAuthentication(method)
                        .httpClient(base.build())
                        .build();
                RecordingListener events = new RecordingListener();
                TokenManager manager =
                        TokenManager.builder(provider).listener(events).build();
                BearerAuth auth = BearerAuth.builder(manager)
                        .allowOrigin(microtek.apiUrl())
                        .build();
                OkHttpClient client = auth.applyTo(base).build();

                call(client, microtek.apiUrl().resolve("devices").toString());
                microtek.revokeCurrentToken();
                call(client, microtek.apiUrl().resolve("devices/dev-1").toString()); // 401, refresh, retry
                call(client, microtek.apiUrl().resolve("devices/dev-404").toString());

                objects.add(manager);
                objects.add(provider);
                objects.add(auth);
                objects.add(manager.token());
                objects.add(TokenStore.inMemory());
                objects.addAll(events.events);
                ClientCredentialsAuth.Builder config = ClientCredentialsAuth.builder(
                                "microtekAuth", microtek.tokenUrl().toString(), List.of("public-api"))
                        .clientCredentials("client-1", SECRET);
                objects.add(config);
            }

            // Failures: wrong secret (a real invalid_client), and a server that echoes the secret in its error.
            objects.add(failure(
                    () -> ClientCredentialsTokenProvider.builder(microtek.tokenUrl(), "client-1", "wrong-" + SECRET)
                            .scopes(MicroTekStandIn.SCOPE)
                            .build()
                            .fetchToken()));
            echo.start();
            echo.enqueue(new MockResponse.Builder()
                    .code(401)
                    .setHeader("Content-Type", "application/json")
                    .body("{\"error\":\"invalid_client\",\"error_description\":\"secret " + SECRET + " is wrong\"}")
                    .build());
            objects.add(
                    failure(() -> ClientCredentialsTokenProvider.builder(echo.url("/connect/token"), "client-1", SECRET)
                            .build()
                            .fetchToken()));
            tokens = microtek.issuedTokens();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            root.removeHandler(logs);
            root.setLevel(level);
        }
        for (Object object : objects) {
            captured.append(object).append('\n');
            if (object instanceof Throwable t) {
                captured.append(t.getMessage()).append('\n').append(stackTrace(t));
            }
        }
        captured.append(console.toString(StandardCharsets.UTF_8));
        String everything = captured.toString();

        assertThat(tokens).hasSizeGreaterThanOrEqualTo(4);
        assertThat(everything)
                .contains("Authorization: ██") // the network-level logger saw the header, redacted
                .contains("invalid_client")
                .doesNotContain(SECRET);
        for (String token : tokens) {
            assertThat(everything).doesNotContain(token);
        }
    }

    private static void call(OkHttpClient client, String url) throws IOException {
        try (Response response =
                client.newCall(new Request.Builder().url(url).build()).execute()) {
            response.body().string();
        }
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static Throwable failure(Failing action) {
        try {
            action.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
