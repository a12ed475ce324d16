package dev.retrospec.runtime;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** HTTP 429 Too Many Requests, with how long the server asked to wait. */
public final class RateLimitException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final @Nullable Duration retryAfter;

    RateLimitException(Parts parts) {
        super(parts);
        this.retryAfter = ResponseHeaders.retryAfter(parts.headers());
    }

    /** The response's {@code Retry-After}, as of when it was received; null if it had none or none readable. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
