package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A misbehaving token endpoint on loopback (MockWebServer: these are faults a real server cannot be made to show).
 * Every fault has a defined outcome: retried with backoff (5xx, 429, I/O), or a typed, non-retried error.
 */
class TokenEndpointFaultsTest {
    private static final String TOKEN = "{\"access_token\":\"tok-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";

    private final MockWebServer server = new MockWebServer();
    private final RecordingListener listener = new RecordingListener();
    private final FakeTicker ticker = new FakeTicker();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TokenManager.Builder manager(OkHttpClient http) {
        TokenProvider provider = ClientCredentialsTokenProvider.builder(server.url("/connect/token"), "id", "secret")
                .scopes("public-api")
                .httpClient(http)
                .build();
        return TokenManager.builder(provider)
                .ticker(ticker)
                .sleeper(ticker)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(40))
                .retryBudget(Duration.ofSeconds(5))
                .listener(listener);
    }

    private TokenManager manager() {
        return manager(new OkHttpClient()).build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws IOException {
        server.enqueue(json(500, "{}"));
        server.enqueue(json(503, "{}"));
        server.enqueue(json(200, TOKEN));

        assertThat(manager().token().value()).isEqualTo("tok-1");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(listener.of(TokenListener.Acquired.class))
                .singleElement()
                .extracting(TokenListener.Acquired::attempts)
                .isEqualTo(3);
    }

    @Test
    void retryAfterIsHonoured() throws IOException {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "1")
                .build());
        server.enqueue(json(200, TOKEN));

        assertThat(manager().token().value()).isEqualTo("tok-1");
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRetryAfterBeyondTheBudgetFailsAtOnceWithTheServersAnswer() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "120")
                .build());

        TokenEndpointException e = catchThrowableOfType(
                TokenEndpointException.class, () -> manager().token());

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(e)
                .hasMessage("token endpoint " + server.url("/connect/token") + " answered HTTP 503, retry after"
                        + " 120000 ms");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theRetryBudgetIsMeasuredOnTheTicker() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(503)
                    .setHeader("Retry-After", "1")
                    .build());
        }
        TokenManager tokens = manager(new OkHttpClient())
                .maxAttempts(10)
                .retryBudget(Duration.ofMillis(2500))
                .build();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, tokens::token);

        // Attempts at 0 s, 1 s and 2 s on the ticker; a fourth would start at 3 s, past the budget.
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void retriesAreBoundedAndTheLastFailureReachesTheCaller() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(502)
                    .setHeader("Content-Type", "text/html")
                    .body("<html><body><h1>502 Bad Gateway</h1></body></html>")
                    .build());
        }
        TokenManager tokens = manager(new OkHttpClient()).maxAttempts(3).build();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, tokens::token);

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.error()).isNull();
        assertThat(e).hasMessage("token endpoint " + server.url("/connect/token") + " answered HTTP 502");
        assertThat(listener.of(TokenListener.Failed.class))
                .singleElement()
                .extracting(TokenListener.Failed::attempts)
                .isEqualTo(3);
    }

    @Test
    void aConnectionResetIsRetried() throws IOException {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(json(200, TOKEN));

        assertThat(manager().token().value()).isEqualTo("tok-1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void okHttpDoesNotSilentlyResendTheTokenPost() throws Exception {
        // A pooled connection the server drops after reading the POST: the issuer may have minted a token already.
        // OkHttp's own retry would send the POST again on a new connection, minting a second token behind our back.
        server.enqueue(json(200, TOKEN));
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(json(200, TOKEN.replace("tok-1", "tok-2")));
        TokenProvider provider = ClientCredentialsTokenProvider.builder(server.url("/connect/token"), "id", "secret")
                .build();
        provider.fetchToken(); // leaves a pooled keep-alive connection

        assertThat(catchThrowableOfType(IOException.class, provider::fetchToken))
                .isNotNull();
        assertThat(server.getRequestCount()).isEqualTo(2); // the second POST was sent once, not resent
    }

    @Test
    void aSlowEndpointTimesOutAndIsRetried() throws IOException {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        server.enqueue(json(200, TOKEN.replace("tok-1", "tok-2")));
        OkHttpClient http =
                new OkHttpClient.Builder().readTimeout(Duration.ofMillis(500)).build();

        assertThat(manager(http).build().token().value()).isEqualTo("tok-2");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(listener.of(TokenListener.Acquired.class))
                .singleElement()
                .extracting(TokenListener.Acquired::attempts)
                .isEqualTo(2);
    }

    @Test
    void aHungEndpointIsBoundedByTheCallTimeoutAndTheAttempts() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder()
                    .onResponseStart(SocketEffect.Stall.INSTANCE)
                    .build());
        }
        OkHttpClient http =
                new OkHttpClient.Builder().callTimeout(Duration.ofMillis(300)).build();
        TokenManager tokens = manager(http).maxAttempts(2).build();

        IOException e = catchThrowableOfType(IOException.class, tokens::token);

        assertThat(e).isInstanceOf(InterruptedIOException.class).hasMessageContaining("timeout");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not an object | application/json | [\"x\"] | body is not a JSON object",
                "missing access_token | application/json | {\"token_type\":\"Bearer\",\"expires_in\":60} | no access_token",
                "mac token | application/json | {\"access_token\":\"x\",\"token_type\":\"mac\",\"expires_in\":60}"
                        + " | token_type 'mac' is not Bearer",
                "expires_in 0 | application/json | {\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":0}"
                        + " | expires_in is not a positive number",
                "expires_in negative | application/json | {\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":-5}"
                        + " | expires_in is not a positive number",
                "expires_in not a number | application/json | {\"access_token\":\"x\",\"expires_in\":\"soon\"}"
                        + " | expires_in is not a positive number",
                "token with a space | application/json | {\"access_token\":\"a b\",\"token_type\":\"Bearer\"}"
                        + " | access_token is not a valid bearer token",
            })
    void aSuccessThatIsNotAUsableTokenIsATypedErrorAndNotRetried(
            String name, String type, String body, String problem) {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", type)
                .body(body)
                .build());

        TokenEndpointException e = catchThrowableOfType(
                TokenEndpointException.class, () -> manager().token());

        assertThat(e.error()).isEqualTo(TokenEndpointException.INVALID_TOKEN_RESPONSE);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e)
                .hasMessage("token endpoint " + server.url("/connect/token") + " answered HTTP 200 without a"
                        + " usable token: " + problem);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated json | application/json | {\"access_token\": \"x\", | malformed JSON",
                "garbled json | application/json | {\"access_token\" \"x\"} | malformed JSON",
                "empty body labelled json | application/json | '' | empty body",
                "html page with 200 | text/html | <html><body>Sign in</body></html> | body is not JSON (text/html)",
            })
    void aMalformedSuccessIsATransientFaultRetriedWithBackoff(String name, String type, String body, String problem)
            throws IOException {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", type)
                .body(body)
                .build());
        server.enqueue(json(200, TOKEN));

        assertThat(manager().token().value()).isEqualTo("tok-1");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(ticker.sleeps).hasSize(1);
        assertThat(listener.of(TokenListener.Acquired.class))
                .singleElement()
                .extracting(TokenListener.Acquired::attempts)
                .isEqualTo(2);

        // Alone, with no attempts left, the caller learns what was wrong.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", type)
                .body(body)
                .build());
        TokenEndpointException e = catchThrowableOfType(
                TokenEndpointException.class,
                () -> manager(new OkHttpClient()).maxAttempts(1).build().token());
        assertThat(e.isRetryable()).isTrue();
        assertThat(e)
                .hasMessage("token endpoint " + server.url("/connect/token") + " answered HTTP 200 without a"
                        + " usable token: " + problem);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"400", "401"})
    void anEmptyErrorBodyLabelledJsonKeepsItsStatusAndIsNotRetried(int status) {
        server.enqueue(new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .build());
        server.enqueue(json(200, TOKEN));

        TokenEndpointException e = catchThrowableOfType(
                TokenEndpointException.class, () -> manager().token());

        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.error()).isNull();
        assertThat(e).hasMessage("token endpoint " + server.url("/connect/token") + " answered HTTP " + status);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anEmptyTooManyRequestsLabelledJsonHonoursRetryAfter() throws IOException {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "1")
                .build());
        server.enqueue(json(200, TOKEN));

        assertThat(manager().token().value()).isEqualTo("tok-1");
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void theDefaultContractIsEightAttemptsWithinThirtySeconds() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(json(503, "{}"));
        }
        TokenProvider provider = ClientCredentialsTokenProvider.builder(server.url("/connect/token"), "id", "secret")
                .build();
        TokenManager tokens = TokenManager.builder(provider)
                .ticker(ticker)
                .sleeper(ticker)
                .listener(listener)
                .build();

        assertThat(catchThrowableOfType(TokenEndpointException.class, tokens::token)
                        .httpStatus())
                .isEqualTo(503);

        assertThat(server.getRequestCount()).isEqualTo(8);
        assertThat(ticker.sleeps).hasSize(7);
        assertThat(ticker.sleeps.stream().reduce(Duration.ZERO, Duration::plus))
                .isLessThanOrEqualTo(Duration.ofSeconds(30));
        // Backoff doubles from 200 ms and is capped at 5 s; each wait is jittered between half a step and a step.
        for (int i = 0; i < ticker.sleeps.size(); i++) {
            Duration step = Duration.ofMillis(Math.min(200L << i, 5000));
            assertThat(ticker.sleeps.get(i)).isBetween(step.dividedBy(2), step);
        }
    }

    @Test
    void aRetryAfterThatWouldEndPastTheBudgetIsNotWaitedFor() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "20")
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "20")
                .build());
        TokenProvider provider = ClientCredentialsTokenProvider.builder(server.url("/connect/token"), "id", "secret")
                .build();
        TokenManager tokens =
                TokenManager.builder(provider).ticker(ticker).sleeper(ticker).build();

        assertThat(catchThrowableOfType(TokenEndpointException.class, tokens::token)
                        .retryAfter())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(server.getRequestCount()).isEqualTo(2); // at 0 s and 20 s; 40 s would be past the 30 s budget
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(20));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "lowercase bearer | {\"access_token\":\"x\",\"token_type\":\"bearer\",\"expires_in\":60} | PT1M",
                "expires_in as a string | {\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"} | PT1H",
                "fractional expires_in | {\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":1.5} | PT1.5S",
                "no token_type | {\"access_token\":\"x\",\"expires_in\":60} | PT1M",
            })
    void lenientWhereTheMeaningIsClear(String name, String body, String expiresIn) throws IOException {
        server.enqueue(json(200, body));
        assertThat(manager().token().expiresIn()).isEqualTo(Duration.parse(expiresIn));
    }

    @Test
    void withoutExpiresInATokenIsValidUntilRejected() throws IOException {
        server.enqueue(json(200, "{\"access_token\":\"forever\",\"token_type\":\"Bearer\"}"));
        TokenManager tokens = manager();

        AccessToken token = tokens.token();
        ticker.advance(Duration.ofDays(30));

        assertThat(tokens.token()).isSameAs(token);
        assertThat(token.expiresIn()).isNull();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void clientErrorsAreTypedNotRetriedAndNotHammered() throws IOException {
        server.enqueue(json(
                400,
                "{\"error\":\"invalid_scope\",\"error_description\":\"scope public-api is not"
                        + " granted\",\"error_uri\":\"https://idp.example/errors#scope\"}"));
        server.enqueue(json(200, TOKEN));
        TokenManager tokens = manager(new OkHttpClient())
                .clientErrorBackoff(Duration.ofSeconds(10))
                .build();

        TokenEndpointException first = catchThrowableOfType(TokenEndpointException.class, tokens::token);
        assertThat(first.httpStatus()).isEqualTo(400);
        assertThat(first.error()).isEqualTo("invalid_scope");
        assertThat(first.errorDescription()).isEqualTo("scope public-api is not granted");
        assertThat(first.errorUri()).isEqualTo("https://idp.example/errors#scope");
        assertThat(first.isRetryable()).isFalse();
        assertThat(first)
                .hasMessage("token endpoint " + server.url("/connect/token") + " answered HTTP 400:"
                        + " invalid_scope (scope public-api is not granted)");

        ticker.advance(Duration.ofSeconds(9));
        assertThat(catchThrowableOfType(TokenEndpointException.class, tokens::token))
                .isSameAs(first);
        assertThat(server.getRequestCount()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(1));
        assertThat(tokens.token().value()).isEqualTo("tok-1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anInterruptedCallerKeepsItsFlagAndTheFetchStillCompletes() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrived.countDown();
                try {
                    answer.await(30, TimeUnit.SECONDS); // held until the caller was interrupted
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return json(200, TOKEN);
            }
        });
        TokenManager tokens = manager();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                tokens.token();
            } catch (IOException e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(30_000);
        answer.countDown();

        assertThat(thrown.get())
                .isInstanceOf(InterruptedIOException.class)
                .hasMessage("interrupted while waiting for an access token");
        assertThat(flag.get()).isTrue();
        // The token the issuer sent meanwhile is kept: with one active token per client, dropping it would be costly.
        assertThat(tokens.token().value()).isEqualTo("tok-1");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
