package dev.retrospec.runtime.auth;

import dev.retrospec.runtime.auth.TokenFetcher.Fetched;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns tokens into local deadlines on the {@link Ticker}: a fetched token's from when its request was sent, a shared
 * token's from its absolute expiry on the wall clock, once, less the skew allowance. Refresh points come {@code
 * margin} early, at most half the lifetime.
 */
final class TokenLifetimes {
    /** Far enough away to mean "never", near enough that differences cannot overflow. */
    static final long NEVER = Long.MAX_VALUE / 4;

    private final Ticker ticker;
    private final Clock clock;
    private final long marginNanos;
    private final long skewNanos;

    TokenLifetimes(Ticker ticker, Clock clock, Duration margin, Duration skew) {
        this.ticker = ticker;
        this.clock = clock;
        this.marginNanos = margin.toNanos();
        this.skewNanos = skew.toNanos();
    }

    /** A token this instance fetched, as the current token of {@code version}. */
    CurrentToken local(Fetched fetched, long version) {
        Duration expiresIn = fetched.token().expiresIn();
        if (expiresIn == null) {
            return new CurrentToken(fetched.token(), version, fetched.sentAt() + NEVER, fetched.sentAt() + NEVER);
        }
        long lifetime = expiresIn.toNanos();
        return new CurrentToken(
                fetched.token(),
                version,
                fetched.sentAt() + lifetime - margin(fetched.token()),
                fetched.sentAt() + lifetime);
    }

    /** Whether {@code shared} is newer than {@code replacing} and not yet at its refresh point. */
    boolean adoptable(StoredToken shared, @Nullable CurrentToken replacing) {
        if (replacing != null && shared.version() <= replacing.version) {
            return false;
        }
        return shared.expiresAt() == null || remainingNanos(shared) - margin(shared.token()) > 0;
    }

    /** Another instance's token, as the current token. */
    CurrentToken adopt(StoredToken shared) {
        long now = ticker.read();
        if (shared.expiresAt() == null) {
            return new CurrentToken(shared.token(), shared.version(), now + NEVER, now + NEVER);
        }
        long remaining = remainingNanos(shared);
        return new CurrentToken(
                shared.token(), shared.version(), now + remaining - margin(shared.token()), now + remaining);
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
}
