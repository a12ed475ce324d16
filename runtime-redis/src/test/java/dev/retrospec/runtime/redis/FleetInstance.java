package dev.retrospec.runtime.redis;

import dev.retrospec.runtime.auth.BearerAuth;
import dev.retrospec.runtime.auth.ClientCredentialsTokenProvider;
import dev.retrospec.runtime.auth.TokenListener;
import dev.retrospec.runtime.auth.TokenManager;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One instance of a service in its own JVM, for {@link FleetTest} and {@code bench/fleet-soak}: {@code threads}
 * callers of the stand-in's API until a line arrives on stdin, then one result line on stdout. Meanwhile it reports on
 * stdout, for the test to wait on: {@code TOKEN <fingerprint>} when the token it uses changes, {@code ACQUIRED
 * <reason> <fingerprint> <nanoTime when the fetch started>} when it fetched one, {@code STORE unavailable <why>} and
 * {@code STORE available} when the token manager says so. Fingerprints only, never a token.
 *
 * <p>Arguments: redis URI (or {@code none} for no shared store), token URL, API URL, client id, secret, threads,
 * drain (true/false), token lifetime margin in ms.
 */
public final class FleetInstance {
    private FleetInstance() {}

    public static void main(String[] args) throws Exception {
        String redisUri = args[0];
        HttpUrl tokenUrl = HttpUrl.get(args[1]);
        HttpUrl apiUrl = HttpUrl.get(args[2]);
        String clientId = args[3];
        String secret = args[4];
        int threads = Integer.parseInt(args[5]);
        boolean drain = Boolean.parseBoolean(args[6]);
        Duration margin = Duration.ofMillis(Long.parseLong(args[7]));

        // The latency buffers first: allocated after joining the fleet they cost a starting JVM (and its lease, if it
        // holds it) the collections that make a refresh late; a quarter of a million requests per thread is plenty.
        List<long[]> latencies = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            latencies.add(new long[1 << 18]);
        }
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger available = new AtomicInteger();
        TokenManager.Builder manager = TokenManager.builder(
                        ClientCredentialsTokenProvider.builder(tokenUrl, clientId, secret)
                                .scopes(MicroTekStandIn.SCOPE)
                                .build())
                .refreshMargin(margin)
                .clockSkew(Duration.ofMillis(50))
                .leaseTtl(Duration.ofSeconds(2))
                .storeFallbackInterval(Duration.ofSeconds(2))
                .listener(new TokenListener() {
                    @Override
                    public void onAcquired(Acquired event) {
                        long started = System.nanoTime() - event.duration().toNanos();
                        System.out.println("ACQUIRED " + event.reason() + " " + event.fingerprint() + " " + started);
                    }

                    @Override
                    public void onStoreUnavailable(StoreUnavailable event) {
                        unavailable.incrementAndGet();
                        System.out.println("STORE unavailable " + event.error());
                    }

                    @Override
                    public void onStoreAvailable(StoreAvailable event) {
                        available.incrementAndGet();
                        System.out.println("STORE available");
                    }
                });
        RedisClient redis = null;
        if (!redisUri.equals("none")) {
            // Lettuce's default reconnect delay doubles up to 30 s: after a restart, instances would see Redis again
            // up to seconds after it answers. A bounded delay, as a service that cares about outages configures it.
            redis = RedisClient.create(
                    DefaultClientResources.builder()
                            .reconnectDelay(Delay.constant(Duration.ofMillis(50)))
                            .build(),
                    redisUri);
            manager.store(RedisTokenStore.create(redis));
        }
        if (drain) {
            manager.drainInFlightBeforeRefresh(Duration.ofSeconds(5));
        }
        TokenManager tokens = manager.build();
        tokens.token(); // warm: connected to Redis (or fallen back) and holding a token before READY
        AtomicBoolean stop = new AtomicBoolean();
        Thread monitor = new Thread(() -> {
            String reported = "";
            while (!stop.get()) {
                try {
                    String now = tokens.token().fingerprint();
                    if (!now.equals(reported)) {
                        System.out.println("TOKEN " + now);
                        reported = now;
                    }
                } catch (IOException e) {
                    // the callers count failures; this only reports
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        monitor.setDaemon(true);
        monitor.start();
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        BearerAuth.builder(tokens).allowOrigin(apiUrl).build().applyTo(http);
        OkHttpClient client = http.build();
        Request request =
                new Request.Builder().url(apiUrl.resolve("devices/dev-1")).build();

        AtomicInteger failures = new AtomicInteger();
        AtomicLong requests = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long[] mine = latencies.get(i);
            workers.add(pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try (Response response = client.newCall(request).execute()) {
                        if (response.code() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                    if (n < mine.length - 1) {
                        mine[++n] = System.nanoTime() - start;
                        mine[0] = n;
                    }
                    requests.incrementAndGet();
                }
            }));
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long[] all = latencies.stream()
                .flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1))
                .sorted()
                .toArray();
        long p99 = all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)];
        System.out.println("RESULT requests=" + requests.get() + " failures=" + failures.get() + " p99us=" + p99 / 1000
                + " unavailable=" + unavailable.get() + " available=" + available.get());
        if (redis != null) {
            redis.shutdown();
        }
        System.exit(0);
    }
}
