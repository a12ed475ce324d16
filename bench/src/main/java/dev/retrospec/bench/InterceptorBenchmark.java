package dev.retrospec.bench;

import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.auth.BearerAuth;
import dev.retrospec.runtime.auth.TokenManager;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request cost of putting a cached bearer token on a request: Retrospec's {@link BearerAuth} interceptor
 * (origin check, operation security lookup, monotonic-clock expiry check, header) against a plain
 * {@code synchronized} token holder. Run with {@code -t 1}, {@code -t 8} and {@code -t 64} to see contention.
 */
@State(Scope.Benchmark)
public class InterceptorBenchmark {
    private Interceptor retrospec;
    private Interceptor synchronizedHolder;
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
        request = new Request.Builder()
                .url("https://api.mclabs.com/v1/devices/dev-1")
                .build();
        response = new Response.Builder()
                .request(request)
                .protocol(Protocol.HTTP_1_1)
                .code(200)
                .message("OK")
                .body(ResponseBody.create("", null))
                .build();
    }

    @Benchmark
    public Response retrospec(PerThread state) throws IOException {
        return retrospec.intercept(state.chain);
    }

    @Benchmark
    public Response synchronizedHolder(PerThread state) throws IOException {
        return synchronizedHolder.intercept(state.chain);
    }
}
