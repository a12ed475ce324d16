package dev.retrospec.runtime.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet of {@link FleetInstance} JVMs against one {@link MicroTekStandIn}, and the figures of a run: for {@link
 * FleetTest} and {@link FleetSoak}.
 */
final class Fleet implements AutoCloseable {
    final MicroTekStandIn microtek;
    final String id;
    final String secret;
    final Duration lifetime;
    final Duration margin;
    final int instances;
    final int threads;
    final List<Instance> fleet = new ArrayList<>();

    Fleet(
            MicroTekStandIn microtek,
            String id,
            String secret,
            Duration lifetime,
            Duration margin,
            int instances,
            int threads) {
        this.microtek = microtek;
        this.id = id;
        this.secret = secret;
        this.lifetime = lifetime;
        this.margin = margin;
        this.instances = instances;
        this.threads = threads;
    }

    record Instance(Process process, List<String> out, StringBuffer err, CountDownLatch ready) {}

    record Result(long requests, int failures, long p99us, int unavailable, int available) {}

    void launch(String redisUri, boolean drain) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < instances; i++) {
            Process process = new ProcessBuilder(
                            java,
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            FleetInstance.class.getName(),
                            redisUri,
                            microtek.tokenUrl().toString(),
                            microtek.apiUrl().toString(),
                            id,
                            secret,
                            Integer.toString(threads),
                            Boolean.toString(drain),
                            Long.toString(margin.toMillis()))
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
    List<Result> finish() throws Exception {
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
        assertThat(logs).doesNotContain(secret);
        for (String token : microtek.issuedTokens()) {
            assertThat(logs).doesNotContain(token);
        }
        return results;
    }

    /** Token requests that replaced a token which was neither revoked nor in its refresh window. */
    int premature() {
        List<String> issued = microtek.issuedTokens();
        List<Long> at = microtek.issuedAtNanos();
        long earliest = lifetime.minus(margin).minusMillis(50 + 250).toNanos(); // skew allowance and slack
        int premature = 0;
        for (int i = 1; i < issued.size(); i++) {
            if (!microtek.wasRevoked(issued.get(i - 1)) && at.get(i) - at.get(i - 1) < earliest) {
                premature++;
            }
        }
        return premature;
    }

    int revocationReplacements() {
        List<String> issued = microtek.issuedTokens();
        int n = 0;
        for (int i = 0; i + 1 < issued.size(); i++) {
            if (microtek.wasRevoked(issued.get(i))) {
                n++;
            }
        }
        return n;
    }

    void print(String scenario, List<Result> results, long elapsedNanos, int revocations, String more) {
        long requests = results.stream().mapToLong(Result::requests).sum();
        int failures = results.stream().mapToInt(Result::failures).sum();
        long p99 = results.stream().mapToLong(Result::p99us).max().orElse(0);
        double lifetimes = elapsedNanos / (double) lifetime.minus(margin).toNanos();
        System.out.printf(
                "fleet %-22s instances=%d threads=%d elapsed=%.1fs lifetimes=%.1f revocations=%d token-requests=%d"
                        + " max-token-requests-in-flight=%d 401s=%d (revoked %d, self-inflicted %d)"
                        + " caller-failures=%d requests=%d p99=%.1fms premature-refreshes=%d %s%n",
                scenario,
                instances,
                threads,
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

    @Override
    public void close() {
        for (Instance instance : fleet) {
            instance.process.destroyForcibly();
        }
    }
}
