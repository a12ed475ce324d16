package dev.retrospec.runtime.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.auth.TokenStoreBinding;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    private final Fleet fleet = new Fleet(microtek, ID, SECRET, LIFETIME, MARGIN, INSTANCES, THREADS);
    private RedisServer redis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.onFreePort();
        microtek.start();
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
        microtek.close();
        redis.stop();
    }

    @Test
    void oneTokenPerLifetimeAndPerRevocationAcrossTheFleetWithoutFailuresOr401sOfItsOwn() throws Exception {
        redis.start();
        fleet.launch(redis.uri(), true);
        long start = System.nanoTime();
        Thread.sleep(2500);
        microtek.revokeCurrentToken();
        Thread.sleep(2500);
        microtek.revokeCurrentToken();
        Thread.sleep(2500);
        List<Fleet.Result> results = fleet.finish();
        fleet.print("steady+revocations", results, System.nanoTime() - start, 2, "");

        assertThat(results).hasSize(INSTANCES);
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).isZero());
        assertThat(microtek.maxTokenRequestsInFlight()).isEqualTo(1);
        assertThat(microtek.rejectedRequests() - microtek.rejectedRevoked()).isZero();
        assertThat(fleet.premature()).isZero();
        assertThat(fleet.revocationReplacements()).isLessThanOrEqualTo(2);
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
            fleet.launch(redis.uri(), true);
            armed.set(true);
            long start = System.nanoTime();
            Thread.sleep(6000);
            List<Fleet.Result> results = fleet.finish();
            Duration succession = Duration.ofNanos(successorAt.get() - killedAt.get());
            fleet.print(
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
        fleet.launch(redis.uri(), true);
        long start = System.nanoTime();
        while (microtek.tokenRequests() < 2) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        redis.stop(); // its data goes with it
        Thread.sleep(500);
        redis.start();
        Thread.sleep(5000);
        List<Fleet.Result> results = fleet.finish();
        fleet.print("redis restarted", results, System.nanoTime() - start, 0, "outage 500 ms after a refresh");

        assertThat(results).hasSize(INSTANCES);
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).isZero());
        assertThat(microtek.maxTokenRequestsInFlight()).isEqualTo(1);
        assertThat(fleet.premature()).isZero();
    }

    @Test
    void redisDownFromTheStartMeansABoundedRateOneEventEachAndTheSharedTokenOnceItIsUp() throws Exception {
        fleet.launch(
                redis.uri(),
                true); // no Redis yet: each instance fell back and fetched its own first token before READY
        long start = System.nanoTime();
        Thread.sleep(4000);
        int duringOutage = microtek.tokenRequests();
        redis.start();
        Thread.sleep(5000);
        int before = microtek.tokenRequests();
        long lastStretch = System.nanoTime();
        Thread.sleep(3000);
        int lastThree = microtek.tokenRequests() - before;
        List<Fleet.Result> results = fleet.finish();
        fleet.print(
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
