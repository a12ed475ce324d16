package dev.retrospec.runtime.auth;

import dev.retrospec.runtime.auth.TokenListener.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Owns the access token for one set of credentials: fetches it once, shares it with every thread (and, through a
 * shared {@link TokenStore}, with every instance of a service), refreshes it before it expires and after a server
 * rejects it.
 *
 * <ul>
 *   <li><b>Single-flight.</b> At most one token request is in flight; every caller that needs a token meanwhile
 *       waits for that one and gets the same token, or the same exception. With a shared store the lease makes that
 *       one request per fleet: the others wait for its announcement and take the token from the store.
 *   <li><b>Expiry on a monotonic clock.</b> A token counts as expired {@code refreshMargin} before its
 *       {@code expires_in} runs out (never less than half its lifetime), measured with a {@link Ticker} from when
 *       the request for it was sent. A token taken from a shared store carries an absolute expiry on the wall clock;
 *       it is turned into a ticker reading once, less a {@linkplain Builder#clockSkew(Duration) skew allowance}.
 *   <li><b>No store on the hot path.</b> The current token lives in a local field: a cached token costs no store
 *       call. The store is consulted at the refresh point, after a rejection, and when another instance announces a
 *       new token.
 *   <li><b>Rejection.</b> {@link #tokenAfterRejection(AccessToken)} replaces the token only if the rejected one is
 *       still current; a caller holding an older token just gets the current one. With a shared store a rejected
 *       token is replaced once per fleet: whoever comes second finds the newer version in the store.
 *   <li><b>Faults.</b> 5xx, 429, I/O failures and 2xx answers that are empty or not well-formed JSON are retried
 *       with jittered exponential backoff (200 ms doubling to 5 s), honouring {@code Retry-After}. One contract,
 *       two bounds, whichever comes first: at most {@code maxAttempts} requests (8), and no request started later
 *       than {@code retryBudget} (30 s, on the {@link Ticker}) after the first; a wait that would end past the budget
 *       is not taken and the last failure goes to the callers. Client errors ({@code invalid_client}, ...) are not
 *       retried, and for {@code clientErrorBackoff} afterwards callers get the same error without another request,
 *       so a misconfigured client does not hammer the identity provider.
 *   <li><b>Store outages.</b> When a shared store cannot be reached the manager says so once (a {@link
 *       TokenListener#onStoreUnavailable} event and a log line), fetches on its own with its local single-flight,
 *       at most one token request per {@linkplain Builder#storeFallbackInterval(Duration) fallback interval}, and
 *       returns to the shared token (one event, one log line) as soon as the store answers again.
 *   <li><b>Interrupts.</b> Fetches run on a background executor: a caller interrupted while waiting gets an
 *       {@link InterruptedIOException} with its interrupt flag set, and the fetch still completes and is kept.
 *       With one active token per client that matters: a token the issuer already sent has invalidated the old one.
 * </ul>
 */
public final class TokenManager {
    static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** How long a refresh waits for in-flight requests by default when the provider has one active token. */
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** The version of a token fetched while the store was unreachable: older than any the store holds. */
    static final long UNSHARED = Long.MIN_VALUE;
    /** Far enough away to mean "never", near enough that differences cannot overflow. */
    static final long NEVER = Long.MAX_VALUE / 4;

    private static final System.Logger LOG = System.getLogger(TokenManager.class.getName());
    private static final ExecutorService DEFAULT_EXECUTOR = Executors.newCachedThreadPool(new DaemonThreads());
    private static final ScheduledExecutorService LEASE_RENEWALS =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads());

    private final TokenProvider provider;
    private final TokenStore store;
    private final Ticker ticker;
    private final Clock clock;
    private final long marginNanos;
    private final long skewNanos;
    private final TokenListener listener;
    private final Executor executor;
    private final int maxAttempts;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final long retryBudgetNanos;
    private final long clientErrorBackoffNanos;
    private final boolean drainBeforeRefresh;
    private final long drainTimeoutNanos;
    private final Duration leaseTtl;
    private final long fallbackIntervalNanos;
    private final Sleeper sleeper;

    private final Object lock = new Object();
    /** The token requests use: read without a lock or a store call on every request. */
    private volatile @Nullable Current current;
    /** The refresh everyone waits for, or null. Guarded by {@link #lock}. */
    private @Nullable CompletableFuture<Current> inFlight;
    /** The last non-retryable failure and the ticker reading until which it is answered from memory. */
    private @Nullable IOException clientError;

    private long clientErrorUntil;
    /** Signalled when another instance announces a token; guarded by itself. */
    private final Object announcements = new Object();

    private long announcedVersion = UNSHARED;
    /** Whether the shared store failed its last call, and since when (ticker); guarded by {@link #lock}. */
    private boolean storeDown;

    private long storeDownSince;
    /** When this instance last fetched without the store (ticker), for the fallback rate; guarded by the fetch. */
    private long lastUnsharedFetch;

    private boolean fetchedUnshared;

    private TokenManager(Builder builder) {
        this.provider = builder.provider;
        this.store = bind(builder.store, builder.provider);
        this.ticker = builder.ticker;
        this.clock = builder.clock;
        this.marginNanos = builder.refreshMargin.toNanos();
        this.skewNanos = builder.clockSkew.toNanos();
        this.listener = builder.listener;
        this.executor = builder.executor;
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoffNanos = builder.initialBackoff.toNanos();
        this.maxBackoffNanos = builder.maxBackoff.toNanos();
        this.retryBudgetNanos = builder.retryBudget.toNanos();
        this.clientErrorBackoffNanos = builder.clientErrorBackoff.toNanos();
        this.drainBeforeRefresh = builder.drainTimeout != null;
        this.drainTimeoutNanos = builder.drainTimeout == null ? 0 : builder.drainTimeout.toNanos();
        this.leaseTtl = builder.leaseTtl;
        this.fallbackIntervalNanos = builder.storeFallbackInterval.toNanos();
        this.sleeper = builder.sleeper;
        store.subscribe(new StoreEvents());
    }

    private static TokenStore bind(TokenStore store, TokenProvider provider) {
        if (!store.needsBinding()) {
            return store;
        }
        if (provider instanceof ClientCredentialsTokenProvider credentials) {
            return store.bind(credentials.storeBinding());
        }
        throw new IllegalStateException("a shared TokenStore must know which token it holds and how to seal it: with"
                + " a TokenProvider of your own, bind it first, store.bind(TokenStoreBinding.of(name, keyMaterial))");
    }

    /** How the manager waits between attempts: {@link Thread#sleep}, or in tests a fake ticker moved forward. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedIOException;
    }

    public static Builder builder(TokenProvider provider) {
        return new Builder(provider);
    }

    /** A valid token: the current one, or a new one if there is none or it is about to expire. */
    public AccessToken token() throws IOException {
        return currentForUse().token;
    }

    private Current currentForUse() throws IOException {
        Current now = current;
        if (now != null && now.usable(ticker.read())) {
            return now;
        }
        Reason reason = now == null ? Reason.INITIAL : now.rejected ? Reason.REJECTED : Reason.EXPIRING;
        return await(refresh(now, reason));
    }

    /** Whether requests must be counted with {@link #beginRequest()} and {@link Current#end()}. */
    boolean drainsBeforeRefresh() {
        return drainBeforeRefresh;
    }

    /**
     * A token for one request, counted as in flight until {@link Current#end()}: a refresh of an expiring token
     * waits until no request holds the old one, so the refresh cannot make the server reject them.
     */
    Current beginRequest() throws IOException {
        while (true) {
            Current use = currentForUse();
            use.requests.increment();
            if (!use.draining) {
                return use; // a drain sets draining before it counts: it sees us, or we see it
            }
            use.requests.decrement(); // this token is being drained: the next round waits for its successor
        }
    }

    /** The current token, its local deadlines and the requests in flight with it. */
    static final class Current {
        final AccessToken token;
        final long version;
        final long refreshAt;
        final long expiresAt;
        final LongAdder requests = new LongAdder();
        volatile boolean draining;
        volatile boolean rejected;

        Current(AccessToken token, long version, long refreshAt, long expiresAt) {
            this.token = token;
            this.version = version;
            this.refreshAt = refreshAt;
            this.expiresAt = expiresAt;
        }

        boolean usable(long now) {
            return now - refreshAt < 0 && !draining && !rejected;
        }

        void end() {
            requests.decrement();
        }
    }

    /**
     * Stops new requests from taking {@code token} and waits until the requests holding it are answered: at most
     * {@code drainTimeout}, and never past the token's real expiry.
     */
    private void drain(Current token) {
        token.draining = true;
        long deadline = System.nanoTime() + Math.min(drainTimeoutNanos, Math.max(0, token.expiresAt - ticker.read()));
        while (token.requests.sum() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * A token to retry with after a server rejected {@code rejected}. If {@code rejected} is still the current token
     * it is dropped and a new one fetched (once, however many callers report it); if the current token is already
     * another one, that one is returned without a request.
     */
    public AccessToken tokenAfterRejection(AccessToken rejected) throws IOException {
        Objects.requireNonNull(rejected, "rejected == null");
        Current now;
        Reason reason;
        synchronized (lock) {
            now = current;
            if (now != null && !now.token.equals(rejected) && now.usable(ticker.read())) {
                return now.token;
            }
            reason = Reason.EXPIRING;
            if (now == null || now.token.equals(rejected)) {
                reason = Reason.REJECTED;
                if (now != null) {
                    dropLocked(now, "rejected by server");
                }
            }
        }
        return await(refresh(now, reason)).token;
    }

    /**
     * Drops {@code token} if it is still current, without fetching a new one: the next {@link #token()} will. For a
     * rejected token whose request cannot be retried.
     *
     * @return whether {@code token} was the current token
     */
    public boolean invalidate(AccessToken token, String why) {
        synchronized (lock) {
            Current now = current;
            return now != null && now.token.equals(token) && dropLocked(now, why);
        }
    }

    private boolean dropLocked(Current token, String why) {
        if (token.rejected) {
            return false;
        }
        token.rejected = true;
        notify(() -> listener.onInvalidated(new TokenListener.Invalidated(token.token.fingerprint(), why)));
        return true;
    }

    private CompletableFuture<Current> refresh(@Nullable Current replacing, Reason reason) {
        synchronized (lock) {
            Current now = current;
            if (now != null && now != replacing && now.usable(ticker.read())) {
                return CompletableFuture.completedFuture(now); // someone refreshed while we came here
            }
            if (inFlight != null) {
                return inFlight;
            }
            if (clientError != null && ticker.read() - clientErrorUntil < 0) {
                return CompletableFuture.failedFuture(clientError);
            }
            CompletableFuture<Current> pending = new CompletableFuture<>();
            inFlight = pending;
            try {
                executor.execute(() -> run(pending, reason, now));
            } catch (RejectedExecutionException e) {
                inFlight = null;
                pending.completeExceptionally(new IOException("token fetch could not be scheduled", e));
            }
            return pending;
        }
    }

    /** One refresh: from the store if another instance has a newer token, else fetched under the lease. */
    private void run(CompletableFuture<Current> pending, Reason reason, @Nullable Current replacing) {
        long start = System.nanoTime(); // for the listener's durations only: metrics in real time
        AtomicInteger attempts = new AtomicInteger();
        try {
            if (drainBeforeRefresh && reason == Reason.EXPIRING && replacing != null) {
                drain(replacing);
            }
            Current next = obtain(reason, replacing, attempts);
            synchronized (lock) {
                current = next; // announcements wait while a refresh is in flight: nothing newer came in between
                clientError = null;
                inFlight = null;
            }
            if (attempts.get() > 0) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                notify(() -> listener.onAcquired(new TokenListener.Acquired(
                        reason, took, attempts.get(), next.token.fingerprint(), next.token.expiresIn())));
            }
            pending.complete(next);
        } catch (IOException e) {
            synchronized (lock) {
                if (e instanceof TokenEndpointException te && !te.isRetryable()) {
                    clientError = e;
                    clientErrorUntil = ticker.read() + clientErrorBackoffNanos;
                }
                inFlight = null;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            notify(() -> listener.onFailed(new TokenListener.Failed(reason, took, attempts.get(), e)));
            pending.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                inFlight = null;
            }
            pending.completeExceptionally(e);
            throw e;
        }
    }

    private Current obtain(Reason reason, @Nullable Current replacing, AtomicInteger attempts) throws IOException {
        long waitedSince = ticker.read();
        long longestWait = retryBudgetNanos + 2 * leaseTtl.toNanos();
        while (true) {
            long seen = announced();
            StoredToken shared;
            try {
                shared = store.read();
                storeUp();
            } catch (IOException e) {
                storeFailed(e);
                return fetchUnshared(attempts);
            }
            if (shared != null && adoptable(shared, replacing)) {
                return adopt(shared);
            }
            TokenStore.Lease lease;
            try {
                lease = store.tryAcquireLease(leaseTtl);
            } catch (IOException e) {
                storeFailed(e);
                return fetchUnshared(attempts);
            }
            if (lease != null) {
                return fetchUnderLease(lease, reason, replacing, attempts);
            }
            if (ticker.read() - waitedSince > longestWait) {
                throw new IOException("no token from the instance holding the fetch lease for "
                        + Duration.ofNanos(longestWait).toSeconds() + " s");
            }
            awaitAnnouncement(seen, Math.max(1, Math.min(100, leaseTtl.toMillis() / 4)));
        }
    }

    private Current fetchUnderLease(
            TokenStore.Lease lease, Reason reason, @Nullable Current replacing, AtomicInteger attempts)
            throws IOException {
        ScheduledFuture<?> renewal = null;
        try {
            StoredToken shared;
            try {
                shared = store.read(); // someone may have written between our read and our lease
            } catch (IOException e) {
                storeFailed(e);
                return fetchUnshared(attempts);
            }
            if (shared != null && adoptable(shared, replacing)) {
                return adopt(shared);
            }
            long renewEvery = Math.max(1, leaseTtl.toMillis() / 3);
            renewal = LEASE_RENEWALS.scheduleAtFixedRate(
                    () -> renew(lease), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
            if (drainBeforeRefresh && reason == Reason.EXPIRING && replacing != null) {
                try {
                    store.drainOthers(replacing.version, Duration.ofNanos(drainTimeoutNanos));
                } catch (IOException e) {
                    storeFailed(e);
                }
            }
            Fetched fetched = fetchWithRetries(attempts);
            Current mine = local(fetched, lease.fence());
            try {
                if (store.write(new StoredToken(fetched.token, fetched.expiresAt(), lease.fence()), lease)) {
                    return mine;
                }
                // Our lease ran out and another holder wrote a newer token: the fence kept ours out. Use theirs.
                StoredToken newer = store.read();
                return newer != null && newer.version() > lease.fence() ? adopt(newer) : mine;
            } catch (IOException e) {
                storeFailed(e);
                return mine;
            }
        } finally {
            if (renewal != null) {
                renewal.cancel(false);
            }
            try {
                store.releaseLease(lease);
            } catch (IOException e) {
                storeFailed(e); // it expires by itself
            }
        }
    }

    private void renew(TokenStore.Lease lease) {
        try {
            store.renewLease(lease, leaseTtl);
        } catch (IOException | RuntimeException e) {
            // It expires by itself; the fence keeps a late write out.
        }
    }

    /** Without the store: this instance fetches alone, at most once per fallback interval. */
    private Current fetchUnshared(AtomicInteger attempts) throws IOException {
        if (fetchedUnshared) {
            long wait = lastUnsharedFetch + fallbackIntervalNanos - ticker.read();
            if (wait > 0) {
                sleeper.sleep(wait);
            }
        }
        fetchedUnshared = true;
        lastUnsharedFetch = ticker.read();
        return local(fetchWithRetries(attempts), UNSHARED);
    }

    private boolean adoptable(StoredToken shared, @Nullable Current replacing) {
        if (replacing != null && shared.version() <= replacing.version) {
            return false;
        }
        Instant expiresAt = shared.expiresAt();
        return expiresAt == null || remainingNanos(shared) - margin(shared.token()) > 0;
    }

    private Current adopt(StoredToken shared) {
        long now = ticker.read();
        Instant expiresAt = shared.expiresAt();
        if (expiresAt == null) {
            return new Current(shared.token(), shared.version(), now + NEVER, now + NEVER);
        }
        long remaining = remainingNanos(shared);
        return new Current(shared.token(), shared.version(), now + remaining - margin(shared.token()), now + remaining);
    }

    /** Time left until a shared token expires, on our wall clock, less the skew allowance. */
    private long remainingNanos(StoredToken shared) {
        Instant expiresAt = Objects.requireNonNull(shared.expiresAt());
        return Duration.between(clock.instant(), expiresAt).toNanos() - skew(shared.token());
    }

    private long margin(AccessToken token) {
        Duration expiresIn = token.expiresIn();
        return expiresIn == null ? 0 : Math.min(marginNanos, expiresIn.toNanos() / 2);
    }

    /** The skew allowance for a shared token: at most a quarter of its lifetime. */
    private long skew(AccessToken token) {
        Duration expiresIn = token.expiresIn();
        return expiresIn == null ? skewNanos : Math.min(skewNanos, expiresIn.toNanos() / 4);
    }

    private Current local(Fetched fetched, long version) {
        Duration expiresIn = fetched.token.expiresIn();
        if (expiresIn == null) {
            return new Current(fetched.token, version, fetched.sentAt + NEVER, fetched.sentAt + NEVER);
        }
        long lifetime = expiresIn.toNanos();
        return new Current(
                fetched.token, version, fetched.sentAt + lifetime - margin(fetched.token), fetched.sentAt + lifetime);
    }

    /** A token and when its request was sent: on the ticker, and on the wall clock for other instances. */
    private record Fetched(AccessToken token, long sentAt, Instant sentAtWall) {
        @Nullable
        Instant expiresAt() {
            Duration expiresIn = token.expiresIn();
            return expiresIn == null ? null : sentAtWall.plus(expiresIn);
        }
    }

    private Fetched fetchWithRetries(AtomicInteger attempts) throws IOException {
        long start = ticker.read();
        while (true) {
            attempts.incrementAndGet();
            long sentAt = ticker.read();
            Instant sentAtWall = clock.instant();
            IOException failure;
            long waitNanos;
            try {
                return new Fetched(provider.fetchToken(), sentAt, sentAtWall);
            } catch (TokenEndpointException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                failure = e;
                Duration retryAfter = e.retryAfter();
                waitNanos = retryAfter != null ? retryAfter.toNanos() : backoffNanos(attempts.get());
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                failure = e;
                waitNanos = backoffNanos(attempts.get());
            }
            long elapsed = ticker.read() - start;
            if (attempts.get() >= maxAttempts || elapsed + waitNanos > retryBudgetNanos) {
                throw failure;
            }
            sleeper.sleep(waitNanos);
        }
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random, capped. */
    private long backoffNanos(int attempt) {
        long step = initialBackoffNanos << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(step, 0), maxBackoffNanos);
        long half = capped / 2;
        return half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
    }

    private static void threadSleep(long nanos) throws InterruptedIOException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while backing off before the next token request");
        }
    }

    private void storeFailed(IOException e) {
        synchronized (lock) {
            if (storeDown) {
                return;
            }
            storeDown = true;
            storeDownSince = ticker.read();
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "Token store {0} unavailable ({1}); each instance now fetches its own tokens, at most one request per"
                        + " {2} ms, until it answers again",
                store,
                describe(e),
                Duration.ofNanos(fallbackIntervalNanos).toMillis());
        notify(() -> listener.onStoreUnavailable(new TokenListener.StoreUnavailable(store.toString(), describe(e))));
    }

    private void storeUp() {
        long since;
        synchronized (lock) {
            if (!storeDown) {
                return;
            }
            storeDown = false;
            since = storeDownSince;
        }
        Duration down = Duration.ofNanos(ticker.read() - since);
        LOG.log(System.Logger.Level.INFO, "Token store {0} available again after {1} ms", store, down.toMillis());
        notify(() -> listener.onStoreAvailable(new TokenListener.StoreAvailable(store.toString(), down)));
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private long announced() {
        synchronized (announcements) {
            return announcedVersion;
        }
    }

    private void awaitAnnouncement(long seen, long millis) throws InterruptedIOException {
        synchronized (announcements) {
            try {
                if (announcedVersion == seen) {
                    announcements.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for another instance's token");
            }
        }
    }

    /** What other instances say, through the store. */
    private final class StoreEvents implements TokenStore.Events {
        @Override
        public void announced(long version) {
            synchronized (announcements) {
                announcedVersion = Math.max(announcedVersion, version);
                announcements.notifyAll();
            }
            Current now = current;
            if (now == null || version <= now.version) {
                return; // ours, or nothing to replace
            }
            try {
                StoredToken shared = store.read();
                storeUp();
                synchronized (lock) {
                    Current mine = current;
                    // A refresh under way takes the new token itself; otherwise switch now, before a request fails.
                    if (inFlight == null && mine != null && shared != null && adoptable(shared, mine)) {
                        current = adopt(shared);
                    }
                }
            } catch (IOException e) {
                storeFailed(e);
            }
        }

        @Override
        public void drainRequested(long version) {
            execute(() -> {
                Current now = current;
                if (drainBeforeRefresh && now != null && now.version == version) {
                    drain(now);
                }
                try {
                    store.drained(version);
                } catch (IOException e) {
                    storeFailed(e);
                }
            });
        }

        private void execute(Runnable task) {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException ignored) {
                // Shutting down: nothing to keep in step.
            }
        }
    }

    private static Current await(CompletableFuture<Current> pending) throws IOException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an access token");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("token fetch failed", cause);
        }
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException ignored) {
            // A broken listener must not break authentication.
        }
    }

    @Override
    public String toString() {
        return "TokenManager[provider=" + provider + ", store=" + store + "]";
    }

    public static final class Builder {
        private final TokenProvider provider;
        private TokenStore store = TokenStore.inMemory();
        private Ticker ticker = Ticker.system();
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofSeconds(1);
        private Duration leaseTtl = Duration.ofSeconds(10);
        private Duration storeFallbackInterval = Duration.ofSeconds(5);
        private Duration refreshMargin = Duration.ofSeconds(60);
        private TokenListener listener = TokenListener.NONE;
        private Executor executor = DEFAULT_EXECUTOR;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration retryBudget = Duration.ofSeconds(30);
        private Duration clientErrorBackoff = Duration.ofSeconds(10);
        private @Nullable Duration drainTimeout;
        private Sleeper sleeper = TokenManager::threadSleep;

        private Builder(TokenProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider == null");
        }

        public Builder store(TokenStore store) {
            this.store = Objects.requireNonNull(store, "store == null");
            return this;
        }

        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker == null");
            return this;
        }

        /**
         * The wall clock that turns a token's lifetime into the absolute expiry other instances read from a shared
         * store, and theirs into a local deadline: the system's UTC clock by default. Nothing else reads it.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * How far the wall clocks of instances sharing a store may differ: a token another instance fetched counts as
         * expiring this much earlier (at most a quarter of its lifetime). 1 second by default.
         */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = nonNegative(skew, "clockSkew");
            return this;
        }

        /**
         * How long a shared store's fetch lease lives without renewal: 10 seconds by default. The holder renews it
         * every third of that while it fetches; if the holder dies, another instance takes over within this time.
         */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = nonNegative(ttl, "leaseTtl");
            if (ttl.isZero()) {
                throw new IllegalArgumentException("leaseTtl is zero");
            }
            return this;
        }

        /**
         * While a shared store cannot be reached, the least time between two token requests of this instance: 5
         * seconds by default. With one active token per client, instances that fetch on their own invalidate each
         * other's tokens; this bounds the fleet's request rate to one per instance per interval instead of a storm.
         */
        public Builder storeFallbackInterval(Duration interval) {
            this.storeFallbackInterval = nonNegative(interval, "storeFallbackInterval");
            return this;
        }

        /**
         * How long before {@code expires_in} runs out a token counts as expired: 60 seconds by default, at most half
         * the token's lifetime.
         */
        public Builder refreshMargin(Duration margin) {
            this.refreshMargin = nonNegative(margin, "refreshMargin");
            return this;
        }

        public Builder listener(TokenListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /** Where token requests run; a shared pool of daemon threads by default. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /**
         * Requests per fetch, the first included, for retryable failures: 8 by default. Retrying also stops at the
         * {@linkplain #retryBudget(Duration) retry budget}, whichever comes first.
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Backoff between retries: from {@code initial} (200 ms), doubling, at most {@code max} (5 s), jittered. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = nonNegative(initial, "initial");
            this.maxBackoff = nonNegative(max, "max");
            return this;
        }

        /**
         * The most time one fetch may spend retrying, measured on the {@link Ticker} from its first request: 30
         * seconds by default. No wait that would end past it is taken: a {@code Retry-After} beyond it fails the fetch
         * at once with the server's answer. Retrying also stops after {@linkplain #maxAttempts(int) maxAttempts}.
         */
        public Builder retryBudget(Duration budget) {
            this.retryBudget = nonNegative(budget, "retryBudget");
            return this;
        }

        /** How long a non-retryable failure is answered from memory before the endpoint is asked again: 10 s. */
        public Builder clientErrorBackoff(Duration backoff) {
            this.clientErrorBackoff = nonNegative(backoff, "clientErrorBackoff");
            return this;
        }

        /**
         * Drains in-flight requests before refreshing an expiring token: new requests wait for the new token, and the
         * refresh waits (at most {@code timeout}, never past the old token's expiry) until the requests holding the old
         * token are answered. With one active token per client, a refresh otherwise invalidates the token of requests
         * still on the wire, and each of those costs a 401 and a retry. The price is a pause of new requests for about
         * one round trip per token lifetime, and two atomic updates per request.
         */
        public Builder drainInFlightBeforeRefresh(Duration timeout) {
            this.drainTimeout = nonNegative(timeout, "timeout");
            return this;
        }

        /** Tests: wait by moving a fake ticker instead of sleeping. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        public TokenManager build() {
            return new TokenManager(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " is negative: " + d);
            }
            return d;
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "retrospec-token-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
