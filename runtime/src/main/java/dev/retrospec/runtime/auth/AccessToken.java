package dev.retrospec.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bearer access token and how long the issuer said it lives.
 *
 * <p>The token value is a secret: {@link #toString()} never shows it. {@link #fingerprint()} tells tokens apart in
 * logs without revealing them.
 */
public final class AccessToken {
    private final String value;
    private final @Nullable Duration expiresIn;
    private final @Nullable String scope;
    private final String authorization;

    private AccessToken(String value, @Nullable Duration expiresIn, @Nullable String scope) {
        Objects.requireNonNull(value, "value == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("access token is blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // RFC 6750 b64token characters only; anything else would corrupt the Authorization header.
                throw new IllegalArgumentException("access token contains a character not allowed in a header");
            }
        }
        if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
            throw new IllegalArgumentException("expiresIn must be positive: " + expiresIn);
        }
        this.value = value;
        this.expiresIn = expiresIn;
        this.scope = scope;
        this.authorization = "Bearer " + value;
    }

    /**
     * A bearer token.
     *
     * @param expiresIn the lifetime the issuer gave ({@code expires_in}), or null if it gave none; the token then
     *     counts as valid until a server rejects it
     */
    public static AccessToken bearer(String value, @Nullable Duration expiresIn) {
        return new AccessToken(value, expiresIn, null);
    }

    /** Like {@link #bearer(String, Duration)}, with the scope the issuer granted. */
    public static AccessToken bearer(String value, @Nullable Duration expiresIn, @Nullable String scope) {
        return new AccessToken(value, expiresIn, scope);
    }

    /** The secret token value. Never log it. */
    public String value() {
        return value;
    }

    /** The lifetime the issuer gave, or null if it gave none. */
    public @Nullable Duration expiresIn() {
        return expiresIn;
    }

    /** The scope the issuer granted, if it said. */
    public @Nullable String scope() {
        return scope;
    }

    /** The {@code Authorization} header value: {@code Bearer <token>}. */
    public String authorizationHeader() {
        return authorization;
    }

    /**
     * The first 8 hex digits of the SHA-256 of the token: enough to tell two tokens apart in a log, useless to an
     * attacker.
     */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required on every JVM", e);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AccessToken other
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.US_ASCII), other.value.getBytes(StandardCharsets.US_ASCII))
                && Objects.equals(expiresIn, other.expiresIn)
                && Objects.equals(scope, other.scope);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Shows the fingerprint and lifetime, never the token. */
    @Override
    public String toString() {
        return "AccessToken[fingerprint=" + fingerprint()
                + ", expiresIn=" + (expiresIn == null ? "unknown" : expiresIn)
                + (scope == null ? "" : ", scope=" + scope)
                + "]";
    }
}
