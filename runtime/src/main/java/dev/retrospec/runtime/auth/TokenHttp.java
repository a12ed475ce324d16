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

    /**
     * Loopback means an IPv4 literal in 127.0.0.0/8, the IPv6 literal {@code ::1}, or exactly {@code localhost}:
     * not {@code 127.0.0.1.evil.com}, not {@code evil.localhost}, which any DNS may point anywhere.
     */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("::1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The URL without its query or user info: safe for messages even if someone put a secret in them. */
    static String redactQuery(HttpUrl url) {
        HttpUrl bare = url.newBuilder().username("").password("").build();
        return bare.query() == null
                ? bare.toString()
                : bare.newBuilder().query(null).build() + "?...";
    }
}
