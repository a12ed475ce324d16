package dev.retrospec.runtime;

import dev.retrospec.runtime.auth.Ticker;
import dev.retrospec.runtime.auth.TokenEndpointException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import retrofit2.Invocation;

/**
 * Tries a call again after a connection failure or a transient status (by default 408, 429, 500, 502, 503, 504),
 * with jittered exponential backoff, honouring the server's {@code Retry-After}, within a number of attempts and a
 * total time budget ({@link RetryPolicy}).
 *
 * <p>Only what is safe to send twice is retried: GET, HEAD, OPTIONS, PUT, DELETE and TRACE, and POST or PATCH when
 * the request carries an idempotency key. An operation marked {@link IdempotencyKey} gets one (a random UUID, unless
 * the caller gave its own), the same on each of its attempts; a request of another origin than Retrofit counts as
 * keyed when it carries the header named by {@link Builder#idempotencyKeyHeader(String)}. A one-shot or duplex body
 * is never replayed. A 401 is never retried here: it is the authenticator's (see
 * {@link dev.retrospec.runtime.auth.BearerAuth}), which runs inside each attempt, as do the bearer interceptor and
 * every other interceptor added before {@link #applyTo(OkHttpClient.Builder)}, so each attempt carries the current
 * token. The body of a response that is retried is closed; the last response, retried or not, goes to the caller as
 * it is. Nothing is logged.
 */
public final class Retries {
    private static final long SLICE_NANOS = Duration.ofMillis(100).toNanos();

    /** How the interceptor waits between attempts: {@link Thread#sleep} by default; a fake one in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final String keyHeader;
    private final Sleeper sleeper;
    private final Ticker ticker;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Interceptor interceptor = this::intercept;

    private Retries(Builder builder) {
        this.policy = builder.policy;
        this.keyHeader = builder.keyHeader;
        this.sleeper = builder.sleeper;
        this.ticker = builder.ticker;
        this.clock = builder.clock;
        this.random = builder.random;
    }

    /** Retries with {@link RetryPolicy#defaults()}. */
    public static Retries create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policy of calls that carry none of their own. */
    public RetryPolicy policy() {
        return policy;
    }

    /**
     * The application interceptor alone. Register it with {@code addInterceptor} before any interceptor that should
     * see each attempt (authentication included), never with {@code addNetworkInterceptor}.
     */
    public Interceptor interceptor() {
        return interceptor;
    }

    /**
     * Puts the interceptor first among the builder's application interceptors, so every other one (the bearer
     * token's included, whenever it was added) runs again for each attempt.
     */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        builder.interceptors().add(0, interceptor);
        return builder;
    }

    @Override
    public String toString() {
        return "Retries[" + policy + "]";
    }

    private Response intercept(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        RetryPolicy callPolicy = request.tag(RetryPolicy.class);
        RetryPolicy p = callPolicy != null ? callPolicy : policy;
        boolean keyed = false;
        Invocation invocation = request.tag(Invocation.class);
        if (invocation != null) {
            IdempotencyKey key = invocation.method().getAnnotation(IdempotencyKey.class);
            if (key != null) {
                keyed = true;
                if (request.header(key.value()) == null) { // one key per logical call, reused by each attempt
                    request = request.newBuilder()
                            .header(key.value(), UUID.randomUUID().toString())
                            .build();
                }
            }
        }
        if (p.maxAttempts() == 1 || !replayable(request, keyed)) {
            return chain.proceed(request);
        }
        long start = ticker.read();
        long budget = p.totalBudget().toNanos();
        @Nullable IOException failure = null;
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                if (!retryable(e, chain)) {
                    throw e;
                }
                failure = e;
                response = null;
            }
            if (response != null && !p.retriesStatus(response.code())) {
                return response;
            }
            long delay = attempt >= p.maxAttempts() ? -1 : delayNanos(p, attempt, response);
            if (delay < 0 || ticker.read() - start + delay > budget) {
                if (response != null) {
                    return response;
                }
                throw Objects.requireNonNull(failure);
            }
            if (response != null) {
                response.close();
                failure = null;
            }
            pause(chain, delay);
        }
    }

    private static boolean safeToReplay(Request request, boolean keyed) {
        RequestBody body = request.body();
        if (body != null && (body.isOneShot() || body.isDuplex())) {
            return false;
        }
        return switch (request.method()) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
            case "POST", "PATCH" -> keyed;
            default -> false;
        };
    }

    private boolean replayable(Request request, boolean keyed) {
        return safeToReplay(request, keyed || request.header(keyHeader) != null);
    }

    /** Connection failures are worth another attempt; a canceled call, a bad certificate or a protocol error are not. */
    private static boolean retryable(IOException e, Interceptor.Chain chain) {
        if (chain.call().isCanceled()
                || e instanceof TokenEndpointException // the token manager retried already, as it sees fit
                || e instanceof ProtocolException
                || e instanceof SSLPeerUnverifiedException) {
            return false;
        }
        if (e instanceof SSLHandshakeException && e.getCause() instanceof CertificateException) {
            return false;
        }
        return !(e instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
    }

    /**
     * The wait before attempt {@code attempt + 1}: the server's {@code Retry-After} when it gave one, else the base
     * delay doubled for each earlier retry, at most the maximum, less a random part of up to a half.
     */
    private long delayNanos(RetryPolicy p, int attempt, @Nullable Response response) {
        if (response != null) {
            Duration retryAfter = ResponseHeaders.retryAfter(response.headers(), clock);
            if (retryAfter != null) {
                return retryAfter.toNanos();
            }
        }
        long max = p.maxDelay().toNanos();
        long backoff = p.baseDelay().toNanos();
        for (int i = 1; i < attempt && backoff < max; i++) {
            backoff = Math.multiplyExact(backoff, 2);
        }
        backoff = Math.min(backoff, max);
        return backoff - (long) (backoff * 0.5 * random.getAsDouble());
    }

    /** Waits, a slice at a time so that a canceled call stops waiting soon. */
    private void pause(Interceptor.Chain chain, long nanos) throws IOException {
        long left = nanos;
        try {
            while (left > 0) {
                if (chain.call().isCanceled()) {
                    throw new IOException("Canceled");
                }
                long slice = Math.min(left, SLICE_NANOS);
                sleeper.sleep(slice);
                left -= slice;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.initCause(e);
            throw interrupted;
        }
        if (chain.call().isCanceled()) {
            throw new IOException("Canceled");
        }
    }

    /** Configures {@link Retries}. Not thread-safe; what it builds is. */
    public static final class Builder {
        private RetryPolicy policy = RetryPolicy.defaults();
        private String keyHeader = "Idempotency-Key";
        private Sleeper sleeper = Builder::threadSleep;
        private Ticker ticker = Ticker.system();
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {}

        /** The policy of calls without one of their own; {@link RetryPolicy#defaults()} if not set. */
        public Builder policy(RetryPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy == null");
            return this;
        }

        /**
         * The header whose presence makes a POST or PATCH safe to retry when the operation is not marked
         * {@link IdempotencyKey} (requests built without Retrofit); {@code Idempotency-Key} if not set.
         */
        public Builder idempotencyKeyHeader(String name) {
            this.keyHeader = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /** How to wait between attempts, for tests; {@link Thread#sleep} if not set. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        /** The monotonic clock the budget is measured on, for tests; {@link System#nanoTime()} if not set. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker == null");
            return this;
        }

        /** The wall clock an HTTP-date {@code Retry-After} is read against, for tests; UTC system clock if not set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** The random source of the jitter, in [0, 1); for tests. */
        Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        public Retries build() {
            return new Retries(this);
        }

        private static void threadSleep(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }
}
