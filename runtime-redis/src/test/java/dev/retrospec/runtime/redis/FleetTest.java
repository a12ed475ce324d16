package dev.retrospec.runtime.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.auth.TokenStoreBinding;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four JVMs (separate {@code java} processes) of sixteen threads each, sharing one token through a real
 * redis-server, against the strict MicroTek stand-in whose tokens live 3 s (refreshed 1 s early, every 2 s): steady
 * load with revocations, the lease holder killed with {@code kill -9} mid-fetch, Redis restarted mid-run, Redis down
 * from the start. Each prints its figures. The stand-in counts token requests in flight at once across the fleet,
 * and tells 401s for revoked tokens from self-inflicted ones.
 */
class FleetTest {
    private static final int INSTANCES = 4;
    private static final int THREADS = 16;
    private static final Duration LIFETIME = Duration.ofSeconds(3);
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration LEASE_TTL = Duration.ofSeconds(2); // FleetInstance's
    private static final String ID = "fleet-client";
    private static final String SECRET = "fleet-s3cr3t-Value";

    private final MicroTekStandIn microtek = new MicroTekStandIn(ID, SECRET, LIFETIME);
    private final List<Instance> fleet = new ArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.onFreePort();
        microtek.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Instance instance : fleet) {
            instance.process.destroyForcibly();
        }
        microtek.close();
        redis.stop();
    }

    private record Instance(Process process, List<String> out, StringBuffer err, CountDownLatch ready) {}

    private record Result(long requests, int failures, long p99us, int unavailable, int available) {}

    private void launch() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < INSTANCES; i++) {
            Process process = new ProcessBuilder(
                            java,
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            FleetInstance.class.getName(),
                            redis.uri(),
                            microtek.tokenUrl().toString(),
                            microtek.apiUrl().toString(),
                            ID,
                            SECRET,
                            Integer.toString(THREADS),
                            "true",
                            Long.toString(MARGIN.toMillis()))
                    .start();
            Instance instance =
                    new Instance(process, new CopyOnWriteArrayList<>(), new StringBuffer(), new CountDownLatch(1));
            fleet.add(instance);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        instance.out.add(line);
                        if (line.startsWith("READY")) {
                            instance.ready.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            Thread errors = new Thread(() -> {
                try {
                    instance.err.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process is gone
                }
            });
            errors.setDaemon(true);
            errors.start();
        }
        for (Instance instance : fleet) {
            assertThat(instance.ready.await(60, TimeUnit.SECONDS))
                    .as("instance started")
                    .isTrue();
        }
    }

    /** Stops the live instances and collects their results. */
    private List<Result> finish() throws Exception {
        List<Result> results = new ArrayList<>();
        for (Instance instance : fleet) {
            if (instance.process.isAlive()) {
                OutputStream in = instance.process.getOutputStream();
                in.write('\n');
                in.flush();
            }
        }
        Pattern result = Pattern.compile(
                "RESULT requests=(\\d+) failures=(\\d+) p99us=(\\d+) unavailable=(\\d+) available=(\\d+)");
        for (Instance instance : fleet) {
            if (!instance.process.waitFor(60, TimeUnit.SECONDS) || instance.process.exitValue() != 0) {
                continue; // killed
            }
            Thread.sleep(50); // the reader thread takes the last line
            for (String line : instance.out) {
                Matcher m = result.matcher(line);
                if (m.matches()) {
                    results.add(new Result(
                            Long.parseLong(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            Long.parseLong(m.group(3)),
                            Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5))));
                }
            }
        }
        String logs =
                String.join("\n", fleet.stream().map(i -> i.err.toString()).toList());
        assertThat(logs).doesNotContain(SECRET);
        for (String token : microtek.issuedTokens()) {
            assertThat(logs).doesNotContain(token);
        }
        return results;
    }

    /** Token requests that replaced a token which was neither revoked nor in its refresh window. */
    private int premature() {
        List<String> issued = microtek.issuedTokens();
        List<Long> at = microtek.issuedAtNanos();
        long earliest = LIFETIME.minus(MARGIN).minusMillis(50 + 250).toNanos(); // skew allowance and slack
        int premature = 0;
        for (int i = 1; i < issued.size(); i++) {
            if (!microtek.wasRevoked(issued.get(i - 1)) && at.get(i) - at.get(i - 1) < earliest) {
                premature++;
            }
        }
        return premature;
    }

    private int revocationReplacements() {
        List<String> issued = microtek.issuedTokens();
        int n = 0;
        for (int i = 0; i + 1 < issued.size(); i++) {
            if (microtek.wasRevoked(issued.get(i))) {
                n++;
            }
        }
        return n;
    }

    private void print(String scenario, List<Result> results, long elapsedNanos, int revocations, String more) {
        long requests = results.stream().mapToLong(Result::requests).sum();
        int failures = results.stream().mapToInt(Result::failures).sum();
        long p99 = results.stream().mapToLong(Result::p99us).max().orElse(0);
        double lifetimes = elapsedNanos / (double) LIFETIME.minus(MARGIN).toNanos();
        System.out.printf(
                "fleet %-22s instances=%d threads=%d elapsed=%.1fs lifetimes=%.1f revocations=%d token-requests=%d"
                        + " max-token-requests-in-flight=%d 401s=%d (revoked %d, self-inflicted %d)"
                        + " caller-failures=%d requests=%d p99=%.1fms premature-refreshes=%d %s%n",
                scenario,
                INSTANCES,
                THREADS,
                elapsedNanos / 1e9,
                lifetimes,
                revocations,
                microtek.tokenRequests(),
                microtek.maxTokenRequestsInFlight(),
                microtek.rejectedRequests(),
                microtek.rejectedRevoked(),
                microtek.rejectedRequests() - microtek.rejectedRevoked(),
                failures,
                requests,
                p99 / 1000.0,
                premature(),
                more);
    }

    @Test
    void oneTokenPerLifetimeAndPerRevocationAcrossTheFleetWithoutFailuresOr401sOfItsOwn() throws Exception {
        redis.start();
        launch();
        long start = System.nanoTime();
        Thread.sleep(2500);
        microtek.revokeCurrentToken();
        Thread.sleep(2500);
        microtek.revokeCurrentToken();
        Thread.sleep(2500);
        List<Result> results = finish();
        print("steady+revocations", results, System.nanoTime() - start, 2, "");

        assertThat(results).hasSize(INSTANCES);
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).isZero());
        assertThat(microtek.maxTokenRequestsInFlight()).isEqualTo(1);
        assertThat(microtek.rejectedRequests() - microtek.rejectedRevoked()).isZero();
        assertThat(premature()).isZero();
        assertThat(revocationReplacements()).isLessThanOrEqualTo(2);
        assertThat(microtek.tokenRequests()).isGreaterThanOrEqualTo(4); // first, two revocations, expiry refreshes
    }

    @Test
    void theLeaseHolderKilledMidFetchIsSucceededWithinTheLeaseTtl() throws Exception {
        redis.start();
        String leaseKey = "retrospec:{"
                + TokenStoreBinding.forClientCredentials(
                                microtek.tokenUrl(), ID, List.of(MicroTekStandIn.SCOPE), SECRET)
                        .namespace()
                + "}:lease";
        AtomicLong killedAt = new AtomicLong();
        AtomicLong successorAt = new AtomicLong();
        AtomicBoolean armed = new AtomicBoolean();
        AtomicInteger armedCalls = new AtomicInteger();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            microtek.beforeTokenAnswer(request -> {
                if (!armed.get()) {
                    return; // instances still starting
                }
                int call = armedCalls.incrementAndGet();
                if (call == 1) { // the first refresh after start: kill whoever holds the lease, mid-fetch
                    String holder = raw.sync().get(leaseKey);
                    long pid = Long.parseLong(holder.substring(0, holder.indexOf('/')));
                    ProcessHandle.of(pid).ifPresent(p -> {
                        p.destroyForcibly(); // SIGKILL
                        p.onExit().join();
                    });
                    killedAt.set(System.nanoTime());
                } else if (call == 2) {
                    successorAt.set(System.nanoTime());
                }
            });
            launch();
            armed.set(true);
            long start = System.nanoTime();
            Thread.sleep(6000);
            List<Result> results = finish();
            Duration succession = Duration.ofNanos(successorAt.get() - killedAt.get());
            print(
                    "kill -9 lease holder",
                    results,
                    System.nanoTime() - start,
                    0,
                    "successor after " + succession.toMillis() + " ms (lease TTL " + LEASE_TTL.toMillis() + " ms)");

            assertThat(killedAt.get()).isPositive();
            assertThat(results).hasSize(INSTANCES - 1);
            assertThat(results).allSatisfy(r -> assertThat(r.failures()).isZero());
            assertThat(succession).isLessThanOrEqualTo(LEASE_TTL.plusMillis(500));
            assertThat(microtek.maxTokenRequestsInFlight()).isEqualTo(1);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void redisRestartedMidRunLosesNothingTheFleetNeeds() throws Exception {
        redis.start();
        launch();
        long start = System.nanoTime();
        while (microtek.tokenRequests() < 2) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        redis.stop(); // its data goes with it
        Thread.sleep(500);
        redis.start();
        Thread.sleep(5000);
        List<Result> results = finish();
        print("redis restarted", results, System.nanoTime() - start, 0, "outage 500 ms after a refresh");

        assertThat(results).hasSize(INSTANCES);
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).isZero());
        assertThat(microtek.maxTokenRequestsInFlight()).isEqualTo(1);
        assertThat(premature()).isZero();
    }

    @Test
    void redisDownFromTheStartMeansABoundedRateOneEventEachAndTheSharedTokenOnceItIsUp() throws Exception {
        launch(); // no Redis yet: each instance fell back and fetched its own first token before READY
        long start = System.nanoTime();
        Thread.sleep(4000);
        int duringOutage = microtek.tokenRequests();
        redis.start();
        Thread.sleep(5000);
        int before = microtek.tokenRequests();
        long lastStretch = System.nanoTime();
        Thread.sleep(3000);
        int lastThree = microtek.tokenRequests() - before;
        List<Result> results = finish();
        print(
                "redis down from start",
                results,
                System.nanoTime() - start,
                0,
                "token requests during the 4 s outage=" + duringOutage + ", in the last 3 s=" + lastThree + " "
                        + Map.of("elapsed-last", (System.nanoTime() - lastStretch) / 1_000_000));

        assertThat(results).hasSize(INSTANCES);
        // At most one request per instance per 1 s fallback interval, with a request's retries: never a storm.
        assertThat(duringOutage).isLessThanOrEqualTo(INSTANCES * (4 + 1) * 2);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.unavailable()).isEqualTo(1);
            assertThat(r.available()).isEqualTo(1);
        });
        assertThat(lastThree).isLessThanOrEqualTo(2); // back to one token per 2 s for the whole fleet
    }
}
