package dev.retrospec.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Response headers read as what they mean rather than as strings: {@code Retry-After} as a duration,
 * {@code Location} as a URL, rate limits as numbers. {@link LinkHeader} reads {@code Link}. Retrofit's
 * {@code Response} gives the rest ({@code response.headers()}).
 */
public final class ResponseHeaders {
    private ResponseHeaders() {}

    /**
     * A rate limit as the server reports it; each part null when not sent. Read from the IETF draft's
     * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} or the common
     * {@code X-RateLimit-*} headers.
     *
     * @param limit requests allowed in the window
     * @param remaining requests left in the window
     * @param reset when the window resets, as sent: seconds from now in the IETF draft, an epoch second at GitHub
     *     and others; the API's description says which
     */
    public record RateLimit(
            @Nullable Long limit,
            @Nullable Long remaining,
            @Nullable Long reset) {}

    /** The response's rate limit, or null if it reports none. */
    public static @Nullable RateLimit rateLimit(Headers headers) {
        Long limit = either(headers, "RateLimit-Limit", "X-RateLimit-Limit");
        Long remaining = either(headers, "RateLimit-Remaining", "X-RateLimit-Remaining");
        Long reset = either(headers, "RateLimit-Reset", "X-RateLimit-Reset");
        return limit == null && remaining == null && reset == null ? null : new RateLimit(limit, remaining, reset);
    }

    private static @Nullable Long either(Headers headers, String name, String other) {
        Long value = longValue(headers, name);
        return value != null ? value : longValue(headers, other);
    }

    /** A header holding a whole number, or null if absent or not a number. */
    public static @Nullable Long longValue(Headers headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The {@code ETag}, as sent (quotes and any {@code W/} included, ready for {@code If-None-Match}), or null. */
    public static @Nullable String etag(Headers headers) {
        String value = headers.get("ETag");
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The {@code Location}, resolved against the request's URL (it may be relative), or null if absent or invalid. */
    public static @Nullable HttpUrl location(Response<?> response) {
        String value = response.headers().get("Location");
        return value == null ? null : response.raw().request().url().resolve(value.trim());
    }

    /**
     * How long the server asks the client to wait ({@code Retry-After}, RFC 9110 section 10.2.3: seconds or an HTTP
     * date), or null when it does not say or says it unreadably. A date in the past is zero.
     */
    public static @Nullable Duration retryAfter(Headers headers) {
        return retryAfter(headers, Clock.systemUTC());
    }

    /** {@link #retryAfter(Headers)} with an HTTP date measured against {@code clock}. */
    public static @Nullable Duration retryAfter(Headers headers, Clock clock) {
        String value = headers.get("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
