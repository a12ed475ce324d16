package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link TokenManager} shares its token: with itself only ({@link #inMemory()}), or with every instance of a
 * service that uses the same client id (a network store such as {@code RedisTokenStore} from
 * {@code retrospec-runtime-redis}). With an identity provider that allows one active token per client, instances that
 * do not share the token log each other out at every refresh.
 *
 * <p>The contract, which the manager relies on:
 *
 * <ul>
 *   <li><b>What is shared.</b> A {@link StoredToken}: the token, its absolute expiry on the wall clock (each reader
 *       allows for clock skew) and a fencing version. The refresh point stays local, on the manager's monotonic
 *       {@link Ticker}.
 *   <li><b>When it is called.</b> Never on the cached-token path: the manager keeps a local copy and consults the store
 *       only at its refresh point, after a server rejected the token, and when another instance announces a new one.
 *   <li><b>The fetch lease.</b> Whoever fetches a new token first takes the lease ({@link #tryAcquireLease}), which has
 *       an owner, a time to live and a fencing number; the token it fetches is written with that number as its
 *       version, and {@link #write} refuses it unless the number is above the stored version and the lease is still
 *       that holder's, or nobody has taken a lease since (it expired, or a store restarted without its data forgot
 *       it). So a holder that stalled past its lease can never overwrite a newer token, a holder that died is
 *       succeeded once the lease expires, a holder whose store restarted mid-fetch can still share what it fetched,
 *       and {@link #releaseLease} never releases a lease its caller did not take.
 *   <li><b>Announcements.</b> A write tells every subscribed instance the new version ({@link
 *       Events#announced(long)}), so they switch to it instead of waiting for a 401.
 *   <li><b>Failures.</b> Methods throw {@link IOException} when the store cannot be reached; the manager then falls back
 *       to its own single-flight, at a bounded rate, and returns to the store when it answers again.
 * </ul>
 *
 * <p>A shared store needs to know which token it holds and how to seal it: {@link #bind(TokenStoreBinding)} gives it a {@link
 * TokenStoreBinding} (a namespace from token URL, client id and scopes, and an AES-GCM key derived from the client
 * secret). {@link TokenManager} binds it for {@link ClientCredentialsTokenProvider}s by itself.
 */
public interface TokenStore {
    /** The shared token, or null if there is none (or it can no longer be opened with this binding's key). */
    @Nullable
    StoredToken read() throws IOException;

    /**
     * Tries to take the fetch lease for {@code ttl}. Returns null if another holder has it: wait for its announcement,
     * or for the lease to expire.
     */
    @Nullable
    Lease tryAcquireLease(Duration ttl) throws IOException;

    /**
     * Extends {@code lease} to {@code ttl} from now if it is still held, or takes it again if nobody has taken a
     * lease since it lapsed (a store restarted without its data forgets leases); returns whether it is held now.
     */
    boolean renewLease(Lease lease, Duration ttl) throws IOException;

    /**
     * Stores {@code token}, fetched under {@code lease}, and announces it; {@code token.version()} must be {@code
     * lease.fence()}. Refused (false) unless its fence is above the stored version and {@code lease} is still held,
     * or nobody has taken a lease since it lapsed.
     */
    boolean write(StoredToken token, Lease lease) throws IOException;

    /** Releases {@code lease} if it is still held by its owner with its fence; never anyone else's. */
    void releaseLease(Lease lease) throws IOException;

    /** Delivers other instances' announcements and drain requests to {@code events}; a store of one JVM has none. */
    default void subscribe(Events events) {}

    /**
     * Before replacing the token of {@code version}: asks every instance to stop using it and waits until each one
     * has no request in flight with it ({@link #drained(long)}), at most {@code timeout}. Returns whether all did.
     */
    default boolean drainOthers(long version, Duration timeout) throws IOException {
        return true;
    }

    /** Tells the instance draining {@code version} that this one has no request in flight with it. */
    default void drained(long version) throws IOException {}

    /** Whether this store must be {@linkplain #bind(TokenStoreBinding) bound} before use. */
    default boolean needsBinding() {
        return false;
    }

    /** This store for one token: the namespace its keys live in and the key its values are sealed with. */
    default TokenStore bind(TokenStoreBinding binding) {
        return this;
    }

    /** A store for one JVM. */
    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }

    /**
     * What other instances tell this one. A store calls these on a thread of its own that may block for a store
     * call (never on an I/O event loop), one event at a time or concurrently.
     */
    interface Events {
        /** Another instance wrote the token of {@code version}. */
        void announced(long version);

        /** Another instance is about to replace the token of {@code version}: stop using it, then {@link #drained}. */
        void drainRequested(long version);
    }

    /**
     * The right to fetch the next token.
     *
     * @param owner who holds it (an id unique to one store instance in one process)
     * @param fence the version the token fetched under this lease will have; strictly increasing per namespace
     */
    record Lease(String owner, long fence) {
        public Lease {
            Objects.requireNonNull(owner, "owner == null");
        }
    }
}
