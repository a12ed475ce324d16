package dev.retrospec.runtime.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
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

    record Instance(Process process, List<String> out, StringBuffer err, CountDownLatch ready, Reports reports) {}

    /** What an instance reported on stdout: the token it uses and every one it used (fingerprints), store events. */
    static final class Reports {
        volatile String token = "";
        final Set<String> used = ConcurrentHashMap.newKeySet();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger available = new AtomicInteger();
    }

    /** Every line the instances reported and when, for the story of a failed run. */
    final List<String> timeline = new CopyOnWriteArrayList<>();

    private final long epoch = System.nanoTime();

    /** Adds what the test did to the timeline. */
    void mark(String what) {
        timeline.add(String.format("%8.3f s  test        %s", (System.nanoTime() - epoch) / 1e9, what));
    }

    /** The timeline, with the stand-in's issued tokens (fingerprints) in their place. */
    void printTimeline() {
        List<String> story = new ArrayList<>(timeline);
        List<String> issued = microtek.issuedTokens();
        List<Long> at = microtek.issuedAtNanos();
        for (int i = 0; i < issued.size() && i < at.size(); i++) {
            story.add(String.format(
                    "%8.3f s  stand-in    issued #%d %s",
                    (at.get(i) - epoch) / 1e9,
                    i,
                    AccessToken.bearer(issued.get(i), null).fingerprint()));
        }
        story.sort(Comparator.comparingDouble(
                line -> Double.parseDouble(line.substring(0, 8).trim())));
        story.forEach(System.out::println);
    }

    /**
     * When the fetch that brought each token (by fingerprint) started, on {@link System#nanoTime()}: the instances'
     * and this JVM's readings are comparable, one monotonic clock of the machine (CLOCK_MONOTONIC on Linux).
     */
    private final Map<String, Long> fetchStarted = new ConcurrentHashMap<>();

    /** Signalled whenever an instance reports something. */
    private final Object reported = new Object();

    record Result(long requests, int failures, long p99us, int unavailable, int available) {}

    void launch(String redisUri, boolean drain) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < instances; i++) {
            int index = i;
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
            Instance instance = new Instance(
                    process, new CopyOnWriteArrayList<>(), new StringBuffer(), new CountDownLatch(1), new Reports());
            fleet.add(instance);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        instance.out.add(line);
                        timeline.add(String.format(
                                "%8.3f s  instance %d  %s", (System.nanoTime() - epoch) / 1e9, index, line));
                        if (line.startsWith("READY")) {
                            instance.ready.countDown();
                        } else if (line.startsWith("TOKEN ")) {
                            instance.reports.token = line.substring("TOKEN ".length());
                            instance.reports.used.add(instance.reports.token);
                        } else if (line.startsWith("ACQUIRED ")) {
                            String[] parts = line.split(" "); // ACQUIRED reason fingerprint startedNanos
                            fetchStarted.put(parts[2], Long.parseLong(parts[3]));
                        } else if (line.startsWith("STORE unavailable")) {
                            instance.reports.unavailable.incrementAndGet();
                        } else if (line.equals("STORE available")) {
                            instance.reports.available.incrementAndGet();
                        }
                        synchronized (reported) {
                            reported.notifyAll();
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

    /**
     * Waits until every live instance's reports satisfy {@code condition}. The bound (60 s) only turns a hang into a
     * failure: nothing here is a guess at how long something takes.
     */
    void awaitEvery(String what, Predicate<Reports> condition) throws InterruptedException {
        awaitTrue(what, () -> fleet.stream().filter(i -> i.process.isAlive()).allMatch(i -> condition.test(i.reports)));
    }

    /** Waits until {@code condition} holds, re-checking whenever an instance reports (and every 10 ms). */
    void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (reported) {
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime() - deadline)
                        .as("not within 60 s: " + what)
                        .isNegative();
                reported.wait(10);
            }
        }
    }

    /**
     * Waits for the next token the stand-in issues after now (a server-side count), then until every live instance
     * uses the latest; returns its index in {@link MicroTekStandIn#issuedTokens()}.
     */
    int awaitNextTokenOnEveryInstance() throws InterruptedException {
        return awaitEveryOnTheLatestFrom(microtek.issuedTokens().size());
    }

    /**
     * Waits until the stand-in has issued the token of {@code index} in {@link MicroTekStandIn#issuedTokens()} or a
     * later one, and every live instance uses the latest it issued; returns that one's index. A token replaced before
     * every instance reported it is no failure here: whether it was replaced too early is {@link #premature()}'s to
     * say.
     */
    int awaitEveryOnTheLatestFrom(int index) throws InterruptedException {
        AtomicInteger latest = new AtomicInteger();
        awaitTrue("every instance on the latest token, #" + index + " or later", () -> {
            List<String> issued = microtek.issuedTokens();
            if (issued.size() <= index) {
                return false;
            }
            latest.set(issued.size() - 1);
            String fingerprint = fingerprint(latest.get());
            return fleet.stream().filter(i -> i.process.isAlive()).allMatch(i -> i.reports.token.equals(fingerprint));
        });
        return latest.get();
    }

    /** How many live instances used the token of {@code index} in {@link MicroTekStandIn#issuedTokens()}. */
    long instancesThatUsed(int index) {
        String fingerprint = fingerprint(index);
        return fleet.stream()
                .filter(i -> i.process.isAlive() && i.reports.used.contains(fingerprint))
                .count();
    }

    /** Milliseconds between the stand-in's issuing the tokens of {@code from} and {@code to}. */
    long millisBetween(int from, int to) {
        List<Long> at = microtek.issuedAtNanos();
        return (at.get(to) - at.get(from)) / 1_000_000;
    }

    private String fingerprint(int index) {
        return AccessToken.bearer(microtek.issuedTokens().get(index), null).fingerprint();
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
        String logs = String.join(
                "\n",
                fleet.stream().map(i -> i.err + "\n" + String.join("\n", i.out)).toList());
        assertThat(logs).doesNotContain(secret);
        for (String token : microtek.issuedTokens()) {
            assertThat(logs).doesNotContain(token);
        }
        return results;
    }

    /**
     * Token requests that replaced a token which was neither revoked nor in its refresh window. A token's lifetime
     * counts from when its request was sent, so the window is measured from when the fetch that brought the previous
     * token started, as its fetcher reported it ({@code ACQUIRED}), else from when it was issued (its fetcher was
     * killed): under load a request can take a second from a cold JVM to the stand-in, and the refresh rightly comes
     * that much earlier.
     */
    int premature() {
        List<String> issued = microtek.issuedTokens();
        List<Long> at = microtek.issuedAtNanos();
        long earliest = lifetime.minus(margin).minusMillis(50 + 250).toNanos(); // skew allowance and slack
        int premature = 0;
        for (int i = 1; i < issued.size(); i++) {
            String previous = issued.get(i - 1);
            long since =
                    fetchStarted.getOrDefault(AccessToken.bearer(previous, null).fingerprint(), at.get(i - 1));
            if (!microtek.wasRevoked(previous) && at.get(i) - since < earliest) {
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
