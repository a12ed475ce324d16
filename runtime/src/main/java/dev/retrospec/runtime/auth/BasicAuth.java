package dev.retrospec.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/** An {@code http} {@code basic} security scheme: {@code Authorization: Basic} on the API's requests. */
public final class BasicAuth {
    private BasicAuth() {}

    public static Builder builder(String schemeName) {
        return new Builder(schemeName);
    }

    public static final class Builder {
        private final String schemeName;
        private @Nullable String header;
        private boolean allowInsecureHttp;

        private Builder(String schemeName) {
            this.schemeName = Objects.requireNonNull(schemeName, "schemeName == null");
        }

        public Builder credentials(String username, String password) {
            this.header = Credentials.basic(
                    Objects.requireNonNull(username, "username == null"),
                    Objects.requireNonNull(password, "password == null"),
                    StandardCharsets.UTF_8);
            return this;
        }

        /** Allows a plain {@code http} API origin that is not loopback: credentials then cross the network unencrypted. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** Adds the credentials to requests for {@code apiBaseUrl}'s origin, if given; does nothing otherwise. */
        public void installInto(OkHttpClient.Builder http, HttpUrl apiBaseUrl) {
            String value = header;
            if (value == null) {
                return;
            }
            TokenHttp.requireSecureTransport(apiBaseUrl, allowInsecureHttp, "API origin");
            List<HttpUrl> origins = List.of(apiBaseUrl);
            LoggingRedaction.redact(http.interceptors(), "Authorization");
            LoggingRedaction.redact(http.networkInterceptors(), "Authorization");
            CredentialGuard guard = new CredentialGuard(origins, schemeName);
            http.networkInterceptors().add(0, guard); // every hop, redirects included
            http.addInterceptor(chain -> {
                Request request = chain.request();
                if (request.header("Authorization") != null
                        || !OperationSecurity.allowedOrigin(origins, request.url())
                        || !OperationSecurity.operationAccepts(request, schemeName)) {
                    return chain.proceed(request);
                }
                Request.Builder authorized = request.newBuilder().header("Authorization", value);
                return chain.proceed(
                        guard.record(request, authorized, CredentialGuard.Place.HEADER, "Authorization", value)
                                .build());
            });
        }

        @Override
        public String toString() {
            return "BasicAuth.Builder[scheme=" + schemeName + "]";
        }
    }
}
