package dev.retrospec.runtime.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * One OAuth2 client-credentials security scheme of an API, as a generated client's builder configures it: where
 * tokens come from (credentials for the description's token URL, a {@link TokenProvider} of your own, or a whole
 * {@link TokenManager}) and how their lifecycle is tuned. Generated builders delegate to it, so the logic lives in
 * this versioned library rather than in every generated client.
 *
 * <p>What a generated builder calls: {@link #builder(String, String, List)}, then on the {@link Builder} {@code
 * clientCredentials}, {@code tokenProvider}, {@code tokenManager}, {@code tokenStore}, {@code singleActiveToken},
 * {@code listener}, {@code refreshMargin}, {@code allowInsecureHttp}, {@code isConfigured} and {@code installInto}.
 */
public final class ClientCredentialsAuth {
    private ClientCredentialsAuth() {}

    /**
     * A builder for the scheme with the description's token URL and scopes.
     *
     * @param schemeName the scheme's name in the description; operations list it in {@link dev.retrospec.runtime.Auth}
     * @param tokenUrl the flow's {@code tokenUrl}: absolute, or relative (such as {@code /connect/token}), which
     *     OpenAPI resolves against the server URL: it is resolved against the API base URL in effect when the client
     *     is built ({@link Builder#installInto}), so a client pointed at staging sends its secret to staging's token
     *     endpoint, never to the description's server
     * @param scopes the flow's scopes
     */
    public static Builder builder(String schemeName, String tokenUrl, List<String> scopes) {
        return new Builder(schemeName, tokenUrl, scopes);
    }

    public static final class Builder {
        private final String schemeName;
        /** Absolute, or relative to the API base URL given to installInto. */
        private String tokenUrl;

        private List<String> scopes;
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private ClientAuthentication clientAuthentication = ClientAuthentication.CLIENT_SECRET_POST;
        private @Nullable TokenProvider tokenProvider;
        private @Nullable TokenManager tokenManager;
        private @Nullable TokenStore tokenStore;
        private TokenListener listener = TokenListener.NONE;
        private @Nullable Duration refreshMargin;
        private boolean allowInsecureHttp;
        private boolean singleActiveToken;

        private Builder(String schemeName, String tokenUrl, List<String> scopes) {
            this.schemeName = Objects.requireNonNull(schemeName, "schemeName == null");
            this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl == null");
            this.scopes = List.copyOf(scopes);
        }

        /** Fetch tokens from the token URL with this client id and secret. */
        public Builder clientCredentials(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId == null");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret == null");
            return this;
        }

        /**
         * Another token URL than the description's, such as a test identity provider: absolute, or relative to the API
         * base URL the client is built with.
         */
        public Builder tokenUrl(String tokenUrl) {
            this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl == null");
            return this;
        }

        /**
         * The token URL for an API at {@code apiBaseUrl}: the configured one if absolute, else resolved against it.
         *
         * @throws IllegalStateException naming the scheme if it cannot be resolved
         */
        HttpUrl resolveTokenUrl(HttpUrl apiBaseUrl) {
            HttpUrl absolute = HttpUrl.parse(tokenUrl);
            if (absolute != null) {
                return absolute;
            }
            HttpUrl resolved = tokenUrl.isBlank() ? null : apiBaseUrl.resolve(tokenUrl);
            if (resolved == null) {
                throw new IllegalStateException("security scheme '" + schemeName + "': token URL '" + tokenUrl
                        + "' cannot be resolved against the API base URL " + TokenHttp.redactQuery(apiBaseUrl)
                        + "; give an absolute one with tokenUrl(...)");
            }
            return resolved;
        }

        /** Other scopes than the description's. */
        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
            this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication == null");
            return this;
        }

        /** Tokens from here instead of the standard client-credentials request. */
        public Builder tokenProvider(TokenProvider tokenProvider) {
            this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider == null");
            return this;
        }

        /** A token manager of your own, for example one shared by several clients; overrides everything else. */
        public Builder tokenManager(TokenManager tokenManager) {
            this.tokenManager = Objects.requireNonNull(tokenManager, "tokenManager == null");
            return this;
        }

        /**
         * Where the token is kept: {@link TokenStore#inMemory()} by default. A shared store (such as {@code
         * RedisTokenStore.create(redisClient)} from {@code retrospec-runtime-redis}) makes every instance of a service
         * with these credentials use one token, fetched by one instance at a time: with one active token per client,
         * instances that do not share it log each other out. The store is bound to these credentials (token URL,
         * client id, scopes, and a key derived from the secret) by itself. Ignored when a {@linkplain
         * #tokenManager(TokenManager) token manager} of your own is given.
         */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore == null");
            return this;
        }

        public Builder listener(TokenListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /** See {@link TokenManager.Builder#refreshMargin(Duration)}. */
        public Builder refreshMargin(Duration refreshMargin) {
            this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin == null");
            return this;
        }

        /**
         * Whether the identity provider keeps one active token per client, so that fetching a new token kills the one
         * requests still on the wire carry (MicroTek's does; a description says so with {@code
         * x-retrospec-token-policy: single-active} on the scheme). True turns on {@linkplain
         * TokenManager.Builder#drainInFlightBeforeRefresh(Duration) draining before refresh} with a 5 second timeout:
         * at a token's refresh point new requests wait for the new token while the requests holding the old one are
         * answered, so a refresh causes no 401s, at the price of a pause of about one round trip per token lifetime.
         * With a shared {@link TokenStore} the drain covers every instance. Ignored when a {@linkplain
         * #tokenManager(TokenManager) token manager} of your own is given: configure it there.
         */
        public Builder singleActiveToken(boolean singleActiveToken) {
            this.singleActiveToken = singleActiveToken;
            return this;
        }

        /** Allow plain {@code http} to non-loopback hosts for the token URL and the API. Not for production. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** Whether tokens have a source: credentials, a provider or a manager. */
        public boolean isConfigured() {
            return tokenManager != null || tokenProvider != null || clientId != null;
        }

        /**
         * Installs bearer authentication for {@code apiBaseUrl}'s origin into {@code http}, if tokens have a source;
         * does nothing otherwise. Token requests share {@code base}'s pool, proxy, TLS and timeouts.
         *
         * @return the token manager in use, or null if none was configured
         */
        public @Nullable TokenManager installInto(OkHttpClient.Builder http, OkHttpClient base, HttpUrl apiBaseUrl) {
            if (!isConfigured()) {
                return null;
            }
            TokenManager tokens = tokenManager;
            if (tokens == null) {
                TokenProvider provider = tokenProvider;
                if (provider == null) {
                    provider = ClientCredentialsTokenProvider.builder(
                                    resolveTokenUrl(apiBaseUrl),
                                    Objects.requireNonNull(clientId),
                                    Objects.requireNonNull(clientSecret))
                            .scopes(scopes)
                            .clientAuthentication(clientAuthentication)
                            .httpClient(base)
                            .allowInsecureHttp(allowInsecureHttp)
                            .build();
                }
                TokenManager.Builder manager = TokenManager.builder(provider).listener(listener);
                if (tokenStore != null) {
                    manager.store(tokenStore);
                }
                if (refreshMargin != null) {
                    manager.refreshMargin(refreshMargin);
                }
                if (singleActiveToken) {
                    manager.drainInFlightBeforeRefresh(TokenManager.DEFAULT_DRAIN_TIMEOUT);
                }
                tokens = manager.build();
            }
            BearerAuth.builder(tokens)
                    .allowOrigin(apiBaseUrl)
                    .schemeName(schemeName)
                    .allowInsecureHttp(allowInsecureHttp)
                    .build()
                    .applyTo(http);
            return tokens;
        }

        @Override
        public String toString() {
            HttpUrl absolute = HttpUrl.parse(tokenUrl);
            return "ClientCredentialsAuth.Builder[scheme=" + schemeName + ", tokenUrl="
                    + (absolute == null ? "(relative)" : TokenHttp.redactQuery(absolute)) + ", scopes=" + scopes
                    + ", clientId=" + clientId + "]";
        }
    }
}
