package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One token request of a {@link TokenManager}, with its retries: 5xx, 429, I/O failures and malformed answers are
 * retried with jittered exponential backoff, honouring {@code Retry-After}, at most {@code maxAttempts} requests and
 * none started later than {@code retryBudget} after the first; client errors are not retried.
 */
final class TokenFetcher {
    private final TokenProvider provider;
    private final Ticker ticker;
    private final Clock clock;
    private final int maxAttempts;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final long retryBudgetNanos;
    private final TokenManager.Sleeper sleeper;

    TokenFetcher(
            TokenProvider provider,
            Ticker ticker,
            Clock clock,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration retryBudget,
            TokenManager.Sleeper sleeper) {
        this.provider = provider;
        this.ticker = ticker;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.initialBackoffNanos = initialBackoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
        this.retryBudgetNanos = retryBudget.toNanos();
        this.sleeper = sleeper;
    }

    /** A token and when its request was sent: on the ticker, and on the wall clock for other instances. */
    record Fetched(AccessToken token, long sentAt, Instant sentAtWall) {
        @Nullable
        Instant expiresAt() {
            Duration expiresIn = token.expiresIn();
            return expiresIn == null ? null : sentAtWall.plus(expiresIn);
        }
    }

    /** A token from the provider; {@code attempts} counts the requests, for the listener. */
    Fetched fetch(AtomicInteger attempts) throws IOException {
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

    /** The manager's default {@link TokenManager.Sleeper}. */
    static void threadSleep(long nanos) throws InterruptedIOException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to try again");
        }
    }
}
