package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;

/**
 * Binds a shared {@link TokenStore} to one token: the namespace its entries live under, and the key that seals
 * them. Values leave the process only {@linkplain #seal sealed} with AES-256-GCM under a key derived with HKDF-SHA256
 * from the client secret, so read access to the store alone yields no usable token, and neither the secret nor the
 * key is ever given to the store. The namespace is a SHA-256 of token URL, client id and scopes: instances with the
 * same credentials meet there, others never do.
 */
public final class TokenStoreBinding {
    private static final byte[] INFO = "retrospec token store v1 AES-256-GCM".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String namespace;
    private final SecretKeySpec key;

    private TokenStoreBinding(String namespace, byte[] keyMaterial) {
        this.namespace = namespace;
        byte[] derived = hkdf(namespace.getBytes(StandardCharsets.US_ASCII), keyMaterial);
        this.key = new SecretKeySpec(derived, "AES");
        Arrays.fill(derived, (byte) 0);
    }

    /** The binding for a client-credentials token: namespaced by URL, id and scopes, sealed with the secret. */
    public static TokenStoreBinding forClientCredentials(
            HttpUrl tokenUrl, String clientId, List<String> scopes, String clientSecret) {
        Objects.requireNonNull(tokenUrl, "tokenUrl == null");
        Objects.requireNonNull(clientId, "clientId == null");
        Objects.requireNonNull(clientSecret, "clientSecret == null");
        List<String> sorted = new ArrayList<>(scopes);
        sorted.sort(null);
        String identity = tokenUrl + "\n" + clientId + "\n" + String.join(" ", sorted);
        return new TokenStoreBinding(sha256(identity), clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A binding for tokens from a provider of your own: {@code name} says which token (instances that share it must
     * agree on it), {@code keyMaterial} is a secret they share, such as the credential the provider uses.
     */
    public static TokenStoreBinding of(String name, byte[] keyMaterial) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(keyMaterial, "keyMaterial == null");
        if (keyMaterial.length < 16) {
            throw new IllegalArgumentException("keyMaterial must have at least 16 bytes: " + keyMaterial.length);
        }
        return new TokenStoreBinding(sha256(name), keyMaterial.clone());
    }

    /** 64 hex digits, safe in any key or channel name. */
    public String namespace() {
        return namespace;
    }

    /** {@code token} encrypted and authenticated for this namespace and its version. */
    public byte[] seal(StoredToken token) {
        byte[] value = token.token().value().getBytes(StandardCharsets.US_ASCII);
        byte[] scope = token.token().scope() == null
                ? new byte[0]
                : token.token().scope().getBytes(StandardCharsets.UTF_8);
        Duration expiresIn = token.token().expiresIn();
        Instant expiresAt = token.expiresAt();
        ByteBuffer plain = ByteBuffer.allocate(8 * 3 + 4 + scope.length + 1 + value.length);
        plain.putLong(expiresAt == null ? Long.MIN_VALUE : expiresAt.toEpochMilli())
                .putLong(expiresIn == null ? -1 : expiresIn.toMillis())
                .putLong(token.version())
                .putInt(token.token().scope() == null ? -1 : scope.length)
                .put(scope)
                .put((byte) 0)
                .put(value);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(token.version()));
            byte[] sealed = cipher.doFinal(plain.array());
            Arrays.fill(plain.array(), (byte) 0);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required on every JVM", e);
        }
    }

    /**
     * Opens what {@link #seal} made for {@code version}.
     *
     * @throws IOException if it was sealed with another key, for another namespace or version, or altered
     */
    public StoredToken unseal(byte[] sealed, long version) throws IOException {
        if (sealed.length <= NONCE_BYTES) {
            throw new IOException("stored token of version " + version + " is too short to be sealed");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad(version));
            plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IOException("stored token of version " + version
                    + " cannot be opened: sealed with another client secret," + " or altered");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(plain);
            long expiresAtMillis = in.getLong();
            long expiresInMillis = in.getLong();
            long sealedVersion = in.getLong();
            int scopeLength = in.getInt();
            String scope = null;
            if (scopeLength >= 0) {
                byte[] scopeBytes = new byte[scopeLength];
                in.get(scopeBytes);
                scope = new String(scopeBytes, StandardCharsets.UTF_8);
            }
            in.get(); // separator
            byte[] value = new byte[in.remaining()];
            in.get(value);
            if (sealedVersion != version) {
                throw new IOException("stored token claims version " + sealedVersion + ", expected " + version);
            }
            AccessToken token = AccessToken.bearer(
                    new String(value, StandardCharsets.US_ASCII),
                    expiresInMillis < 0 ? null : Duration.ofMillis(expiresInMillis),
                    scope);
            return new StoredToken(
                    token, expiresAtMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(expiresAtMillis), version);
        } catch (RuntimeException e) {
            throw new IOException("stored token of version " + version + " is malformed");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private byte[] aad(long version) {
        return (namespace + "/" + version).getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 5869 HKDF with HMAC-SHA256, one 32-byte block. */
    private static byte[] hkdf(byte[] salt, byte[] keyMaterial) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(keyMaterial);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(INFO);
            mac.update((byte) 1);
            byte[] okm = mac.doFinal();
            Arrays.fill(prk, (byte) 0);
            return okm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required on every JVM", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required on every JVM", e);
        }
    }

    /** The namespace only, never the key. */
    @Override
    public String toString() {
        return "TokenStoreBinding[namespace=" + namespace + "]";
    }
}
