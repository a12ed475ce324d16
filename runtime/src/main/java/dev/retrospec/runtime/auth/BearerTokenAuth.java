package dev.retrospec.runtime.auth;

import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * An {@code http} {@code bearer} security scheme: a token you have (a personal access token, say) or one a
 * {@link TokenProvider} fetches, with the same lifecycle and 401 handling as OAuth2 tokens.
 */
public final class BearerTokenAuth {
    private BearerTokenAuth() {}

    public static Builder builder(String schemeName) {
        return new Builder(schemeName);
    }

    public static final class Builder {
        private final String schemeName;
        private @Nullable TokenManager tokens;
        private boolean allowInsecureHttp;

        private Builder(String schemeName) {
            this.schemeName = Objects.requireNonNull(schemeName, "schemeName == null");
        }

        /** A fixed token, valid until a server rejects it. */
        public Builder token(String token) {
            AccessToken fixed = AccessToken.bearer(token, null);
            this.tokens = TokenManager.builder(() -> fixed).build();
            return this;
        }

        public Builder tokenProvider(TokenProvider provider) {
            this.tokens = TokenManager.builder(provider).build();
            return this;
        }

        public Builder tokenManager(TokenManager tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens == null");
            return this;
        }

        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** Puts the token on requests for {@code apiBaseUrl}'s origin, if one was given; does nothing otherwise. */
        public void installInto(OkHttpClient.Builder http, HttpUrl apiBaseUrl) {
            if (tokens != null) {
                BearerAuth.builder(tokens)
                        .allowOrigin(apiBaseUrl)
                        .schemeName(schemeName)
                        .allowInsecureHttp(allowInsecureHttp)
                        .build()
                        .applyTo(http);
            }
        }

        @Override
        public String toString() {
            return "BearerTokenAuth.Builder[scheme=" + schemeName + "]";
        }
    }
}
