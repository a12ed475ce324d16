package dev.retrospec.runtime.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenStore} for one JVM, with the whole contract: fenced lease with a time to live, fenced writes,
 * announcements and drain requests to every manager that shares it. Nothing is sealed: nothing leaves the process.
 */
final class InMemoryTokenStore implements TokenStore {
    private final Ticker ticker;
    private final List<Events> subscribers = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Long, Set<Integer>> drained = new ConcurrentHashMap<>();
    private final String owner = "in-memory/" + UUID.randomUUID();
    private @Nullable StoredToken current;
    private @Nullable Lease lease;
    private long leaseUntil;
    private long fence;

    InMemoryTokenStore() {
        this(Ticker.system());
    }

    InMemoryTokenStore(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public synchronized @Nullable StoredToken read() {
        return current;
    }

    @Override
    public synchronized @Nullable Lease tryAcquireLease(Duration ttl) {
        if (held()) {
            return null;
        }
        lease = new Lease(owner + "#" + (fence + 1), ++fence);
        leaseUntil = ticker.read() + ttl.toNanos();
        return lease;
    }

    @Override
    public synchronized boolean renewLease(Lease lease, Duration ttl) {
        if (!holds(lease)) {
            return false;
        }
        this.lease = lease;
        leaseUntil = ticker.read() + ttl.toNanos();
        return true;
    }

    @Override
    public boolean write(StoredToken token, Lease lease) {
        synchronized (this) {
            StoredToken now = current;
            if (!holds(lease)
                    || token.version() != lease.fence()
                    || (now != null && now.version() >= token.version())) {
                return false;
            }
            current = token;
        }
        for (Events events : subscribers) {
            events.announced(token.version());
        }
        return true;
    }

    @Override
    public synchronized void releaseLease(Lease lease) {
        if (lease.equals(this.lease)) {
            this.lease = null;
        }
    }

    private boolean held() {
        return lease != null && ticker.read() - leaseUntil < 0;
    }

    /** Whether {@code lease} is held, or lapsed with nobody taking a lease since (its fence is the last one). */
    private boolean holds(Lease lease) {
        return held()
                ? lease.equals(this.lease)
                : lease.fence() == fence && lease.owner().equals(owner + "#" + fence);
    }

    @Override
    public void subscribe(Events events) {
        subscribers.add(events);
    }

    @Override
    public boolean drainOthers(long version, Duration timeout) throws java.io.InterruptedIOException {
        Set<Integer> acks = drained.computeIfAbsent(version, v -> ConcurrentHashMap.newKeySet());
        int expected = subscribers.size();
        for (Events events : subscribers) {
            events.drainRequested(version);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            synchronized (acks) {
                while (acks.size() < expected) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    acks.wait(Math.max(1, left / 1_000_000));
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while draining");
        } finally {
            drained.remove(version);
        }
    }

    @Override
    public void drained(long version) {
        Set<Integer> acks = drained.get(version);
        if (acks != null) {
            synchronized (acks) {
                acks.add(acks.size());
                acks.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        StoredToken now = read();
        return "InMemoryTokenStore[" + (now == null ? "empty" : now.token() + " v" + now.version()) + "]";
    }
}
