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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steady load across many token lifetimes against the strict stand-in. Each proactive refresh invalidates the token
 * of requests still on the wire; those come back 401 and are retried with the new token. Callers never see it; the
 * test reports how often it happened, and drain mode must make it never happen.
 *
 * <p>Timing-free: token lifetimes pass on a {@link FakeTicker} that the test moves once per round, after the
 * previous round's token is in use (counted, not timed); the stand-in's own lifetime is an hour and never runs out.
 * So each round is exactly one refresh, however slow the machine.
 */
class SelfInflictedUnauthorizedSoakTest {
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final int ROUNDS = 25;
    private static final int THREADS = 8;

    @ParameterizedTest(name = "drain in-flight requests before refresh: {0}")
    @ValueSource(booleans = {false, true})
    void steadyLoadSeesNoFailuresAndOneTokenPerLifetime(boolean drain) throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (MicroTekStandIn microtek = new MicroTekStandIn("soak", "s3cr3t", LIFETIME).start()) {
            microtek.beforeApiCheck(request -> pause()); // server-side latency: requests overlap the refreshes
            TokenManager.Builder manager = TokenManager.builder(StandInClients.provider(microtek, "soak", "s3cr3t"))
                    .ticker(ticker)
                    .refreshMargin(MARGIN);
            if (drain) {
                manager.drainInFlightBeforeRefresh(Duration.ofSeconds(5));
            }
            OkHttpClient client = StandInClients.authorized(microtek, manager.build());
            Request request = new Request.Builder()
                    .url(microtek.apiUrl().resolve("devices/dev-1"))
                    .build();

            AtomicInteger failures = new AtomicInteger();
            AtomicLong requests = new AtomicLong();
            AtomicLongArray calls = new AtomicLongArray(THREADS); // calls each thread completed
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int thread = i;
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        try (Response response = client.newCall(request).execute()) {
                            if (response.code() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                        requests.incrementAndGet();
                        calls.incrementAndGet(thread);
                    }
                }));
            }
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    int issued = round;
                    long[] before = snapshot(calls);
                    // The round's token is in use by every thread (each finished two calls since the round began, so
                    // no call spans two refreshes, however a loaded machine schedules the threads): then its
                    // lifetime runs out on the ticker.
                    awaitProgress(() -> microtek.tokenRequests() == issued && everyThreadFinished(calls, before, 2));
                    ticker.advance(LIFETIME.minus(MARGIN));
                }
                long[] before = snapshot(calls);
                awaitProgress(() -> microtek.tokenRequests() == ROUNDS + 1 && everyThreadFinished(calls, before, 2));
            } finally {
                stop.set(true);
                for (Future<?> worker : workers) {
                    worker.get(30, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }

            System.out.printf(
                    "soak drain=%s: %d requests over %d token lifetimes, %d token requests, %d caller-visible"
                            + " failures, %d self-inflicted 401s%n",
                    drain,
                    requests.get(),
                    ROUNDS,
                    microtek.tokenRequests(),
                    failures.get(),
                    microtek.rejectedRequests());

            assertThat(failures.get()).isZero();
            assertThat(microtek.tokenRequests()).isEqualTo(ROUNDS + 1);
            if (drain) {
                assertThat(microtek.rejectedRequests()).isZero();
            }
        }
    }

    private static long[] snapshot(AtomicLongArray calls) {
        long[] now = new long[calls.length()];
        for (int i = 0; i < now.length; i++) {
            now[i] = calls.get(i);
        }
        return now;
    }

    private static boolean everyThreadFinished(AtomicLongArray calls, long[] before, int more) {
        for (int i = 0; i < before.length; i++) {
            if (calls.get(i) < before[i] + more) {
                return false;
            }
        }
        return true;
    }

    /** Waits for the workers to get somewhere; a bound only so that a hang fails instead of blocking the build. */
    private static void awaitProgress(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("no progress within 60 s")
                    .isNegative();
            Thread.sleep(1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
