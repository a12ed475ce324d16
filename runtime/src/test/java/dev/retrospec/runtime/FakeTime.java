package dev.retrospec.runtime;

import dev.retrospec.runtime.auth.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;

/**
 * A monotonic clock that moves only when {@link Retries} sleeps on it, and an interceptor that notes when each
 * attempt went out by that clock: tests assert the waits without waiting.
 */
final class FakeTime implements Ticker, Retries.Sleeper {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final long origin = nanos.get();
    /** The clock's reading, from the start, when each attempt left the retry interceptor. */
    final List<Duration> attempts = new CopyOnWriteArrayList<>();

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public void sleep(long nanos) {
        this.nanos.addAndGet(nanos);
    }

    Interceptor attemptRecorder() {
        return chain -> {
            attempts.add(Duration.ofNanos(read() - origin));
            return chain.proceed(chain.request());
        };
    }
}
