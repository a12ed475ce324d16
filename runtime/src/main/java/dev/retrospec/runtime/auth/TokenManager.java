package dev.retrospec.runtime.auth;

import dev.retrospec.runtime.auth.TokenListener.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
 *       TokenListener#onStoreUnavailable} event and a log line) and fetches only what it cannot do without. A
 *       token still good when its refresh point comes is kept through the outage, until half its refresh margin is
 *       left, while the store is checked in the background; with one active token per client, a token fetched
 *       alone would log out every other instance. A token that is rejected, or past that point, waits for the
 *       store up to one {@linkplain Builder#storeFallbackInterval(Duration) fallback interval} from when the store
 *       was found down (or from this instance's last fetch without it), and is fetched alone only if the store has
 *       not answered by then: at most one token request per interval, and none for an outage shorter than one. A
 *       fetch under the lease whose write the outage refused is written once the store answers, and the lease it
 *       was fetched under still counts if the store came back without it (a restart that lost its data). As soon
 *       as the store answers the manager returns to the shared token (one event, one log line).
 *   <li><b>Interrupts.</b> Fetches run on a background executor: a caller interrupted while waiting gets an
 *       {@link InterruptedIOException} with its interrupt flag set, and the fetch still completes and is kept.
 *       With one active token per client that matters: a token the issuer already sent has invalidated the old one.
 * </ul>
 */
public final class TokenManager {
    static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** How long a refresh waits for in-flight requests by default when the provider has one active token. */
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private static final ExecutorService DEFAULT_EXECUTOR = Executors.newCachedThreadPool(new DaemonThreads());

    private final TokenProvider provider;
    private final TokenStore store;
    private final Ticker ticker;
    private final TokenLifetimes lifetimes;
    private final StoreRefresh shared;
    private final TokenListener listener;
    private final Executor executor;
    private final long clientErrorBackoffNanos;
    private final boolean drainBeforeRefresh;
    private final long drainTimeoutNanos;

    private final Object lock = new Object();
    /** The token requests use: read without a lock or a store call on every request. */
    private volatile @Nullable CurrentToken current;
    /** The refresh everyone waits for, or null. Guarded by {@link #lock}. */
    private @Nullable CompletableFuture<CurrentToken> inFlight;
    /** The last non-retryable failure and the ticker reading until which it is answered from memory. */
    private @Nullable IOException clientError;

    private long clientErrorUntil;

    private TokenManager(Builder builder) {
        this.provider = builder.provider;
        this.store = bind(builder.store, builder.provider);
        this.ticker = builder.ticker;
        this.lifetimes = new TokenLifetimes(builder.ticker, builder.clock, builder.refreshMargin, builder.clockSkew);
        this.listener = builder.listener;
        this.executor = builder.executor;
        this.clientErrorBackoffNanos = builder.clientErrorBackoff.toNanos();
        this.drainBeforeRefresh = builder.drainTimeout != null;
        this.drainTimeoutNanos = builder.drainTimeout == null ? 0 : builder.drainTimeout.toNanos();
        TokenFetcher fetcher = new TokenFetcher(
                builder.provider,
                builder.ticker,
                builder.clock,
                builder.maxAttempts,
                builder.initialBackoff,
                builder.maxBackoff,
                builder.retryBudget,
                builder.sleeper);
        this.shared = new StoreRefresh(
                store,
                fetcher,
                lifetimes,
                builder.ticker,
                builder.sleeper,
                builder.executor,
                builder.listener,
                builder.leaseTtl,
                builder.storeFallbackInterval,
                builder.drainTimeout,
                builder.retryBudget);
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

    private CurrentToken currentForUse() throws IOException {
        CurrentToken now = current;
        if (now != null && now.usable(ticker.read())) {
            return now;
        }
        Reason reason = now == null ? Reason.INITIAL : now.rejected ? Reason.REJECTED : Reason.EXPIRING;
        return await(refresh(now, reason));
    }

    /** Whether requests must be counted with {@link #beginRequest()} and {@link CurrentToken#end()}. */
    boolean drainsBeforeRefresh() {
        return drainBeforeRefresh;
    }

    /**
     * A token for one request, counted as in flight until {@link CurrentToken#end()}: a refresh of an expiring token
     * waits until no request holds the old one, so the refresh cannot make the server reject them.
     */
    CurrentToken beginRequest() throws IOException {
        while (true) {
            CurrentToken use = currentForUse();
            use.requests.increment();
            if (!use.draining) {
                return use; // a drain sets draining before it counts: it sees us, or we see it
            }
            use.requests.decrement(); // this token is being drained: the next round waits for its successor
        }
    }

    /**
     * Stops new requests from taking {@code token} and waits until the requests holding it are answered: at most
     * {@code drainTimeout}, and never past the token's real expiry.
     */
    private void drain(CurrentToken token) {
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
        CurrentToken now;
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
            CurrentToken now = current;
            return now != null && now.token.equals(token) && dropLocked(now, why);
        }
    }

    private boolean dropLocked(CurrentToken token, String why) {
        if (token.rejected) {
            return false;
        }
        token.rejected = true;
        notify(() -> listener.onInvalidated(new TokenListener.Invalidated(token.token.fingerprint(), why)));
        return true;
    }

    private CompletableFuture<CurrentToken> refresh(@Nullable CurrentToken replacing, Reason reason) {
        synchronized (lock) {
            CurrentToken now = current;
            if (now != null && now != replacing && now.usable(ticker.read())) {
                return CompletableFuture.completedFuture(now); // someone refreshed while we came here
            }
            if (inFlight != null) {
                return inFlight;
            }
            if (clientError != null && ticker.read() - clientErrorUntil < 0) {
                return CompletableFuture.failedFuture(clientError);
            }
            CompletableFuture<CurrentToken> pending = new CompletableFuture<>();
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

    /**
     * One refresh: from the store if another instance has a newer token, else fetched under the lease; while the store
     * is down, the token kept if it is still good, else fetched alone at the fallback rate.
     */
    private void run(CompletableFuture<CurrentToken> pending, Reason reason, @Nullable CurrentToken replacing) {
        long start = System.nanoTime(); // for the listener's durations only: metrics in real time
        AtomicInteger attempts = new AtomicInteger();
        try {
            // Only a token nobody else is replacing may be kept through an outage: one that another instance asked
            // us to drain is being replaced, and a rejected one is dead.
            boolean mayHold = reason == Reason.EXPIRING && replacing != null && !replacing.draining;
            CurrentToken next = null;
            StoreRefresh.Read first = null;
            if (mayHold && replacing != null) {
                try {
                    first = new StoreRefresh.Read(store.read()); // before draining: keeping costs no pause
                    shared.answered();
                } catch (IOException e) {
                    shared.failed(e);
                    if (replacing.holdable(ticker.read())) {
                        next = replacing.held();
                    }
                }
            }
            if (next == null) {
                if (drainBeforeRefresh && reason == Reason.EXPIRING && replacing != null) {
                    drain(replacing);
                }
                next = shared.obtain(reason, replacing, mayHold, attempts, first);
            }
            CurrentToken obtained = next;
            synchronized (lock) {
                current = obtained; // announcements wait while a refresh is in flight: nothing newer came in between
                clientError = null;
                inFlight = null;
            }
            if (obtained.held) {
                watchStore(obtained); // back to the shared token as soon as the store answers
            }
            if (attempts.get() > 0) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                notify(() -> listener.onAcquired(new TokenListener.Acquired(
                        reason, took, attempts.get(), obtained.token.fingerprint(), obtained.token.expiresIn())));
            }
            pending.complete(obtained);
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

    /**
     * While {@code held} is kept through an outage: checks the store every poll interval, and once it answers
     * refreshes through it (the lease, or another instance's token) instead of waiting for the hold to end.
     */
    private void watchStore(CurrentToken held) {
        long realDeadline = System.nanoTime() + Math.max(0, held.refreshAt - ticker.read());
        shared.untilAnswered(
                () -> current == held
                        && !held.rejected
                        && !held.draining
                        && ticker.read() - held.refreshAt < 0 // else its own refresh point takes over
                        && System.nanoTime() - realDeadline < 0,
                () -> {
                    store.read();
                    CompletableFuture<CurrentToken> unused = refresh(held, Reason.EXPIRING);
                },
                () -> {});
    }

    /** What other instances say, through the store. */
    private final class StoreEvents implements TokenStore.Events {
        @Override
        public void announced(long version) {
            shared.heard(version);
            CurrentToken now = current;
            if (now == null || version <= now.version) {
                return; // ours, or nothing to replace
            }
            try {
                StoredToken announced = store.read();
                shared.answered();
                synchronized (lock) {
                    CurrentToken mine = current;
                    // A refresh under way takes the new token itself; otherwise switch now, before a request fails.
                    if (inFlight == null && mine != null && announced != null && lifetimes.adoptable(announced, mine)) {
                        current = lifetimes.adopt(announced);
                    }
                }
            } catch (IOException e) {
                shared.failed(e);
            }
        }

        @Override
        public void drainRequested(long version) {
            execute(() -> {
                CurrentToken now = current;
                if (drainBeforeRefresh && now != null && now.version == version) {
                    drain(now);
                }
                try {
                    store.drained(version);
                } catch (IOException e) {
                    shared.failed(e);
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

    private static CurrentToken await(CompletableFuture<CurrentToken> pending) throws IOException {
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

    static void notify(Runnable event) {
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
        private Sleeper sleeper = TokenFetcher::threadSleep;

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
         * While a shared store cannot be reached, how long a token that must be replaced (rejected, or kept through
         * the outage until half its margin was left) waits for the store before this instance fetches one alone,
         * counted from when the store was found down, and the least time between two token requests of this instance
         * without it: 5 seconds by default. With one active token per client, instances that fetch on their own
         * invalidate each other's tokens: an outage shorter than this costs no token request, a longer one at most
         * one per instance per interval instead of a storm. An instance without any token fetches its first at once.
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
}
