package dev.retrospec.runtime.auth;

import java.io.IOException;

/**
 * Fetches a new access token from wherever tokens come from: usually an OAuth2 token endpoint.
 *
 * <p>Each call must ask the issuer for a fresh token. Caching, single-flight, expiry and retries are the
 * {@link TokenManager}'s job, so a provider stays a plain request and response. Throw
 * {@link TokenEndpointException} for answers from the issuer, any other {@link IOException} for transport failures.
 */
@FunctionalInterface
public interface TokenProvider {
    AccessToken fetchToken() throws IOException;
}
