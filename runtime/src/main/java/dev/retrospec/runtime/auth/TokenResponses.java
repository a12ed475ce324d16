package dev.retrospec.runtime.auth;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.retrospec.runtime.ResponseHeaders;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/** Reads token endpoint answers (RFC 6749 sections 5.1 and 5.2) into tokens or typed exceptions. */
final class TokenResponses {
    /** Token endpoint answers are small; anything bigger is not one. */
    private static final long MAX_BODY = 64 * 1024;

    private static final JsonReader.Options TOKEN_FIELDS =
            JsonReader.Options.of("access_token", "token_type", "expires_in", "scope");
    private static final JsonReader.Options ERROR_FIELDS =
            JsonReader.Options.of("error", "error_description", "error_uri");

    private TokenResponses() {}

    /**
     * Turns a token endpoint response into a token, or throws what it means.
     *
     * @param secrets strings that must never show up in an exception (the client secret); any error text from the
     *     server containing one is redacted
     */
    static AccessToken read(Response response, String endpoint, String... secrets) throws IOException {
        int code = response.code();
        ResponseBody body = response.body();
        String text = readBounded(body);
        if (code >= 200 && code < 300) {
            if (text.isBlank()) {
                throw TokenEndpointException.malformedTokenResponse(endpoint, code, "empty body");
            }
            if (!looksLikeJson(body.contentType(), text)) {
                throw TokenEndpointException.malformedTokenResponse(
                        endpoint, code, "body is not JSON (" + describe(body.contentType()) + ")");
            }
            return parseToken(text, endpoint, code);
        }
        // From here on the status and headers decide, whatever the body says or fails to say.
        @Nullable Duration retryAfter = ResponseHeaders.retryAfter(response.headers());
        String error = null;
        String description = null;
        String uri = null;
        if (looksLikeJson(body.contentType(), text)) {
            try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
                if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
                    reader.beginObject();
                    while (reader.hasNext()) {
                        switch (reader.selectName(ERROR_FIELDS)) {
                            case 0 -> error = stringOrNull(reader);
                            case 1 -> description = stringOrNull(reader);
                            case 2 -> uri = stringOrNull(reader);
                            default -> {
                                reader.skipName();
                                reader.skipValue();
                            }
                        }
                    }
                }
            } catch (JsonDataException | IOException ignored) {
                // Empty, truncated or not an RFC 6749 error object after all (EOFException and JsonEncodingException
                // are IOExceptions): the status still says what happened.
            }
        }
        throw TokenEndpointException.fromErrorResponse(
                endpoint,
                code,
                sanitize(error, secrets),
                sanitize(description, secrets),
                sanitize(uri, secrets),
                retryAfter);
    }

    private static AccessToken parseToken(String text, String endpoint, int code) throws IOException {
        String accessToken = null;
        String tokenType = null;
        String scope = null;
        Duration expiresIn = null;
        boolean sawExpiresIn = false;
        try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
            if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw TokenEndpointException.invalidTokenResponse(endpoint, code, "body is not a JSON object");
            }
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.selectName(TOKEN_FIELDS)) {
                    case 0 -> accessToken = stringOrNull(reader);
                    case 1 -> tokenType = stringOrNull(reader);
                    case 2 -> {
                        sawExpiresIn = reader.peek() != JsonReader.Token.NULL;
                        expiresIn = expiresIn(reader);
                    }
                    case 3 -> scope = stringOrNull(reader);
                    default -> {
                        reader.skipName();
                        reader.skipValue();
                    }
                }
            }
        } catch (JsonDataException | JsonEncodingException | java.io.EOFException e) {
            // Truncated or garbled on the way: a transient fault, unlike a well-formed answer without a token.
            throw TokenEndpointException.malformedTokenResponse(endpoint, code, "malformed JSON");
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw TokenEndpointException.invalidTokenResponse(endpoint, code, "no access_token");
        }
        // RFC 6749 requires token_type; some servers leave it out and mean Bearer. Anything else we cannot use.
        if (tokenType != null && !tokenType.equalsIgnoreCase("bearer")) {
            throw TokenEndpointException.invalidTokenResponse(
                    endpoint, code, "token_type '" + sanitize(tokenType) + "' is not Bearer");
        }
        if (sawExpiresIn && expiresIn == null) {
            throw TokenEndpointException.invalidTokenResponse(endpoint, code, "expires_in is not a positive number");
        }
        try {
            return AccessToken.bearer(accessToken, expiresIn, scope);
        } catch (IllegalArgumentException e) {
            throw TokenEndpointException.invalidTokenResponse(
                    endpoint, code, "access_token is not a valid bearer token");
        }
    }

    /**
     * {@code expires_in} as a positive duration: a JSON number, or a numeric string (some servers send
     * {@code "3600"}). Returns null for anything else, including zero and negative values, which would make every
     * call fetch a new token.
     */
    private static @Nullable Duration expiresIn(JsonReader reader) throws IOException {
        JsonReader.Token token = reader.peek();
        if (token != JsonReader.Token.NUMBER && token != JsonReader.Token.STRING) {
            reader.skipValue();
            return null;
        }
        String raw = reader.nextString().trim();
        try {
            BigDecimal seconds = new BigDecimal(raw);
            if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                return null;
            }
            long millis = seconds.movePointRight(3).longValue();
            return millis <= 0 ? null : Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String stringOrNull(JsonReader reader) throws IOException {
        if (reader.peek() == JsonReader.Token.STRING
                || reader.peek() == JsonReader.Token.NUMBER
                || reader.peek() == JsonReader.Token.BOOLEAN) {
            return reader.peek() == JsonReader.Token.BOOLEAN
                    ? String.valueOf(reader.nextBoolean())
                    : reader.nextString();
        }
        reader.skipValue();
        return null;
    }

    /** {@code Retry-After} as seconds or an HTTP date (RFC 9110 section 10.2.3), or null. */
    private static String readBounded(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        source.request(MAX_BODY);
        Buffer buffer = source.getBuffer();
        return buffer.readUtf8(Math.min(buffer.size(), MAX_BODY));
    }

    private static boolean looksLikeJson(@Nullable MediaType type, String text) {
        if (type != null && type.subtype().toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        String t = text.stripLeading();
        return t.startsWith("{");
    }

    private static String describe(@Nullable MediaType type) {
        return type == null ? "no content type" : type.type() + "/" + type.subtype();
    }

    /**
     * Makes server-supplied text safe for an exception message: secrets replaced, control characters (log
     * injection) removed, length bounded.
     */
    static @Nullable String sanitize(@Nullable String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                // Case-insensitive: percent-encodings may come back as %2f as well as %2F.
                result = java.util.regex.Pattern.compile(
                                java.util.regex.Pattern.quote(secret), java.util.regex.Pattern.CASE_INSENSITIVE)
                        .matcher(result)
                        .replaceAll("[redacted]");
            }
        }
        StringBuilder clean = new StringBuilder(Math.min(result.length(), 200));
        for (int i = 0; i < result.length() && clean.length() < 200; i++) {
            char c = result.charAt(i);
            clean.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (result.length() > 200) {
            clean.append("...");
        }
        return clean.toString();
    }
}
