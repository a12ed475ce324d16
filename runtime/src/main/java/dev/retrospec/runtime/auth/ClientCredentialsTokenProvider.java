package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Fetches tokens with the OAuth2 client credentials grant (RFC 6749 section 4.4): a form POST of
 * {@code grant_type=client_credentials}, the scopes and the client's credentials to the token endpoint.
 *
 * <p>Requests go through {@link TokenHttp#derive(OkHttpClient)}: the user's pool, proxy, TLS and timeouts, but
 * none of their interceptors, so a body-logging interceptor on the API client never sees the secret or the token.
 */
public final class ClientCredentialsTokenProvider implements TokenProvider {
    private final HttpUrl tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final List<String> scopes;
    private final ClientAuthentication authentication;
    private final OkHttpClient http;
    private final String endpoint;
    /** The secret in every encoding an echoing endpoint could send it back in: redacted from its error answers. */
    private final String[] redactions;

    private ClientCredentialsTokenProvider(Builder builder) {
        this.tokenUrl = builder.tokenUrl;
        this.clientId = Objects.requireNonNull(builder.clientId, "clientId == null");
        this.clientSecret = Objects.requireNonNull(builder.clientSecret, "clientSecret == null");
        this.scopes = List.copyOf(builder.scopes);
        this.authentication = builder.authentication;
        this.http = TokenHttp.derive(builder.httpClient != null ? builder.httpClient : new OkHttpClient());
        this.endpoint = TokenHttp.redactQuery(tokenUrl);
        this.redactions = encodings(clientId, clientSecret);
        TokenHttp.requireSecureTransport(tokenUrl, builder.allowInsecureHttp, "token URL");
    }

    public static Builder builder(HttpUrl tokenUrl, String clientId, String clientSecret) {
        return new Builder(tokenUrl, clientId, clientSecret);
    }

    public static Builder builder(String tokenUrl, String clientId, String clientSecret) {
        return new Builder(HttpUrl.get(tokenUrl), clientId, clientSecret);
    }

    public HttpUrl tokenUrl() {
        return tokenUrl;
    }

    public List<String> scopes() {
        return scopes;
    }

    @Override
    public AccessToken fetchToken() throws IOException {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8).add("grant_type", "client_credentials");
        Request.Builder request = new Request.Builder()
                .url(tokenUrl)
                .header("Accept", "application/json")
                .header("Cache-Control", "no-store");
        if (authentication == ClientAuthentication.CLIENT_SECRET_POST) {
            form.add("client_id", clientId).add("client_secret", clientSecret);
        } else {
            String pair = formEncode(clientId) + ":" + formEncode(clientSecret);
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (!scopes.isEmpty()) {
            form.add("scope", String.join(" ", scopes));
        }
        try (Response response =
                http.newCall(request.post(form.build()).build()).execute()) {
            return TokenResponses.read(response, endpoint, redactions);
        }
    }

    /** What a shared store needs: the namespace of these credentials and a key derived from the secret. */
    TokenStoreBinding storeBinding() {
        return TokenStoreBinding.forClientCredentials(tokenUrl, clientId, scopes, clientSecret);
    }

    /**
     * The secret raw, form-encoded ({@code +} for spaces) and percent-encoded ({@code %20}), and the Base64 of
     * {@code id:secret} (as sent in HTTP Basic, form-encoded or not, standard and URL-safe alphabet, with and without
     * padding) and of the secret alone.
     */
    static String[] encodings(String clientId, String clientSecret) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        String form = formEncode(clientSecret);
        all.add(clientSecret);
        all.add(form);
        all.add(form.replace("+", "%20"));
        for (String pair : List.of(formEncode(clientId) + ":" + form, clientId + ":" + clientSecret, clientSecret)) {
            byte[] bytes = pair.getBytes(StandardCharsets.UTF_8);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.encodeToString(bytes);
                all.add(encoded);
                all.add(encoded.replace("=", ""));
                all.add(encoded.replace("=", "%3D"));
            }
        }
        all.removeIf(String::isEmpty);
        return all.toArray(new String[0]);
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenProvider[tokenUrl=" + endpoint
                + ", clientId=" + clientId
                + ", scopes=" + scopes
                + ", authentication=" + authentication
                + "]";
    }

    public static final class Builder {
        private final HttpUrl tokenUrl;
        private final String clientId;
        private final String clientSecret;
        private List<String> scopes = List.of();
        private ClientAuthentication authentication = ClientAuthentication.CLIENT_SECRET_POST;
        private @Nullable OkHttpClient httpClient;
        private boolean allowInsecureHttp;

        private Builder(HttpUrl tokenUrl, String clientId, String clientSecret) {
            this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl == null");
            this.clientId = Objects.requireNonNull(clientId, "clientId == null");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret == null");
        }

        /** The scopes to ask for, sent space-separated in the form's one "scope" field. */
        public Builder scopes(List<String> scopes) {
            List<String> copy = new ArrayList<>();
            for (String scope : scopes) {
                Objects.requireNonNull(scope, "scope == null");
                if (scope.isBlank() || scope.chars().anyMatch(c -> c == ' ' || c == '"' || c == '\\')) {
                    throw new IllegalArgumentException("not a valid OAuth2 scope: '" + scope + "'");
                }
                copy.add(scope);
            }
            this.scopes = copy;
            return this;
        }

        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        /** How to send the credentials; {@link ClientAuthentication#CLIENT_SECRET_POST} by default. */
        public Builder clientAuthentication(ClientAuthentication authentication) {
            this.authentication = Objects.requireNonNull(authentication, "authentication == null");
            return this;
        }

        /**
         * The client whose connection pool, proxy, TLS settings and timeouts token requests share. Its interceptors
         * are not used (see {@link TokenHttp#derive(OkHttpClient)}).
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
            return this;
        }

        /**
         * Allows a plain {@code http} token URL on a non-loopback host. The client secret and the tokens then cross
         * the network unencrypted: only for networks you trust completely.
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        public ClientCredentialsTokenProvider build() {
            return new ClientCredentialsTokenProvider(this);
        }
    }
}
