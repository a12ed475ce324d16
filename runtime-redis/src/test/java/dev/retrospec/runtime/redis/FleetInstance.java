package dev.retrospec.runtime.redis;

import dev.retrospec.runtime.auth.BearerAuth;
import dev.retrospec.runtime.auth.ClientCredentialsTokenProvider;
import dev.retrospec.runtime.auth.TokenListener;
import dev.retrospec.runtime.auth.TokenManager;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import io.lettuce.core.RedisClient;
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
 * callers of the stand-in's API until a line arrives on stdin, then one result line on stdout.
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

        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger available = new AtomicInteger();
        TokenManager.Builder manager = TokenManager.builder(
                        ClientCredentialsTokenProvider.builder(tokenUrl, clientId, secret)
                                .scopes(MicroTekStandIn.SCOPE)
                                .build())
                .refreshMargin(margin)
                .clockSkew(Duration.ofMillis(50))
                .leaseTtl(Duration.ofSeconds(2))
                .storeFallbackInterval(Duration.ofSeconds(1))
                .listener(new TokenListener() {
                    @Override
                    public void onStoreUnavailable(StoreUnavailable event) {
                        unavailable.incrementAndGet();
                    }

                    @Override
                    public void onStoreAvailable(StoreAvailable event) {
                        available.incrementAndGet();
                    }
                });
        RedisClient redis = null;
        if (!redisUri.equals("none")) {
            redis = RedisClient.create(redisUri);
            manager.store(RedisTokenStore.create(redis));
        }
        if (drain) {
            manager.drainInFlightBeforeRefresh(Duration.ofSeconds(5));
        }
        TokenManager tokens = manager.build();
        tokens.token(); // warm: connected to Redis (or fallen back) and holding a token before READY
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        BearerAuth.builder(tokens).allowOrigin(apiUrl).build().applyTo(http);
        OkHttpClient client = http.build();
        Request request =
                new Request.Builder().url(apiUrl.resolve("devices/dev-1")).build();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong requests = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long[] mine = new long[1 << 20];
            latencies.add(mine);
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
