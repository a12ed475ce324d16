package dev.retrospec.runtime.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link TokenManager} keeps its state: the current token with its deadlines, and the lease that says
 * someone is fetching a new one.
 *
 * <p>The default, {@link #inMemory()}, serves one JVM. Several service instances sharing one client id must also
 * share the token (with one active token per client, each new token logs the others out): a shared implementation
 * (Redis, a database row) plugs in here without touching the OkHttp glue.
 */
public interface TokenStore {
    /** The current token, or null if there is none. */
    @Nullable
    StoredToken get();

    /** Replaces the current token. */
    void set(StoredToken token);

    /** Forgets {@code token} if it is still the current one; returns whether it was. */
    boolean invalidate(AccessToken token);

    /**
     * Tries to take the right to fetch a new token for {@code ttl}. Returns false if another holder has it, in which
     * case the caller waits for the token that holder will {@link #set(StoredToken)}.
     */
    boolean tryAcquireFetchLease(Duration ttl);

    /** Gives the fetch lease back. */
    void releaseFetchLease();

    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }
}
