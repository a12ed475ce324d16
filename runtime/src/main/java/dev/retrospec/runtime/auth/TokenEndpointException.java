package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The token endpoint refused to issue a token, or answered with something that is not a token.
 *
 * <p>For error responses {@link #error()} and {@link #errorDescription()} carry the RFC 6749 section 5.2 fields.
 * {@link #isRetryable()} says whether asking again can help: true for 5xx, 429 and a 2xx whose body is empty or not
 * well-formed JSON, false for other statuses (client errors such as {@code invalid_client} or {@code invalid_scope},
 * which only a change of configuration fixes) and for well-formed 2xx answers without a usable token. The status and
 * headers decide, whatever the body: an empty or garbled error body keeps its status and {@code Retry-After}.
 * Neither the message nor any field ever holds the client secret or a token.
 */
public final class TokenEndpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Our own error code for a 2xx response that is not a usable token (RFC 6749 defines none for that). */
    public static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

    private final int httpStatus;
    private final @Nullable String error;
    private final @Nullable String errorDescription;
    private final @Nullable String errorUri;
    private final boolean retryable;
    private final @Nullable Duration retryAfter;

    public TokenEndpointException(
            String message,
            int httpStatus,
            @Nullable String error,
            @Nullable String errorDescription,
            @Nullable String errorUri,
            boolean retryable,
            @Nullable Duration retryAfter,
            @Nullable Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.error = error;
        this.errorDescription = errorDescription;
        this.errorUri = errorUri;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /**
     * Classifies an error answer from a token endpoint the way RFC 6749 and HTTP mean it: 429 and 5xx are worth
     * retrying (after {@code retryAfter} if the server said so), other statuses are not.
     *
     * @param endpoint where the request went, for the message (its query, if any, is left out)
     */
    public static TokenEndpointException fromErrorResponse(
            String endpoint,
            int httpStatus,
            @Nullable String error,
            @Nullable String errorDescription,
            @Nullable String errorUri,
            @Nullable Duration retryAfter) {
        boolean retryable = httpStatus == 429 || httpStatus >= 500;
        StringBuilder message = new StringBuilder("token endpoint ")
                .append(endpoint)
                .append(" answered HTTP ")
                .append(httpStatus);
        if (error != null) {
            message.append(": ").append(error);
            if (errorDescription != null) {
                message.append(" (").append(errorDescription).append(')');
            }
        }
        if (retryAfter != null) {
            message.append(", retry after ").append(retryAfter.toMillis()).append(" ms");
        }
        return new TokenEndpointException(
                message.toString(), httpStatus, error, errorDescription, errorUri, retryable, retryAfter, null);
    }

    /**
     * A well-formed 2xx answer that is not a usable token (no {@code access_token}, another {@code token_type}, ...):
     * not retried, the issuer would answer the same again.
     */
    public static TokenEndpointException invalidTokenResponse(String endpoint, int httpStatus, String problem) {
        return invalidTokenResponse(endpoint, httpStatus, problem, false);
    }

    /**
     * A 2xx answer that is empty, not JSON, or JSON cut short or garbled: a transient fault (a proxy, a connection
     * closed mid-body), retried with backoff like a 5xx.
     */
    public static TokenEndpointException malformedTokenResponse(String endpoint, int httpStatus, String problem) {
        return invalidTokenResponse(endpoint, httpStatus, problem, true);
    }

    private static TokenEndpointException invalidTokenResponse(
            String endpoint, int httpStatus, String problem, boolean retryable) {
        return new TokenEndpointException(
                "token endpoint " + endpoint + " answered HTTP " + httpStatus + " without a usable token: " + problem,
                httpStatus,
                INVALID_TOKEN_RESPONSE,
                problem,
                null,
                retryable,
                null,
                null);
    }

    /** The HTTP status the endpoint answered with, or 0 if it never answered. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The RFC 6749 {@code error} code, such as {@code invalid_client}, or null if the answer had none. */
    public @Nullable String error() {
        return error;
    }

    /** The RFC 6749 {@code error_description}, or null. */
    public @Nullable String errorDescription() {
        return errorDescription;
    }

    /** The RFC 6749 {@code error_uri}, or null. */
    public @Nullable String errorUri() {
        return errorUri;
    }

    /** Whether asking again later can succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** How long the server asked us to wait ({@code Retry-After}), or null. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
