package dev.retrospec.bench;

import okhttp3.Request;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor under any OkHttp interceptor that adds a header: {@code Request} is immutable, so adding one means
 * copying the request. Both interceptors in {@link InterceptorBenchmark} pay this; the difference is theirs.
 */
@State(Scope.Benchmark)
public class RequestCopyBenchmark {
    private Request request;
    private String header;
    private okhttp3.Headers prebuilt;

    @Setup
    public void setUp() {
        request = new Request.Builder()
                .url("https://api.mclabs.com/v1/devices/dev-1")
                .build();
        header = "Bearer " + "x".repeat(800);
        prebuilt = okhttp3.Headers.of("Authorization", header);
    }

    @Benchmark
    public Request addHeader() {
        return request.newBuilder().header("Authorization", header).build();
    }

    @Benchmark
    public Request addPrevalidatedHeaders() {
        return request.newBuilder()
                .headers(request.headers().newBuilder().addAll(prebuilt).build())
                .build();
    }

    @Benchmark
    public Request copyOnly() {
        return request.newBuilder().build();
    }
}
