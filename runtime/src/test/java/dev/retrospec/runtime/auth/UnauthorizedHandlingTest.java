package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 401s against the strict stand-in, which accepts only the newest token. */
class UnauthorizedHandlingTest {
    private final MicroTekStandIn microtek = new MicroTekStandIn("client-1", "s3cr3t", Duration.ofHours(1));
    private OkHttpClient client;

    @BeforeEach
    void start() throws IOException {
        microtek.start();
        client = StandInClients.authorized(
                microtek,
                TokenManager.builder(StandInClients.provider(microtek, "client-1", "s3cr3t"))
                        .build());
    }

    @AfterEach
    void stop() {
        microtek.close();
    }

    private Response get(String path) throws IOException {
        return client.newCall(new Request.Builder()
                        .url(microtek.apiUrl().resolve(path))
                        .build())
                .execute();
    }

    private long apiCalls(String path) {
        return microtek.exchanges().stream()
                .filter(e -> e.path().equals("/v1/" + path))
                .count();
    }

    @Test
    void twentyInFlightRequestsRejectedTogetherCauseOneNewToken() throws Exception {
        try (Response warmUp = get("devices/dev-1")) {
            assertThat(warmUp.code()).isEqualTo(200);
        }
        CountDownLatch arrived = new CountDownLatch(20);
        CountDownLatch release = new CountDownLatch(1);
        microtek.beforeApiCheck(request -> {
            if (request.getUrl().encodedPath().equals("/v1/devices")) {
                arrived.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> {
                    try (Response response = get("devices")) {
                        return response.code();
                    }
                }));
            }
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            microtek.beforeApiCheck(request -> {}); // the retries pass straight through
            microtek.revokeCurrentToken(); // all 20 now hold a dead token
            release.countDown();
            for (Future<Integer> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(microtek.tokenRequests()).isEqualTo(2); // the first token and exactly one replacement
        assertThat(apiCalls("devices")).isEqualTo(40); // each request: one 401, one retry, no more
        assertThat(microtek.rejectedRequests()).isEqualTo(20);
    }

    @Test
    void aRequestHoldingAnOlderTokenRetriesWithTheCurrentOneWithoutAFetch() throws Exception {
        try (Response first = get("devices/dev-1")) {
            assertThat(first.code()).isEqualTo(200);
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        microtek.beforeApiCheck(request -> {
            if (request.getUrl().encodedPath().equals("/v1/devices/dev-2")) {
                held.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slow = pool.submit(() -> {
                try (Response response = get("devices/dev-2")) {
                    return response.code();
                }
            });
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            microtek.revokeCurrentToken();
            try (Response fast = get("devices/dev-1")) { // 401, refresh to T2, retry: 200
                assertThat(fast.code()).isEqualTo(200);
            }
            microtek.beforeApiCheck(request -> {});
            release.countDown(); // the slow request still carries T1: 401, then retried with T2
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    @Test
    void whenEveryTokenIsRejectedTheThird401GoesToTheCallerAfterOneFetchPerRejection() throws IOException {
        microtek.afterTokenCheck(request -> new MockResponse.Builder()
                .code(401)
                .setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .build());

        try (Response response = get("devices/dev-1")) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.priorResponse()).isNotNull();
            assertThat(response.priorResponse().priorResponse()).isNotNull();
            assertThat(response.priorResponse().priorResponse().priorResponse()).isNull();
        }
        assertThat(microtek.tokenRequests()).isEqualTo(3); // the first token, then one per rejection
        assertThat(apiCalls("devices/dev-1")).isEqualTo(3);
    }

    @Test
    void aRetryWhoseTokenIsReplacedBeforeItIsAnsweredIsRetriedWithTheNewerOne() throws Exception {
        try (Response first = get("devices/dev-1")) {
            assertThat(first.code()).isEqualTo(200);
        }
        List<String> issued = microtek.issuedTokens();
        microtek.revokeCurrentToken();
        // The retry with the second token arrives after the server revoked that one too (an administrator, or another
        // instance refreshing): a third attempt with a third token gets through.
        microtek.beforeApiCheck(request -> {
            List<String> now = microtek.issuedTokens();
            if (now.size() == 2
                    && ("Bearer " + now.get(1)).equals(request.getHeaders().get("Authorization"))) {
                microtek.revokeCurrentToken();
            }
        });

        try (Response response = get("devices/dev-1")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.priorResponse().code()).isEqualTo(401);
            assertThat(response.priorResponse().priorResponse().code()).isEqualTo(401);
        }
        assertThat(issued).hasSize(1);
        assertThat(microtek.tokenRequests()).isEqualTo(3); // one fetch per rejection, no more
        assertThat(apiCalls("devices/dev-1")).isEqualTo(4);
    }

    @Test
    void forbiddenNeverRefreshes() throws IOException {
        microtek.afterTokenCheck(request -> new MockResponse.Builder()
                .code(403)
                .setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"admin\"")
                .build());

        try (Response response = get("devices/dev-1")) {
            assertThat(response.code()).isEqualTo(403);
        }
        assertThat(microtek.tokenRequests()).isEqualTo(1);
        assertThat(apiCalls("devices/dev-1")).isEqualTo(1);
    }

    @Test
    void a401ThatBlamesTheScopeOrTheRequestDoesNotRefresh() throws IOException {
        for (String error : List.of("insufficient_scope", "invalid_request")) {
            microtek.afterTokenCheck(request -> new MockResponse.Builder()
                    .code(401)
                    .setHeader("WWW-Authenticate", "Bearer realm=\"microtek\", error=\"" + error + "\"")
                    .build());
            try (Response response = get("devices/dev-1")) {
                assertThat(response.code()).isEqualTo(401);
            }
        }
        assertThat(microtek.tokenRequests()).isEqualTo(1);
        assertThat(apiCalls("devices/dev-1")).isEqualTo(2);
    }

    @Test
    void a401ChallengingAnotherSchemeDoesNotRefresh() throws IOException {
        microtek.afterTokenCheck(request -> new MockResponse.Builder()
                .code(401)
                .setHeader("WWW-Authenticate", "Basic realm=\"legacy\"")
                .build());
        try (Response response = get("devices/dev-1")) {
            assertThat(response.code()).isEqualTo(401);
        }
        assertThat(microtek.tokenRequests()).isEqualTo(1);
    }

    @Test
    void invalidTokenChallengeRefreshesAndRetries() throws IOException {
        try (Response first = get("devices/dev-1")) {
            assertThat(first.code()).isEqualTo(200);
        }
        microtek.revokeCurrentToken(); // the stand-in answers: WWW-Authenticate: Bearer ..., error="invalid_token"
        try (Response response = get("devices/dev-1")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.priorResponse().code()).isEqualTo(401);
            assertThat(response.priorResponse().header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aOneShotBodyIsNotReplayedButTheDeadTokenIsDropped() throws IOException {
        try (Response first = get("devices/dev-1")) {
            assertThat(first.code()).isEqualTo(200);
        }
        microtek.revokeCurrentToken();
        RequestBody oneShot = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/json");
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8("{\"name\":\"Streamed\"}");
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
        try (Response response = client.newCall(new Request.Builder()
                        .url(microtek.apiUrl().resolve("devices"))
                        .post(oneShot)
                        .build())
                .execute()) {
            assertThat(response.code()).isEqualTo(401);
        }
        assertThat(microtek.exchanges().stream()
                        .filter(e -> e.method().equals("POST") && e.path().equals("/v1/devices"))
                        .count())
                .isEqualTo(1);

        try (Response next = get("devices/dev-1")) { // the next call fetches a new token up front: no 401
            assertThat(next.code()).isEqualTo(200);
            assertThat(next.priorResponse()).isNull();
        }
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
