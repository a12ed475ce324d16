package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * An {@code apiKey} security scheme: the key as a header, a query parameter or a cookie, on requests to the API's
 * origin whose operation accepts the scheme. Generated builders configure it; it does nothing without a key. The key
 * is checked against the origin again on every hop: a redirect to another host (a 307, say, which OkHttp follows with
 * every header but {@code Authorization}) carries neither the header, nor the query parameter, nor the cookie.
 */
public final class ApiKeyAuth {
    /** Where the key goes, as the scheme's {@code in} says. */
    public enum In {
        HEADER,
        QUERY,
        COOKIE
    }

    private ApiKeyAuth() {}

    public static Builder builder(String schemeName, In in, String parameterName) {
        return new Builder(schemeName, in, parameterName);
    }

    public static final class Builder {
        private final String schemeName;
        private final In in;
        private final String parameterName;
        private @Nullable Supplier<String> key;
        private boolean allowInsecureHttp;

        private Builder(String schemeName, In in, String parameterName) {
            this.schemeName = Objects.requireNonNull(schemeName, "schemeName == null");
            this.in = Objects.requireNonNull(in, "in == null");
            this.parameterName = Objects.requireNonNull(parameterName, "parameterName == null");
        }

        public Builder key(String key) {
            Objects.requireNonNull(key, "key == null");
            this.key = () -> key;
            return this;
        }

        /** The key, asked for on every request: for keys that rotate. */
        public Builder key(Supplier<String> key) {
            this.key = Objects.requireNonNull(key, "key == null");
            return this;
        }

        /** Allows a plain {@code http} API origin that is not loopback: the key then crosses the network unencrypted. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** Adds the key to requests for {@code apiBaseUrl}'s origin, if a key was given; does nothing otherwise. */
        public void installInto(OkHttpClient.Builder http, HttpUrl apiBaseUrl) {
            Supplier<String> source = key;
            if (source == null) {
                return;
            }
            TokenHttp.requireSecureTransport(apiBaseUrl, allowInsecureHttp, "API origin");
            List<HttpUrl> origins = List.of(apiBaseUrl);
            switch (in) {
                case HEADER -> {
                    LoggingRedaction.redact(http.interceptors(), parameterName);
                    LoggingRedaction.redact(http.networkInterceptors(), parameterName);
                }
                case QUERY -> {
                    LoggingRedaction.redactQueryParameter(http.interceptors(), parameterName);
                    LoggingRedaction.redactQueryParameter(http.networkInterceptors(), parameterName);
                }
                case COOKIE -> {
                    LoggingRedaction.redact(http.interceptors(), "Cookie");
                    LoggingRedaction.redact(http.networkInterceptors(), "Cookie");
                }
            }
            CredentialGuard guard = new CredentialGuard(origins, schemeName);
            http.addInterceptor(new KeyInterceptor(schemeName, in, parameterName, source, origins, guard));
            http.networkInterceptors().add(0, guard); // every hop, redirects included, before anyone else sees it
        }

        @Override
        public String toString() {
            return "ApiKeyAuth.Builder[scheme=" + schemeName + ", in=" + in + ", name=" + parameterName + "]";
        }
    }

    private record KeyInterceptor(
            String schemeName, In in, String name, Supplier<String> key, List<HttpUrl> origins, CredentialGuard guard)
            implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            if (!OperationSecurity.allowedOrigin(origins, request.url())
                    || !OperationSecurity.operationAccepts(request, schemeName)) {
                return chain.proceed(request);
            }
            String value = key.get();
            Request.Builder authorized = request.newBuilder();
            switch (in) {
                case HEADER -> {
                    if (request.header(name) != null) {
                        return chain.proceed(request);
                    }
                    authorized.header(name, value);
                    guard.record(request, authorized, CredentialGuard.Place.HEADER, name, value);
                }
                case QUERY -> {
                    if (request.url().queryParameter(name) != null) {
                        return chain.proceed(request);
                    }
                    authorized.url(request.url()
                            .newBuilder()
                            .addQueryParameter(name, value)
                            .build());
                    guard.record(request, authorized, CredentialGuard.Place.QUERY, name, value);
                }
                case COOKIE -> {
                    // Every Cookie header the request has (a client's cookie parameters may each have their own).
                    List<String> cookies = new ArrayList<>(request.headers("Cookie"));
                    cookies.add(name + "=" + value);
                    authorized.header("Cookie", String.join("; ", cookies));
                    guard.record(request, authorized, CredentialGuard.Place.COOKIE, name, value);
                }
            }
            return chain.proceed(authorized.build());
        }

        @Override
        public String toString() {
            return "ApiKeyAuth[scheme=" + schemeName + ", in=" + in + ", name=" + name + "]"; // never the key
        }
    }
}
