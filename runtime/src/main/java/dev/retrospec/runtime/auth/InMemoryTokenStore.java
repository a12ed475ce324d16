package dev.retrospec.runtime.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** A {@link TokenStore} for one JVM: a volatile reference and a flag. */
final class InMemoryTokenStore implements TokenStore {
    private volatile @Nullable StoredToken current;
    private final AtomicBoolean leased = new AtomicBoolean();

    @Override
    public @Nullable StoredToken get() {
        return current;
    }

    @Override
    public void set(StoredToken token) {
        current = token;
    }

    @Override
    public synchronized boolean invalidate(AccessToken token) {
        StoredToken now = current;
        if (now != null && now.token().equals(token)) {
            current = null;
            return true;
        }
        return false;
    }

    @Override
    public boolean tryAcquireFetchLease(Duration ttl) {
        // One JVM: the holder always releases, so the ttl is not needed to recover from a crashed holder.
        return leased.compareAndSet(false, true);
    }

    @Override
    public void releaseFetchLease() {
        leased.set(false);
    }

    @Override
    public String toString() {
        StoredToken now = current;
        return "InMemoryTokenStore[" + (now == null ? "empty" : now.token()) + "]";
    }
}
