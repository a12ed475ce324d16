package dev.retrospec.bench;

import dev.retrospec.runtime.IdempotencyKey;
import dev.retrospec.runtime.Retries;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import retrofit2.Invocation;

/**
 * The happy-path cost of Retrospec's {@link Retries} interceptor, a request answered 200 at once, beside the bearer
 * token's ({@link InterceptorBenchmark}): {@code get} is an idempotent request (policy lookup, method check, one
 * clock reading), {@code keyedPost} a POST of an {@link IdempotencyKey} operation, which also reads the annotation
 * through Retrofit's {@code Invocation} tag and puts a fresh UUID on the request.
 */
@State(Scope.Benchmark)
public class RetryBenchmark {
    private Interceptor retries;
    private StubChain get;
    private StubChain keyedPost;

    /** A stand-in for a generated operation that takes an idempotency key. */
    interface DevicesApi {
        @IdempotencyKey
        void register();
    }

    @Setup
    public void setUp() throws NoSuchMethodException {
        retries = Retries.create().interceptor();
        get = chain(new Request.Builder()
                .url("https://api.mclabs.com/v1/devices/dev-1")
                .build());
        Method register = DevicesApi.class.getDeclaredMethod("register");
        keyedPost = chain(new Request.Builder()
                .url("https://api.mclabs.com/v1/devices")
                .post(RequestBody.create("{\"name\":\"probe\"}", MediaType.get("application/json")))
                .tag(Invocation.class, Invocation.of(register, List.of()))
                .build());
    }

    private static StubChain chain(Request request) {
        return new StubChain(request, StubChain.ok(request));
    }

    @Benchmark
    public Response get() throws IOException {
        return retries.intercept(get);
    }

    @Benchmark
    public Response keyedPost() throws IOException {
        return retries.intercept(keyedPost);
    }
}
