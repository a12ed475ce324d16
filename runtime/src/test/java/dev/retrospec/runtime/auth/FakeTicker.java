package dev.retrospec.runtime.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker tests move by hand; as the manager's sleeper it records each wait and moves forward by it at once. */
final class FakeTicker implements Ticker, TokenManager.Sleeper {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long read() {
        return nanos.get();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public void sleep(long nanos) {
        sleeps.add(Duration.ofNanos(nanos));
        this.nanos.addAndGet(nanos);
    }
}
