package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.auth.BearerAuth;
import dev.retrospec.runtime.auth.TokenManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Tag;

/** {@link Retries} against MockWebServer on loopback, on a fake clock: what is retried, how soon, and what never is. */
class RetriesTest {
    private static final MediaType TEXT = MediaType.get("text/plain");

    interface DevicesApi {
        @GET("devices")
        Call<ResponseBody> list();

        @GET("devices")
        Call<ResponseBody> list(@Tag RetryPolicy policy);

        @POST("devices")
        Call<ResponseBody> create(@Body RequestBody body);

        @IdempotencyKey
        @POST("devices")
        Call<ResponseBody> register(@Body RequestBody body);

        @IdempotencyKey("X-Request-Key")
        @POST("devices")
        Call<ResponseBody> register(@Header("X-Request-Key") @Nullable String key, @Body RequestBody body);
    }

    private final MockWebServer server = new MockWebServer();
    private final FakeTime time = new FakeTime();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Retries.Builder retries() {
        return Retries.builder().sleeper(time).ticker(time).random(() -> 0.0);
    }

    private OkHttpClient client(Retries retries) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false) // only ours: OkHttp's own silent retry would hide what we do
                .addInterceptor(time.attemptRecorder());
        return retries.applyTo(builder).build();
    }

    private DevicesApi api(OkHttpClient client) {
        return new Retrofit.Builder()
                .baseUrl(server.url("/"))
                .client(client)
                .build()
                .create(DevicesApi.class);
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("status " + code).build();
    }

    private static MockResponse status(int code, String retryAfter) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Retry-After", retryAfter)
                .body("status " + code)
                .build();
    }

    private static MockResponse disconnect() {
        return new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
    }

    private static RequestBody text(String text) {
        return RequestBody.create(text, TEXT);
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            requests.add(server.takeRequest(5, TimeUnit.SECONDS));
        }
        return requests;
    }

    private static List<Duration> millis(long... values) {
        List<Duration> list = new ArrayList<>();
        for (long v : values) {
            list.add(Duration.ofMillis(v));
        }
        return list;
    }

    @Test
    void transientStatusesAreRetriedWithExponentialBackoff() throws IOException {
        server.enqueue(status(503));
        server.enqueue(status(500));
        server.enqueue(status(200));

        retrofit2.Response<ResponseBody> response =
                api(client(retries().build())).list().execute();

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("status 200");
        assertThat(time.attempts).isEqualTo(millis(0, 500, 1500));
    }

    @Test
    void jitterTakesUpToHalfOfEachDelayAway() throws IOException {
        server.enqueue(status(502));
        server.enqueue(status(504));
        server.enqueue(status(200));
        Retries retries = retries().random(() -> 0.5).build();

        assertThat(api(client(retries)).list().execute().code()).isEqualTo(200);
        assertThat(time.attempts).isEqualTo(millis(0, 375, 375 + 750));
    }

    @Test
    void maxDelayCapsTheBackoff() throws IOException {
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(503));
        }
        server.enqueue(status(200));
        RetryPolicy policy = RetryPolicy.defaults()
                .newBuilder()
                .maxAttempts(5)
                .baseDelay(Duration.ofSeconds(1))
                .maxDelay(Duration.ofSeconds(3))
                .build();

        assertThat(api(client(retries().policy(policy).build()))
                        .list()
                        .execute()
                        .code())
                .isEqualTo(200);
        assertThat(time.attempts).isEqualTo(millis(0, 1000, 3000, 6000, 9000));
    }

    @Test
    void attemptsAreBoundedAndTheLastResponseReachesTheCaller() throws IOException {
        for (int i = 0; i < 5; i++) {
            server.enqueue(status(503));
        }

        retrofit2.Response<ResponseBody> response =
                api(client(retries().build())).list().execute();

        assertThat(response.code()).isEqualTo(503);
        assertThat(response.errorBody().string()).isEqualTo("status 503");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void connectionFailuresAreRetried() throws IOException {
        server.enqueue(disconnect());
        server.enqueue(status(200));

        assertThat(api(client(retries().build())).list().execute().code()).isEqualTo(200);
        assertThat(time.attempts).isEqualTo(millis(0, 500));
    }

    @Test
    void theLastConnectionFailureIsThrownWithTheEarlierOnesSuppressed() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(disconnect());
        }

        IOException e = catchThrowableOfType(
                IOException.class, () -> api(client(retries().build())).list().execute());

        assertThat(e.getSuppressed()).hasSize(1);
        assertThat(e.getSuppressed()[0].getSuppressed()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsNeverReplayed() throws Exception {
        server.enqueue(status(503));
        server.enqueue(disconnect());
        server.enqueue(status(200));
        DevicesApi api = api(client(retries().build()));

        assertThat(api.create(text("a")).execute().code()).isEqualTo(503);
        assertThatThrownBy(() -> api.create(text("b")).execute()).isInstanceOf(IOException.class);

        assertThat(requests())
                .extracting(r -> r.getBody().utf8(), r -> r.getHeaders().get("Idempotency-Key"))
                .containsExactly(tuple("a", null), tuple("b", null));
        assertThat(time.attempts).isEqualTo(millis(0, 0));
    }

    @Test
    void aPostWithAnIdempotencyKeyIsReplayedWithTheSameKey() throws Exception {
        server.enqueue(status(503));
        server.enqueue(disconnect());
        server.enqueue(status(201));
        server.enqueue(status(201));
        DevicesApi api = api(client(retries().build()));

        assertThat(api.register(text("dev-1")).execute().code()).isEqualTo(201);
        assertThat(api.register(text("dev-2")).execute().code()).isEqualTo(201);

        List<RecordedRequest> requests = requests();
        assertThat(requests).hasSize(4);
        List<String> keys = requests.stream()
                .map(r -> r.getHeaders().get("Idempotency-Key"))
                .toList();
        assertThat(keys.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(keys.subList(0, 3)).containsOnly(keys.get(0));
        assertThat(keys.get(3)).isNotEqualTo(keys.get(0)); // a new logical call, a new key
        assertThat(requests).extracting(r -> r.getBody().utf8()).containsExactly("dev-1", "dev-1", "dev-1", "dev-2");
    }

    @Test
    void theCallersOwnKeyIsKeptAndUsedForEachAttempt() throws Exception {
        server.enqueue(status(500));
        server.enqueue(status(201));
        server.enqueue(status(500));
        server.enqueue(status(201));
        DevicesApi api = api(client(retries().build()));

        assertThat(api.register("key-1", text("x")).execute().code()).isEqualTo(201);
        assertThat(api.register(null, text("x")).execute().code()).isEqualTo(201);

        List<String> keys = requests().stream()
                .map(r -> r.getHeaders().get("X-Request-Key"))
                .toList();
        assertThat(keys.subList(0, 2)).containsExactly("key-1", "key-1");
        assertThat(keys.get(2)).isNotEqualTo("key-1").isEqualTo(keys.get(3));
    }

    @Test
    void aPlainOkHttpPostCarryingTheKeyHeaderIsRetried() throws IOException {
        server.enqueue(status(503));
        server.enqueue(status(201));
        Request request = new Request.Builder()
                .url(server.url("/devices"))
                .header("Idempotency-Key", "k-42")
                .post(text("x"))
                .build();

        try (Response response = client(retries().build()).newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(201);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aOneShotBodyIsNeverReplayed() throws IOException {
        server.enqueue(status(503));
        RequestBody oneShot = new RequestBody() {
            @Override
            public MediaType contentType() {
                return TEXT;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                sink.writeUtf8("once");
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
        Request request =
                new Request.Builder().url(server.url("/")).put(oneShot).build();

        try (Response response = client(retries().build()).newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(503);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterInSecondsIsHonoured() throws IOException {
        server.enqueue(status(429, "3"));
        server.enqueue(status(503, "1")); // (OkHttp itself retries a 503 with Retry-After: 0, once, at once)
        server.enqueue(status(200));

        assertThat(api(client(retries().build())).list().execute().code()).isEqualTo(200);
        assertThat(time.attempts).isEqualTo(millis(0, 3000, 4000));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() throws IOException {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");
        String in7Seconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(7).atOffset(ZoneOffset.UTC));
        server.enqueue(status(503, in7Seconds));
        server.enqueue(status(200));
        Retries retries = retries().clock(Clock.fixed(now, ZoneOffset.UTC)).build();

        assertThat(api(client(retries)).list().execute().code()).isEqualTo(200);
        assertThat(time.attempts).isEqualTo(millis(0, 7000));
    }

    @Test
    void aRetryAfterBeyondTheBudgetEndsTheRetries() throws IOException {
        server.enqueue(status(429, "31"));

        retrofit2.Response<ResponseBody> response =
                api(client(retries().build())).list().execute();

        assertThat(response.code()).isEqualTo(429);
        assertThat(response.headers().get("Retry-After")).isEqualTo("31");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theBudgetStopsTheBackoff() throws IOException {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(503));
        }
        RetryPolicy policy = RetryPolicy.defaults()
                .newBuilder()
                .maxAttempts(10)
                .baseDelay(Duration.ofSeconds(1))
                .totalBudget(Duration.ofMillis(2500))
                .build();

        assertThat(api(client(retries().policy(policy).build()))
                        .list()
                        .execute()
                        .code())
                .isEqualTo(503);
        assertThat(time.attempts).isEqualTo(millis(0, 1000)); // the next would start at 3 s, past 2.5 s
    }

    @Test
    void aPolicyOnTheCallOverridesTheClients() throws IOException {
        server.enqueue(status(503));
        server.enqueue(status(503));
        server.enqueue(status(200));
        DevicesApi api = api(client(retries().build()));

        assertThat(api.list(RetryPolicy.none()).execute().code()).isEqualTo(503);
        RetryPolicy patient = RetryPolicy.defaults()
                .newBuilder()
                .baseDelay(Duration.ofSeconds(2))
                .build();
        assertThat(api.list(patient).execute().code()).isEqualTo(200);
        assertThat(time.attempts).isEqualTo(millis(0, 0, 2000));
    }

    @Test
    void onlyTheConfiguredStatusesAreRetried() throws IOException {
        server.enqueue(status(500));
        server.enqueue(status(409));
        server.enqueue(status(200));
        RetryPolicy policy =
                RetryPolicy.defaults().newBuilder().retryStatuses(409).build();

        assertThat(api(client(retries().policy(policy).build()))
                        .list()
                        .execute()
                        .code())
                .isEqualTo(500);
        assertThat(api(client(retries().policy(policy).build()))
                        .list()
                        .execute()
                        .code())
                .isEqualTo(200);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void unauthorizedIsTheAuthenticatorsNeverRetriedHere() {
        assertThatThrownBy(() -> RetryPolicy.defaults().newBuilder().retryStatuses(503, 401))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("401 is the authenticator's to answer, never retried by Retries");
        assertThatThrownBy(() -> RetryPolicy.defaults().newBuilder().retryStatuses(302))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an error status: 302");
    }

    @Test
    void composesWithTheBearerToken() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        TokenManager tokens = TokenManager.builder(
                        () -> AccessToken.bearer("tok-" + fetches.incrementAndGet(), Duration.ofHours(1)))
                .build();
        BearerAuth auth =
                BearerAuth.builder(tokens).allowOrigin(server.url("/")).build();
        OkHttpClient.Builder builder =
                new OkHttpClient.Builder().retryOnConnectionFailure(false).addInterceptor(time.attemptRecorder());
        OkHttpClient client = retries().build().applyTo(auth.applyTo(builder)).build();
        server.enqueue(status(401)); // the authenticator's: one refresh, one retry
        server.enqueue(status(503)); // ours
        server.enqueue(status(401)); // the authenticator's again: a new token
        server.enqueue(status(200));

        assertThat(api(client).list().execute().code()).isEqualTo(200);

        assertThat(requests())
                .extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2", "Bearer tok-2", "Bearer tok-3");
        assertThat(time.attempts).hasSize(2);
    }

    @Test
    void aFinal401IsNotRetried() throws IOException {
        server.enqueue(status(401));
        server.enqueue(status(200));

        assertThat(api(client(retries().build())).list().execute().code()).isEqualTo(401);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theBodyOfEachRetriedResponseIsClosed() throws IOException {
        List<Boolean> closed = new CopyOnWriteArrayList<>();
        server.enqueue(status(503));
        server.enqueue(status(503));
        server.enqueue(status(200));
        OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            int index = closed.size();
            closed.add(false);
            BufferedSource source =
                    Okio.buffer(new ForwardingSource(response.body().source()) {
                        @Override
                        public void close() throws IOException {
                            closed.set(index, true);
                            super.close();
                        }
                    });
            ResponseBody tracked = ResponseBody.create(source, response.body().contentType(), -1);
            return response.newBuilder().body(tracked).build();
        });
        OkHttpClient client = retries().build().applyTo(builder).build();

        retrofit2.Response<ResponseBody> response = api(client).list().execute();

        assertThat(closed).containsExactly(true, true, true); // Retrofit buffers and closes the last one itself
        assertThat(response.body().string()).isEqualTo("status 200");
    }

    @Test
    void aCanceledCallStopsWaiting() {
        server.enqueue(status(503, "10"));
        server.enqueue(status(200));
        AtomicInteger slices = new AtomicInteger();
        List<okhttp3.Call> calls = new ArrayList<>();
        Retries retries = retries()
                .sleeper(nanos -> {
                    if (slices.incrementAndGet() == 3) {
                        calls.get(0).cancel();
                    }
                })
                .build();
        okhttp3.Call call = client(retries)
                .newCall(new Request.Builder().url(server.url("/")).build());
        calls.add(call);

        assertThatThrownBy(call::execute).isInstanceOf(IOException.class).hasMessage("Canceled");
        assertThat(slices).hasValue(3);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
