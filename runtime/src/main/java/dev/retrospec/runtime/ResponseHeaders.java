package dev.retrospec.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** Response headers read as what they mean rather than as strings. */
public final class ResponseHeaders {
    private ResponseHeaders() {}

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
