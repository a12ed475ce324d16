package dev.retrospec.runtime.auth;

/** How the client proves its identity to the token endpoint (RFC 6749 section 2.3.1). */
public enum ClientAuthentication {
    /** {@code client_id} and {@code client_secret} as form fields in the request body, as MicroTek documents. */
    CLIENT_SECRET_POST,
    /**
     * HTTP Basic: {@code Authorization: Basic base64(urlencode(id) ":" urlencode(secret))}. The id and secret are
     * form-urlencoded before Base64, as section 2.3.1 requires and many servers forget.
     */
    CLIENT_SECRET_BASIC
}
