package dev.retrospec.bench;

import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.auth.BearerAuth;
import dev.retrospec.runtime.auth.TokenManager;
import dev.retrospec.runtime.auth.TokenStoreBinding;
import dev.retrospec.runtime.redis.RedisTokenStore;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-request cost of putting a cached bearer token on a request: Retrospec's {@link BearerAuth} interceptor
 * (origin check, operation security lookup, monotonic-clock expiry check, header) against a plain
 * {@code synchronized} token holder. Run with {@code -t 1}, {@code -t 8} and {@code -t 64} to see contention.
 * {@code retrospecRedisStore} is Retrospec's interceptor with the token shared through {@link RedisTokenStore} on the
 * redis-server named by {@code -Dretrospec.redis=redis://host:port}: the cached-token path must cost the same, since
 * it never calls the store.
 */
@State(Scope.Benchmark)
public class InterceptorBenchmark {
    private Interceptor retrospec;
    private Interceptor synchronizedHolder;
    private Interceptor retrospecRedisStore;
    private RedisClient redis;
    private RedisTokenStore store;
    private Request request;
    private Response response;

    /** Each thread its own chain, as each OkHttp call has its own. */
    @State(Scope.Thread)
    public static class PerThread {
        StubChain chain;

        @Setup
        public void setUp(InterceptorBenchmark shared) {
            chain = new StubChain(shared.request, shared.response);
        }
    }

    @Setup
    public void setUp() throws IOException {
        byte[] bytes = new byte[600]; // a JWT-sized token, about 800 characters
        new Random(42).nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        TokenManager tokens = TokenManager.builder(() -> AccessToken.bearer(token, Duration.ofHours(1)))
                .build();
        tokens.token(); // cached from here on
        retrospec = BearerAuth.builder(tokens)
                .allowOrigin("https://api.mclabs.com/v1/")
                .build()
                .interceptor();
        synchronizedHolder = new SynchronizedTokenInterceptor(token);
        String redisUri = System.getProperty("retrospec.redis");
        if (redisUri != null) {
            redis = RedisClient.create(redisUri);
            store = RedisTokenStore.create(redis).bind(TokenStoreBinding.of("bench", new byte[32]));
            TokenManager shared = TokenManager.builder(() -> AccessToken.bearer(token, Duration.ofHours(1)))
                    .store(store)
                    .build();
            shared.token(); // fetched, sealed and written to Redis; cached locally from here on
            retrospecRedisStore = BearerAuth.builder(shared)
                    .allowOrigin("https://api.mclabs.com/v1/")
                    .build()
                    .interceptor();
        }
        request = new Request.Builder()
                .url("https://api.mclabs.com/v1/devices/dev-1")
                .build();
        response = StubChain.ok(request);
    }

    @Benchmark
    public Response retrospec(PerThread state) throws IOException {
        return retrospec.intercept(state.chain);
    }

    @TearDown
    public void tearDown() {
        if (store != null) {
            store.close();
            redis.shutdown();
        }
    }

    @Benchmark
    public Response retrospecRedisStore(PerThread state) throws IOException {
        if (retrospecRedisStore == null) {
            throw new IllegalStateException("run with -Dretrospec.redis=redis://127.0.0.1:<port> (bench/interceptor.sh"
                    + " starts a redis-server)");
        }
        return retrospecRedisStore.intercept(state.chain);
    }

    @Benchmark
    public Response synchronizedHolder(PerThread state) throws IOException {
        return synchronizedHolder.intercept(state.chain);
    }
}
