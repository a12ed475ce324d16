package dev.retrospec.runtime.redis;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.time.Duration;
import java.util.List;

/**
 * {@code bench/fleet-soak}: the fleet of {@link FleetTest}, longer, with and without the shared store, one table row
 * each. Arguments: seconds per run, instances, threads, token lifetime in seconds, revocations per run.
 */
public final class FleetSoak {
    private FleetSoak() {}

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        int instances = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        Duration lifetime = Duration.ofSeconds(Long.parseLong(args[3]));
        int revocations = Integer.parseInt(args[4]);
        Duration margin = lifetime.dividedBy(3);
        System.out.printf(
                "%-24s %9s %7s %9s %14s %6s %11s %15s %9s %12s%n",
                "store",
                "instances",
                "threads",
                "lifetimes",
                "token requests",
                "401s",
                "revocations",
                "caller failures",
                "p99 ms",
                "requests");
        for (boolean shared : new boolean[] {true, false}) {
            RedisServer redis = RedisServer.onFreePort().start();
            try (MicroTekStandIn microtek = new MicroTekStandIn("soak-client", "soak-s3cr3t", lifetime).start();
                    Fleet fleet =
                            new Fleet(microtek, "soak-client", "soak-s3cr3t", lifetime, margin, instances, threads)) {
                fleet.launch(shared ? redis.uri() : "none", true);
                long start = System.nanoTime();
                long pause = seconds * 1000 / (revocations + 1);
                for (int i = 0; i < revocations; i++) {
                    Thread.sleep(pause);
                    microtek.revokeCurrentToken();
                }
                Thread.sleep(pause);
                List<Fleet.Result> results = fleet.finish();
                long elapsed = System.nanoTime() - start;
                System.out.printf(
                        "%-24s %9d %7d %9.1f %14d %6d %11d %15d %9.1f %12d%n",
                        shared ? "RedisTokenStore" : "none (in-memory each)",
                        instances,
                        threads,
                        elapsed / (double) lifetime.minus(margin).toNanos(),
                        microtek.tokenRequests(),
                        microtek.rejectedRequests(),
                        revocations,
                        results.stream().mapToInt(Fleet.Result::failures).sum(),
                        results.stream().mapToLong(Fleet.Result::p99us).max().orElse(0) / 1000.0,
                        results.stream().mapToLong(Fleet.Result::requests).sum());
            } finally {
                redis.stop();
            }
        }
        System.exit(0);
    }
}
