package dev.retrospec.runtime.auth;

import java.util.Objects;

/**
 * A token and the {@link Ticker} readings at which it must be refreshed and at which it expires.
 *
 * @param refreshAtNanos from this reading on the token counts as expired and a new one is fetched
 * @param expiresAtNanos when the issuer's {@code expires_in} runs out
 */
public record StoredToken(AccessToken token, long refreshAtNanos, long expiresAtNanos) {
    /** Far enough away to mean "never", near enough that differences cannot overflow. */
    static final long NEVER = Long.MAX_VALUE / 4;

    public StoredToken {
        Objects.requireNonNull(token, "token == null");
    }

    /** Whether the token may still be used at ticker reading {@code now}. */
    public boolean isFresh(long now) {
        return now - refreshAtNanos < 0;
    }
}
