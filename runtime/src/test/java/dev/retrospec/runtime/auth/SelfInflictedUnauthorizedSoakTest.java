package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steady load across several token lifetimes against the strict stand-in. Each proactive refresh invalidates the
 * token of requests still on the wire; those come back 401 and are retried with the new token. Callers never see
 * it; the test reports how often it happened, and drain mode must make it never happen.
 */
class SelfInflictedUnauthorizedSoakTest {
    private static final Duration LIFETIME = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofMillis(500);
    private static final Duration RUN = Duration.ofSeconds(6);
    private static final int THREADS = 8;

    @ParameterizedTest(name = "drain in-flight requests before refresh: {0}")
    @ValueSource(booleans = {false, true})
    void steadyLoadSeesNoFailuresAndOneTokenPerLifetime(boolean drain) throws Exception {
        try (MicroTekStandIn microtek = new MicroTekStandIn("soak", "s3cr3t", LIFETIME).start()) {
            microtek.beforeApiCheck(request -> pause(3)); // server-side latency: requests overlap the refreshes
            TokenManager.Builder manager = TokenManager.builder(
                            ClientCredentialsTokenProvider.builder(microtek.tokenUrl(), "soak", "s3cr3t")
                                    .scopes(MicroTekStandIn.SCOPE)
                                    .build())
                    .refreshMargin(MARGIN);
            if (drain) {
                manager.drainInFlightBeforeRefresh(Duration.ofSeconds(1));
            }
            OkHttpClient.Builder http = new OkHttpClient.Builder();
            BearerAuth.builder(manager.build())
                    .allowOrigin(microtek.apiUrl())
                    .build()
                    .applyTo(http);
            OkHttpClient client = http.build();
            Request request = new Request.Builder()
                    .url(microtek.apiUrl().resolve("devices/dev-1"))
                    .build();

            AtomicInteger failures = new AtomicInteger();
            AtomicLong requests = new AtomicLong();
            long start = System.nanoTime();
            long end = start + RUN.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try (Response response = client.newCall(request).execute()) {
                            if (response.code() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                        requests.incrementAndGet();
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double lifetimes = elapsed / (LIFETIME.minus(MARGIN).toMillis() / 1000.0);

            System.out.printf(
                    "soak drain=%s: %d requests in %.1f s over %.1f token lifetimes (%d ms each, %d ms margin),"
                            + " %d token requests, %d caller-visible failures, %d self-inflicted 401s%n",
                    drain,
                    requests.get(),
                    elapsed,
                    lifetimes,
                    LIFETIME.toMillis(),
                    MARGIN.toMillis(),
                    microtek.tokenRequests(),
                    failures.get(),
                    microtek.rejectedRequests());

            assertThat(failures.get()).isZero();
            assertThat(microtek.tokenRequests()).isBetween((int) Math.floor(lifetimes), (int) Math.ceil(lifetimes) + 1);
            if (drain) {
                assertThat(microtek.rejectedRequests()).isZero();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
