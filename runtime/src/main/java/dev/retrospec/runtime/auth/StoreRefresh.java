package dev.retrospec.runtime.auth;

import dev.retrospec.runtime.auth.TokenFetcher.Fetched;
import dev.retrospec.runtime.auth.TokenListener.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenManager}'s way to its next token through the {@link TokenStore}, one refresh at a time (the manager's
 * single-flight): another instance's token from the store, or one fetched under the lease and written there; and what
 * it does while the store cannot be reached (see the manager's "Store outages"). It also keeps the store's health
 * (one event and one log line each way) and the announcements heard.
 */
final class StoreRefresh {
    /** The version of a token fetched while the store was unreachable: older than any the store holds. */
    static final long UNSHARED = Long.MIN_VALUE;

    private static final System.Logger LOG = System.getLogger(TokenManager.class.getName());
    /** Lease renewals, and the moments to check a store that is down; the checks themselves run on the executor. */
    private static final ScheduledExecutorService SCHEDULER =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads());

    private final TokenStore store;
    private final TokenFetcher fetcher;
    private final TokenLifetimes lifetimes;
    private final Ticker ticker;
    private final TokenManager.Sleeper sleeper;
    private final Executor executor;
    private final TokenListener listener;
    private final Duration leaseTtl;
    private final long fallbackIntervalNanos;
    private final @Nullable Duration drainTimeout;
    /** How long a refresh waits for another instance's token before it fails. */
    private final long longestWaitNanos;

    /** Whether the store failed its last call, and since when (ticker); guarded by itself. */
    private final Object health = new Object();

    private boolean storeDown;
    private long storeDownSince;
    /** When this instance last fetched without the store (ticker), for the fallback rate; guarded by the fetch. */
    private long lastUnsharedFetch;

    private boolean fetchedUnshared;
    /** Signalled when another instance announces a token; guarded by itself. */
    private final Object announcements = new Object();

    private long announcedVersion = UNSHARED;

    StoreRefresh(
            TokenStore store,
            TokenFetcher fetcher,
            TokenLifetimes lifetimes,
            Ticker ticker,
            TokenManager.Sleeper sleeper,
            Executor executor,
            TokenListener listener,
            Duration leaseTtl,
            Duration fallbackInterval,
            @Nullable Duration drainTimeout,
            Duration retryBudget) {
        this.store = store;
        this.fetcher = fetcher;
        this.lifetimes = lifetimes;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.executor = executor;
        this.listener = listener;
        this.leaseTtl = leaseTtl;
        this.fallbackIntervalNanos = fallbackInterval.toNanos();
        this.drainTimeout = drainTimeout;
        this.longestWaitNanos = retryBudget.toNanos() + 2 * leaseTtl.toNanos();
    }

    /** What one read of the store found: {@code token} is null if it holds none. */
    record Read(@Nullable StoredToken token) {}

    /** A call to the store, in the background. */
    @FunctionalInterface
    interface StoreCall {
        void run() throws IOException;
    }

    /**
     * The token to use next: another instance's from the store, or one fetched under the lease. When the store
     * fails: {@code replacing} kept if {@code mayHold} and it is still good and no other instance was seen fetching
     * its replacement; else the store awaited up to this instance's fallback slot, and the token fetched alone only
     * if the store has not answered by then. {@code first} is a read of the store the caller already made.
     */
    CurrentToken obtain(
            Reason reason,
            @Nullable CurrentToken replacing,
            boolean mayHold,
            AtomicInteger attempts,
            @Nullable Read first)
            throws IOException {
        long waitedSince = ticker.read();
        Read read = first;
        // Another instance's lease seen during this refresh, and whether the store failed since: a store restarted
        // without its data forgets the lease, not its holder, who is still fetching and will write under it.
        boolean leaseSeen = false;
        long leaseSeenAt = 0;
        boolean lostSinceLeaseSeen = false;
        while (true) {
            long seen = announced();
            TokenStore.Lease lease = null;
            try {
                StoredToken shared = read != null ? read.token() : store.read();
                read = null;
                answered();
                if (shared != null && lifetimes.adoptable(shared, replacing)) {
                    return lifetimes.adopt(shared);
                }
                boolean forgottenLeaseStillRuns =
                        lostSinceLeaseSeen && ticker.read() - leaseSeenAt - leaseTtl.toNanos() < 0;
                if (!forgottenLeaseStillRuns) {
                    lease = store.tryAcquireLease(leaseTtl);
                    if (lease == null) {
                        leaseSeen = true;
                        leaseSeenAt = ticker.read();
                        lostSinceLeaseSeen = false;
                    } else {
                        StoredToken written = readUnderLease(lease); // someone may have written since our read
                        if (written != null && lifetimes.adoptable(written, replacing)) {
                            release(lease);
                            return lifetimes.adopt(written);
                        }
                    }
                }
            } catch (IOException e) {
                failed(e);
                lostSinceLeaseSeen = leaseSeen;
                if (mayHold && !leaseSeen && replacing != null && replacing.holdable(ticker.read())) {
                    return replacing.held();
                }
                if (!awaitStore(reason)) {
                    return fetchUnshared(attempts);
                }
                continue; // the store answers again: the shared route
            }
            if (lease != null) {
                return fetchUnderLease(lease, reason, replacing, attempts);
            }
            if (ticker.read() - waitedSince > longestWaitNanos) {
                throw new IOException("no token from the instance holding the fetch lease for "
                        + Duration.ofNanos(longestWaitNanos).toSeconds() + " s");
            }
            awaitAnnouncement(seen, pollMillis());
        }
    }

    /** The store read again once we hold {@code lease}; if the store fails, the lease is given back first. */
    private @Nullable StoredToken readUnderLease(TokenStore.Lease lease) throws IOException {
        try {
            return store.read();
        } catch (IOException e) {
            release(lease); // it expires by itself if this fails too
            throw e;
        }
    }

    private CurrentToken fetchUnderLease(
            TokenStore.Lease lease, Reason reason, @Nullable CurrentToken replacing, AtomicInteger attempts)
            throws IOException {
        LeaseRenewal renewal = new LeaseRenewal(lease);
        boolean handedOver = false;
        try {
            if (drainTimeout != null && reason == Reason.EXPIRING && replacing != null) {
                try {
                    // Like the local drain: never past the old token's expiry, when waiting means nothing any more.
                    long left = Math.max(0, replacing.expiresAt - ticker.read());
                    store.drainOthers(replacing.version, Duration.ofNanos(Math.min(drainTimeout.toNanos(), left)));
                } catch (IOException e) {
                    failed(e);
                }
            }
            Fetched fetched = fetcher.fetch(attempts);
            CurrentToken mine = lifetimes.local(fetched, lease.fence());
            StoredToken stored = new StoredToken(fetched.token(), fetched.expiresAt(), lease.fence());
            boolean written;
            try {
                written = store.write(stored, lease);
            } catch (IOException e) {
                failed(e);
                // The others wait for this token: written when the store answers, still under the lease.
                writeLater(stored, mine, renewal);
                handedOver = true;
                return mine;
            }
            if (written) {
                return mine;
            }
            // Our lease ran out and another holder wrote a newer token: the fence kept ours out. Use theirs.
            try {
                StoredToken newer = store.read();
                return newer != null && newer.version() > lease.fence() ? lifetimes.adopt(newer) : mine;
            } catch (IOException e) {
                failed(e);
                return mine;
            }
        } finally {
            if (!handedOver) {
                renewal.end();
            }
        }
    }

    /**
     * Writes {@code stored}, which the store could not take when it was fetched, once the store answers again, while
     * {@code mine} is still good (the store itself refuses it if a newer token was written meanwhile). Then ends the
     * lease.
     */
    private void writeLater(StoredToken stored, CurrentToken mine, LeaseRenewal renewal) {
        long realDeadline = System.nanoTime() + Math.max(0, mine.refreshAt - ticker.read());
        untilAnswered(
                () -> !mine.rejected && ticker.read() - mine.refreshAt < 0 && System.nanoTime() - realDeadline < 0,
                () -> store.write(stored, renewal.lease),
                renewal::end);
    }

    /**
     * Makes {@code call} every poll interval, on the executor, while {@code wanted} holds and the store cannot be
     * reached; then runs {@code done}, exactly once, whatever happened (also if the executor refuses the task).
     */
    void untilAnswered(BooleanSupplier wanted, StoreCall call, Runnable done) {
        later(
                new Runnable() {
                    @Override
                    public void run() {
                        boolean again = false;
                        try {
                            if (wanted.getAsBoolean()) {
                                call.run();
                                answered();
                            }
                        } catch (IOException e) {
                            again = true;
                        } finally {
                            if (again) {
                                later(this, done);
                            } else {
                                done.run();
                            }
                        }
                    }
                },
                done);
    }

    /** Runs {@code task} on the executor after one poll interval, or {@code refused} if it cannot. */
    private void later(Runnable task, Runnable refused) {
        Runnable onExecutor = () -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                refused.run(); // shutting down
            }
        };
        try {
            ScheduledFuture<?> unused = SCHEDULER.schedule(onExecutor, pollMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            refused.run();
        }
    }

    /** A lease renewed every third of its time to live until {@link #end()}, which then gives it back. */
    private final class LeaseRenewal {
        final TokenStore.Lease lease;
        private final ScheduledFuture<?> schedule;
        /** Guarded by this: no renewal runs once set, so none can take the lease again after it was given back. */
        private boolean ended;

        LeaseRenewal(TokenStore.Lease lease) {
            this.lease = lease;
            long every = Math.max(1, leaseTtl.toMillis() / 3);
            this.schedule = SCHEDULER.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private synchronized void renew() {
            if (ended) {
                return;
            }
            try {
                store.renewLease(lease, leaseTtl);
            } catch (IOException | RuntimeException e) {
                // It expires by itself; the fence keeps a late write out.
            }
        }

        void end() {
            synchronized (this) {
                ended = true; // waits for a renewal under way
            }
            schedule.cancel(false);
            release(lease);
        }
    }

    private void release(TokenStore.Lease lease) {
        try {
            store.releaseLease(lease);
        } catch (IOException e) {
            failed(e); // it expires by itself
        }
    }

    /** How often the store is asked while waiting: for another instance's token, or for the store itself. */
    private long pollMillis() {
        return Math.max(1, Math.min(100, leaseTtl.toMillis() / 4));
    }

    /**
     * Waits, checking the store, until this instance may fetch without it: one fallback interval after the store was
     * found down (a short outage costs a wait, not a token that logs the other instances out) and after its last
     * fetch without it. An instance with no token at all need not wait for the first. Returns true as soon as the
     * store answers, false when the time has come with the store still down.
     */
    private boolean awaitStore(Reason reason) throws InterruptedIOException {
        long earliest;
        synchronized (health) {
            if (!storeDown) {
                return true; // it answered another call meanwhile
            }
            earliest = reason == Reason.INITIAL ? ticker.read() : storeDownSince + fallbackIntervalNanos;
        }
        if (fetchedUnshared) {
            long next = lastUnsharedFetch + fallbackIntervalNanos;
            earliest = next - earliest > 0 ? next : earliest;
        }
        long pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis());
        while (true) {
            long wait = earliest - ticker.read();
            if (wait <= 0) {
                return false;
            }
            sleeper.sleep(Math.min(wait, pollNanos));
            try {
                store.read();
            } catch (IOException e) {
                continue;
            }
            answered();
            return true;
        }
    }

    /** Without the store: this instance fetches alone; {@link #awaitStore} has kept the fallback rate. */
    private CurrentToken fetchUnshared(AtomicInteger attempts) throws IOException {
        fetchedUnshared = true;
        lastUnsharedFetch = ticker.read();
        return lifetimes.local(fetcher.fetch(attempts), UNSHARED);
    }

    /** The store failed a call: said once per outage. */
    void failed(IOException e) {
        synchronized (health) {
            if (storeDown) {
                return;
            }
            storeDown = true;
            storeDownSince = ticker.read();
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "Token store {0} unavailable ({1}); until it answers again, a token still good is kept and one that"
                        + " is not is fetched alone, at most one request per {2} ms",
                store,
                describe(e),
                Duration.ofNanos(fallbackIntervalNanos).toMillis());
        TokenManager.notify(
                () -> listener.onStoreUnavailable(new TokenListener.StoreUnavailable(store.toString(), describe(e))));
    }

    /** The store answered a call: the end of an outage, if there was one. */
    void answered() {
        long since;
        synchronized (health) {
            if (!storeDown) {
                return;
            }
            storeDown = false;
            since = storeDownSince;
        }
        Duration down = Duration.ofNanos(ticker.read() - since);
        LOG.log(System.Logger.Level.INFO, "Token store {0} available again after {1} ms", store, down.toMillis());
        TokenManager.notify(() -> listener.onStoreAvailable(new TokenListener.StoreAvailable(store.toString(), down)));
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Another instance announced {@code version}: a refresh waiting for it looks at once. */
    void heard(long version) {
        synchronized (announcements) {
            announcedVersion = Math.max(announcedVersion, version);
            announcements.notifyAll();
        }
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
}
