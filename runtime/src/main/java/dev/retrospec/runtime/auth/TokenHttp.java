package dev.retrospec.runtime.auth;

import java.time.Duration;
import java.util.Locale;
import okhttp3.Authenticator;
import okhttp3.CookieJar;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The HTTP rules for talking to a token endpoint. */
public final class TokenHttp {
    /** Used when the user's client has no call timeout, so a hung token endpoint cannot hang every caller. */
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    private TokenHttp() {}

    /**
     * A client for token requests that shares {@code base}'s connection pool, dispatcher, proxy, TLS settings and
     * timeouts but nothing that could leak or repeat a secret: no interceptors (a logging interceptor would print the
     * client secret and the token), no event listener, no cache, no cookies, no authenticator, no redirects (a
     * redirect would resend the credentials elsewhere) and no silent retry on connection failure (a token POST that
     * reached the server already invalidated the previous token; repeating it is the token manager's decision).
     */
    public static OkHttpClient derive(OkHttpClient base) {
        OkHttpClient.Builder builder = base.newBuilder();
        builder.interceptors().clear();
        builder.networkInterceptors().clear();
        builder.eventListener(EventListener.NONE)
                .cache(null)
                .cookieJar(CookieJar.NO_COOKIES)
                .authenticator(Authenticator.NONE)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (base.callTimeoutMillis() == 0) {
            builder.callTimeout(DEFAULT_CALL_TIMEOUT);
        }
        return builder.build();
    }

    /**
     * Refuses to send secrets over plain HTTP: {@code https} is fine, {@code http} only to a loopback host (tests,
     * local development) or when the caller opted out explicitly.
     *
     * @param what names the URL in the error, such as "token URL"
     */
    public static void requireSecureTransport(HttpUrl url, boolean allowInsecureHttp, String what) {
        if (url.isHttps() || allowInsecureHttp || isLoopback(url.host())) {
            return;
        }
        throw new IllegalArgumentException(
                what + " " + redactQuery(url) + " uses plain http: credentials and tokens"
                        + " would cross the network unencrypted. Use https, or opt out explicitly with allowInsecureHttp(true).");
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.startsWith("127.");
    }

    /** The URL without its query: safe for messages even if someone put a secret in it. */
    static String redactQuery(HttpUrl url) {
        return url.query() == null
                ? url.toString()
                : url.newBuilder().query(null).build() + "?...";
    }
}
