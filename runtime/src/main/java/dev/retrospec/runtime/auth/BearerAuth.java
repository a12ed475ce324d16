package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Puts a {@link TokenManager}'s token on API requests and recovers once from a 401.
 *
 * <p>Operations annotated with {@link dev.retrospec.runtime.Auth} get the token only if they list this scheme.
 *
 * <p>{@link #applyTo(OkHttpClient.Builder)} installs two parts:
 * <ul>
 *   <li>an <em>application</em> interceptor that adds {@code Authorization: Bearer <token>} to requests for the
 *       configured API origins only (scheme, host and port), never to another host named by an absolute URL, and
 *       not where the operation is public ({@link Auth} with no schemes) or the caller set its own header;
 *   <li>an {@link Authenticator} that, on a 401 to a request that carried our token, asks the manager for the
 *       token to retry with (a new one only if the rejected one is still current, so never more than one fetch per
 *       rejection) and retries. If the retry is rejected too (its token was replaced before it was answered: another
 *       instance refreshed, or the server revoked it) it retries again, as long as each attempt carries a token none
 *       of the earlier attempts did, at most {@value #MAX_ATTEMPTS} attempts in all; then the 401 goes to the caller.
 *       It does not refresh when the server's {@code WWW-Authenticate} says the problem is
 *       not the token ({@code insufficient_scope}, {@code invalid_request}, another scheme), and does not replay a
 *       one-shot body. OkHttp drops {@code Authorization} when a redirect leaves the host; the authenticator then
 *       sees no token of ours and stays out;
 *   <li>a <em>network</em> interceptor that checks every hop again, redirects included, and removes the token from
 *       any hop to another origin than the configured ones.
 * </ul>
 */
public final class BearerAuth {
    private static final String AUTHORIZATION = "Authorization";
    /** Attempts of one call with our tokens, the first included: the first request and at most two retries. */
    static final int MAX_ATTEMPTS = 3;

    private final TokenManager tokens;
    private final List<HttpUrl> origins;
    private final @Nullable String schemeName;
    private final Interceptor interceptor = new BearerInterceptor();
    private final CredentialGuard guard;
    private final Authenticator authenticator = new BearerAuthenticator(null);
    /**
     * The current token's header, validated once (OkHttp checks every character of a header value it is given), and
     * the tag that lets the network guard recognise it on later hops.
     */
    private volatile @Nullable AuthorizationHeader cached;

    private record AuthorizationHeader(AccessToken token, Headers headers, CredentialGuard.Credentials tag) {}

    private BearerAuth(Builder builder) {
        this.tokens = builder.tokens;
        this.origins = List.copyOf(builder.origins);
        this.schemeName = builder.schemeName;
        this.guard = new CredentialGuard(origins, schemeName == null ? "bearer" : schemeName);
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("no API origin: name at least one with allowOrigin(url)");
        }
        for (HttpUrl origin : origins) {
            TokenHttp.requireSecureTransport(origin, builder.allowInsecureHttp, "API origin");
        }
    }

    public static Builder builder(TokenManager tokens) {
        return new Builder(tokens);
    }

    public TokenManager tokens() {
        return tokens;
    }

    /**
     * Adds the interceptor (after the builder's own application interceptors, so they never see the token) and the
     * authenticator; a previous authenticator still gets the 401s we leave alone. Any OkHttp
     * {@code HttpLoggingInterceptor} on the builder is told to redact {@code Authorization}: as a network interceptor
     * it would otherwise log the token.
     */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        LoggingRedaction.redact(builder.interceptors(), AUTHORIZATION);
        LoggingRedaction.redact(builder.networkInterceptors(), AUTHORIZATION);
        Authenticator previous = builder.build().authenticator();
        builder.networkInterceptors().add(0, guard); // every hop, redirects included
        return builder.addInterceptor(interceptor)
                .authenticator(previous == Authenticator.NONE ? authenticator : new BearerAuthenticator(previous));
    }

    /** The interceptor alone; register it with {@code addInterceptor}, never {@code addNetworkInterceptor}. */
    public Interceptor interceptor() {
        return interceptor;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    boolean allowedOrigin(HttpUrl url) {
        return OperationSecurity.allowedOrigin(origins, url);
    }

    boolean wantsToken(Request request) {
        return request.header(AUTHORIZATION) == null
                && allowedOrigin(request.url())
                && OperationSecurity.operationAccepts(request, schemeName);
    }

    @Override
    public String toString() {
        return "BearerAuth[origins=" + origins + (schemeName == null ? "" : ", scheme=" + schemeName) + "]";
    }

    private final class BearerInterceptor implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            if (chain.connection() != null) {
                throw new IOException("BearerAuth's interceptor must be an application interceptor (addInterceptor):"
                        + " as a network interceptor it would also authorize redirects to other hosts");
            }
            Request request = chain.request();
            if (!wantsToken(request)) {
                return chain.proceed(request);
            }
            if (!tokens.drainsBeforeRefresh()) {
                return chain.proceed(authorize(request, tokens.token()));
            }
            CurrentToken use = tokens.beginRequest();
            try {
                return chain.proceed(authorize(request, use.token));
            } finally {
                use.end();
            }
        }

        // Identity, not equality: the cache holds the header of this very token object, and a new object is a new
        // token.
        @SuppressWarnings("ReferenceEquality")
        private Request authorize(Request request, AccessToken token) {
            AuthorizationHeader header = cached;
            if (header == null || header.token() != token) {
                header = new AuthorizationHeader(
                        token, Headers.of(AUTHORIZATION, token.authorizationHeader()), guard.bearer(token));
                cached = header;
            }
            Request.Builder authorized = request.newBuilder()
                    .headers(request.headers()
                            .newBuilder()
                            .addAll(header.headers())
                            .build());
            return CredentialGuard.record(request, authorized, header.tag()).build();
        }

        @Override
        public String toString() {
            return "BearerAuth.interceptor";
        }
    }

    private final class BearerAuthenticator implements Authenticator {
        private final @Nullable Authenticator next;

        BearerAuthenticator(@Nullable Authenticator next) {
            this.next = next;
        }

        @Override
        public @Nullable Request authenticate(@Nullable Route route, Response response) throws IOException {
            Request failed = response.request();
            AccessToken used = CredentialGuard.bearerOf(failed);
            if (used == null
                    || !used.authorizationHeader().equals(failed.header(AUTHORIZATION))
                    || !allowedOrigin(failed.url())) {
                return next == null ? null : next.authenticate(route, response); // not a request we authorized
            }
            if (response.code() != 401 || !tokenIsTheProblem(response)) {
                return null;
            }
            List<AccessToken> rejected = rejectedBefore(response);
            if (rejected.size() + 1 >= MAX_ATTEMPTS) {
                return null;
            }
            RequestBody body = failed.body();
            if (body != null && (body.isOneShot() || body.isDuplex())) {
                tokens.invalidate(used, "rejected by server");
                return null; // the body is gone; the caller sees the 401, the next call gets a new token
            }
            AccessToken retryWith = tokens.tokenAfterRejection(used);
            if (retryWith.equals(used) || rejected.contains(retryWith)) {
                return null; // not newer than what failed: retrying would only fail again
            }
            return CredentialGuard.record(
                            failed,
                            failed.newBuilder().header(AUTHORIZATION, retryWith.authorizationHeader()),
                            guard.bearer(retryWith))
                    .build();
        }

        @Override
        public String toString() {
            return "BearerAuth.authenticator";
        }
    }

    /** The tokens of earlier 401s in this call's chain that carried one of ours. */
    private static List<AccessToken> rejectedBefore(Response response) {
        List<AccessToken> rejected = new ArrayList<>();
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            AccessToken token = CredentialGuard.bearerOf(prior.request());
            if (prior.code() == 401 && token != null) {
                rejected.add(token);
            }
        }
        return rejected;
    }

    /**
     * RFC 6750 section 3: a Bearer challenge with {@code error="invalid_token"}, or with no error, or no challenge at
     * all, means a new token may help. {@code insufficient_scope} or {@code invalid_request}, or challenges that only
     * ask for other schemes, mean it will not.
     */
    private static boolean tokenIsTheProblem(Response response) {
        List<Challenge> challenges = response.challenges();
        if (challenges.isEmpty()) {
            return true;
        }
        for (Challenge challenge : challenges) {
            if (challenge.scheme().equalsIgnoreCase("Bearer")) {
                String error = challenge.authParams().get("error");
                return error == null || error.toLowerCase(Locale.ROOT).equals("invalid_token");
            }
        }
        return false;
    }

    public static final class Builder {
        private final TokenManager tokens;
        private final List<HttpUrl> origins = new ArrayList<>();
        private @Nullable String schemeName;
        private boolean allowInsecureHttp;

        private Builder(TokenManager tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens == null");
        }

        /** An origin (scheme, host, port of the URL; the path is ignored) whose requests get the token. */
        public Builder allowOrigin(HttpUrl url) {
            origins.add(Objects.requireNonNull(url, "url == null"));
            return this;
        }

        public Builder allowOrigin(String url) {
            return allowOrigin(HttpUrl.get(url));
        }

        /**
         * The security scheme's name in the OpenAPI description. Operations annotated with {@link Auth} get the token
         * only if they list it. Without a name, any operation that lists some scheme gets it.
         */
        public Builder schemeName(String schemeName) {
            this.schemeName = Objects.requireNonNull(schemeName, "schemeName == null");
            return this;
        }

        /** Allows a plain {@code http} API origin that is not loopback: tokens then cross the network unencrypted. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        public BearerAuth build() {
            return new BearerAuth(this);
        }
    }
}
