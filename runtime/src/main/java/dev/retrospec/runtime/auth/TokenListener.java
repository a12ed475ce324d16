package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Hears what a {@link TokenManager} does with tokens, for metrics and logs. Events carry durations, reasons and
 * {@linkplain AccessToken#fingerprint() fingerprints}, never a token or a secret. Called on the thread that did
 * the work; keep it quick and do not throw.
 */
public interface TokenListener {
    TokenListener NONE = new TokenListener() {};

    /** Why a new token was needed. */
    enum Reason {
        /** There was no token yet. */
        INITIAL,
        /** The current token reached its refresh point (expires_in minus the margin). */
        EXPIRING,
        /** A server rejected the current token (HTTP 401). */
        REJECTED
    }

    /** A new token arrived after {@code duration} and {@code attempts} requests. */
    record Acquired(
            Reason reason,
            Duration duration,
            int attempts,
            String fingerprint,
            @Nullable Duration expiresIn) {}

    /** No token could be fetched; callers waiting for one got {@code error}. */
    record Failed(Reason reason, Duration duration, int attempts, IOException error) {}

    /** The current token was dropped: {@code why} is "rejected by server" or similar. */
    record Invalidated(String fingerprint, String why) {}

    default void onAcquired(Acquired event) {}

    default void onFailed(Failed event) {}

    default void onInvalidated(Invalidated event) {}
}
