package com.mclabs.sample;

import com.mclabs.identity.MicroTekIdentity;
import com.mclabs.identity.model.TokenError;
import com.mclabs.identity.model.TokenRequestGrantType;
import com.mclabs.identity.model.TokenResponse;
import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.auth.TokenEndpointException;
import dev.retrospec.runtime.auth.TokenHttp;
import dev.retrospec.runtime.auth.TokenProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Gets MicroTek tokens through the client generated from the identity service's own description
 * ({@code microtek/identity.yaml}), and hands them to the runtime, which owns their lifecycle: single-flight,
 * expiry, refresh after a 401, retries.
 */
public final class IdentityTokenProvider implements TokenProvider {
    private final MicroTekIdentity identity;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final String endpoint;

    /**
     * @param identityBaseUrl where the identity service is, {@link MicroTekIdentity#DEFAULT_BASE_URL} in production
     * @param http the application's client: token requests share its pool and TLS, but none of its interceptors
     */
    public IdentityTokenProvider(
            String identityBaseUrl, OkHttpClient http, String clientId, String clientSecret, List<String> scopes) {
        this.identity = MicroTekIdentity.builder()
                .baseUrl(identityBaseUrl)
                .okHttpClient(TokenHttp.derive(http))
                .build();
        this.clientId = Objects.requireNonNull(clientId, "clientId == null");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret == null");
        this.scope = String.join(" ", scopes);
        this.endpoint = Objects.requireNonNull(HttpUrl.get(identityBaseUrl).resolve("connect/token"), "token URL")
                .toString();
        TokenHttp.requireSecureTransport(HttpUrl.get(identityBaseUrl), false, "identity URL");
    }

    @Override
    public AccessToken fetchToken() throws IOException {
        Response<TokenResponse> response = identity.token()
                .requestToken(TokenRequestGrantType.CLIENT_CREDENTIALS, clientId, clientSecret, scope)
                .execute();
        if (response.isSuccessful()) {
            TokenResponse token = response.body();
            if (token == null) {
                throw TokenEndpointException.invalidTokenResponse(endpoint, response.code(), "empty body");
            }
            if (!token.tokenType().equalsIgnoreCase("bearer")) {
                throw TokenEndpointException.invalidTokenResponse(
                        endpoint, response.code(), "token_type is not Bearer");
            }
            if (token.expiresIn() <= 0) {
                throw TokenEndpointException.invalidTokenResponse(
                        endpoint, response.code(), "expires_in is not a positive number");
            }
            return AccessToken.bearer(token.accessToken(), Duration.ofSeconds(token.expiresIn()));
        }
        TokenError error = readError(response);
        throw TokenEndpointException.fromErrorResponse(
                endpoint,
                response.code(),
                error == null ? null : error.error().value(),
                error == null ? null : error.errorDescription(),
                error == null || error.errorUri() == null
                        ? null
                        : error.errorUri().toString(),
                retryAfter(response.headers().get("Retry-After")));
    }

    private @Nullable TokenError readError(Response<?> response) {
        try {
            return identity.errorBody(response, TokenError.class);
        } catch (IOException notTheDeclaredError) {
            return null; // an HTML page from a proxy, say: the status still tells what happened
        }
    }

    private static @Nullable Duration retryAfter(@Nullable String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "IdentityTokenProvider[" + endpoint + ", clientId=" + clientId + ", scope=" + scope + "]";
    }
}
