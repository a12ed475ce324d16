package dev.retrospec.runtime.auth;

import dev.retrospec.runtime.auth.TokenListener.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Owns the access token for one set of credentials: fetches it once, shares it with every thread, refreshes it
 * before it expires and after a server rejects it.
 *
 * <ul>
 *   <li><b>Single-flight.</b> At most one token request is in flight; every caller that needs a token meanwhile
 *       waits for that one and gets the same token, or the same exception.
 *   <li><b>Expiry on a monotonic clock.</b> A token counts as expired {@code refreshMargin} before its
 *       {@code expires_in} runs out (never less than half its lifetime), measured with a {@link Ticker} from when
 *       the request for it was sent. Wall-clock changes do not matter.
 *   <li><b>Rejection.</b> {@link #tokenAfterRejection(AccessToken)} replaces the token only if the rejected one is
 *       still current; a caller holding an older token just gets the current one.
 *   <li><b>Faults.</b> 5xx, 429, I/O failures and 2xx answers that are empty or not well-formed JSON are retried
 *       with jittered exponential backoff (200 ms doubling to 5 s), honouring {@code Retry-After}. One contract,
 *       two bounds, whichever comes first: at most {@code maxAttempts} requests (8), and no request started later
 *       than {@code retryBudget} (30 s, on the {@link Ticker}) after the first; a wait that would end past the budget
 *       is not taken and the last failure goes to the callers. Client errors ({@code invalid_client}, ...) are not
 *       retried, and for {@code clientErrorBackoff} afterwards callers get the same error without another request,
 *       so a misconfigured client does not hammer the identity provider.
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
    private final long marginNanos;
    private final TokenListener listener;
    private final Executor executor;
    private final int maxAttempts;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final long retryBudgetNanos;
    private final long clientErrorBackoffNanos;
    private final boolean drainBeforeRefresh;
    private final long drainTimeoutNanos;
    private final Sleeper sleeper;

    private final Object lock = new Object();
    /** Requests in flight with the current token; counted only when draining before refresh. */
    private volatile @Nullable InFlight requests;
    /** The fetch everyone waits for, or null. Guarded by {@link #lock}. */
    private @Nullable CompletableFuture<AccessToken> inFlight;
    /** The last non-retryable failure and the ticker reading until which it is answered from memory. */
    private @Nullable IOException clientError;

    private long clientErrorUntil;

    private TokenManager(Builder builder) {
        this.provider = builder.provider;
        this.store = builder.store;
        this.ticker = builder.ticker;
        this.marginNanos = builder.refreshMargin.toNanos();
        this.listener = builder.listener;
        this.executor = builder.executor;
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoffNanos = builder.initialBackoff.toNanos();
        this.maxBackoffNanos = builder.maxBackoff.toNanos();
        this.retryBudgetNanos = builder.retryBudget.toNanos();
        this.clientErrorBackoffNanos = builder.clientErrorBackoff.toNanos();
        this.drainBeforeRefresh = builder.drainTimeout != null;
        this.drainTimeoutNanos = builder.drainTimeout == null ? 0 : builder.drainTimeout.toNanos();
        this.sleeper = builder.sleeper;
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
        StoredToken current = store.get();
        if (current != null && current.isFresh(ticker.read())) {
            return current.token();
        }
        return await(startOrJoin(current == null ? Reason.INITIAL : Reason.EXPIRING));
    }

    /** Whether requests must be counted with {@link #beginRequest()} and {@link InFlight#end()}. */
    boolean drainsBeforeRefresh() {
        return drainBeforeRefresh;
    }

    /**
     * A token for one request, counted as in flight until {@link InFlight#end()}: a refresh of an expiring token
     * waits until no request holds the old one, so the refresh cannot make the server reject them.
     */
    // Identity, not equality: a tracker counts the requests of one token object, the one the store handed out.
    @SuppressWarnings("ReferenceEquality")
    InFlight beginRequest() throws IOException {
        while (true) {
            AccessToken token = token();
            InFlight tracker = requests;
            if (tracker == null || tracker.token != token) {
                synchronized (lock) {
                    tracker = requests;
                    if (tracker == null || tracker.token != token) {
                        tracker = new InFlight(token);
                        requests = tracker;
                    }
                }
            }
            tracker.count.increment();
            if (!tracker.draining) {
                return tracker; // the refresher sets draining before it counts: it sees us, or we see it
            }
            tracker.count.decrement(); // a refresh is draining this token: wait for the next one
        }
    }

    /** The requests in flight with one token. */
    static final class InFlight {
        final AccessToken token;
        final LongAdder count = new LongAdder();
        volatile boolean draining;

        InFlight(AccessToken token) {
            this.token = token;
        }

        void end() {
            count.decrement();
        }
    }

    /**
     * Before replacing an expiring token, stops new requests from taking it and waits until the requests holding it
     * are answered: at most {@code drainTimeout}, and never past the token's real expiry.
     */
    @SuppressWarnings("ReferenceEquality") // identity of the token object, as in beginRequest
    private void drain(@Nullable StoredToken expiring) {
        InFlight tracker = requests;
        if (!drainBeforeRefresh || expiring == null || tracker == null || tracker.token != expiring.token()) {
            return;
        }
        tracker.draining = true;
        long deadline =
                System.nanoTime() + Math.min(drainTimeoutNanos, Math.max(0, expiring.expiresAtNanos() - ticker.read()));
        while (tracker.count.sum() > 0 && System.nanoTime() - deadline < 0) {
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
        CompletableFuture<AccessToken> pending;
        synchronized (lock) {
            StoredToken current = store.get();
            if (current != null && !current.token().equals(rejected) && current.isFresh(ticker.read())) {
                return current.token();
            }
            Reason reason = Reason.EXPIRING;
            if (current != null && current.token().equals(rejected)) {
                dropLocked(rejected, "rejected by server");
                reason = Reason.REJECTED;
            } else if (current == null) {
                reason = Reason.REJECTED;
            }
            pending = startOrJoinLocked(reason);
        }
        return await(pending);
    }

    /**
     * Drops {@code token} if it is still current, without fetching a new one: the next {@link #token()} will. For a
     * rejected token whose request cannot be retried.
     *
     * @return whether {@code token} was the current token
     */
    public boolean invalidate(AccessToken token, String why) {
        synchronized (lock) {
            return dropLocked(token, why);
        }
    }

    private boolean dropLocked(AccessToken token, String why) {
        boolean dropped = store.invalidate(token);
        if (dropped) {
            notify(() -> listener.onInvalidated(new TokenListener.Invalidated(token.fingerprint(), why)));
        }
        return dropped;
    }

    private CompletableFuture<AccessToken> startOrJoin(Reason reason) {
        synchronized (lock) {
            StoredToken current = store.get();
            if (current != null && current.isFresh(ticker.read())) {
                return CompletableFuture.completedFuture(current.token()); // someone refreshed while we came here
            }
            return startOrJoinLocked(reason);
        }
    }

    private CompletableFuture<AccessToken> startOrJoinLocked(Reason reason) {
        if (inFlight != null) {
            return inFlight;
        }
        if (clientError != null && ticker.read() - clientErrorUntil < 0) {
            return CompletableFuture.failedFuture(clientError);
        }
        CompletableFuture<AccessToken> pending = new CompletableFuture<>();
        inFlight = pending;
        StoredToken expiring = reason == Reason.EXPIRING ? store.get() : null;
        try {
            executor.execute(() -> fetch(pending, reason, expiring));
        } catch (RejectedExecutionException e) {
            inFlight = null;
            pending.completeExceptionally(new IOException("token fetch could not be scheduled", e));
        }
        return pending;
    }

    private void fetch(CompletableFuture<AccessToken> pending, Reason reason, @Nullable StoredToken expiring) {
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        boolean leased = false;
        try {
            drain(expiring);
            leased = acquireLease(pending);
            if (pending.isDone()) {
                return; // a token fetched elsewhere arrived in the shared store
            }
            AccessToken token = fetchWithRetries(attempts);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            notify(() -> listener.onAcquired(
                    new TokenListener.Acquired(reason, took, attempts.get(), token.fingerprint(), token.expiresIn())));
            pending.complete(token);
        } catch (IOException e) {
            synchronized (lock) {
                if (e instanceof TokenEndpointException te && !te.isRetryable()) {
                    clientError = e;
                    clientErrorUntil = ticker.read() + clientErrorBackoffNanos;
                }
                inFlight = null;
                if (leased) {
                    store.releaseFetchLease();
                    leased = false;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            notify(() -> listener.onFailed(new TokenListener.Failed(reason, took, attempts.get(), e)));
            pending.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                inFlight = null;
                if (leased) {
                    store.releaseFetchLease();
                    leased = false;
                }
            }
            pending.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Takes the store's fetch lease. In one JVM it is always free here; with a shared store another instance may be
     * fetching, and then we wait for its token instead of killing it with one of our own.
     */
    private boolean acquireLease(CompletableFuture<AccessToken> pending) throws IOException {
        long deadline = System.nanoTime() + retryBudgetNanos;
        while (!store.tryAcquireFetchLease(Duration.ofNanos(retryBudgetNanos))) {
            StoredToken shared = store.get();
            if (shared != null && shared.isFresh(ticker.read())) {
                synchronized (lock) {
                    inFlight = null;
                }
                pending.complete(shared.token());
                return false;
            }
            if (System.nanoTime() - deadline > 0) {
                return false; // the other holder is gone; fetch without the lease rather than wait forever
            }
            sleeper.sleep(Duration.ofMillis(50).toNanos());
        }
        return true;
    }

    private AccessToken fetchWithRetries(AtomicInteger attempts) throws IOException {
        long start = ticker.read();
        while (true) {
            attempts.incrementAndGet();
            long sentAt = ticker.read();
            IOException failure;
            long waitNanos;
            try {
                AccessToken token = provider.fetchToken();
                StoredToken stored = toStored(token, sentAt);
                synchronized (lock) {
                    store.set(stored);
                    store.releaseFetchLease();
                    clientError = null;
                    inFlight = null;
                }
                return token;
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

    private StoredToken toStored(AccessToken token, long sentAt) {
        Duration expiresIn = token.expiresIn();
        if (expiresIn == null) {
            return new StoredToken(token, sentAt + StoredToken.NEVER, sentAt + StoredToken.NEVER);
        }
        long lifetime = expiresIn.toNanos();
        long margin = Math.min(marginNanos, lifetime / 2);
        return new StoredToken(token, sentAt + lifetime - margin, sentAt + lifetime);
    }

    private static AccessToken await(CompletableFuture<AccessToken> pending) throws IOException {
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

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "retrospec-token-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
