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

    /**
     * A shared {@link TokenStore} could not be reached; until it can, this instance fetches its own tokens at a
     * bounded rate. Heard once per outage.
     *
     * @param error the failure's type and message
     */
    record StoreUnavailable(String store, String error) {}

    /** The shared store answers again after being unavailable for {@code downFor}. */
    record StoreAvailable(String store, Duration downFor) {}

    default void onAcquired(Acquired event) {}

    default void onStoreUnavailable(StoreUnavailable event) {}

    default void onStoreAvailable(StoreAvailable event) {}

    default void onFailed(Failed event) {}

    default void onInvalidated(Invalidated event) {}
}
