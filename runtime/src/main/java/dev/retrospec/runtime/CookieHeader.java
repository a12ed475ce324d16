package dev.retrospec.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code Cookie} header of cookie parameters. Each value is percent-encoded outside the characters RFC 6265
 * allows in a cookie value (a {@code ;} in a value would otherwise start a cookie of its own), and each name outside
 * those of a token. Retrofit writes one {@code Cookie} header per parameter; {@link #applyTo} joins them into the one
 * header that RFC 6265 (section 5.4) allows.
 */
public final class CookieHeader {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CookieHeader() {}

    /**
     * {@code name=value}, encoded. The comma stays as it is in a value: OpenAPI's form style separates an array's
     * items with it.
     */
    public static String pair(String name, String value) {
        return encode(name, true) + "=" + encode(value, false);
    }

    private static String encode(String text, boolean name) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (name ? isTokenChar(c) : isValueChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** RFC 6265's cookie-octet, and the comma; never {@code %}, which starts an escape. */
    private static boolean isValueChar(int c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\' && c != '%';
    }

    /** RFC 7230's tchar. */
    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Makes {@code http} send the {@code Cookie} headers of a request as one, joined by {@code "; "}. */
    public static OkHttpClient.Builder applyTo(OkHttpClient.Builder http) {
        if (!http.interceptors().contains(JOINER)) {
            http.interceptors().add(0, JOINER);
        }
        return http;
    }

    private static final Interceptor JOINER = new Interceptor() {
        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            List<String> cookies = request.headers("Cookie");
            if (cookies.size() < 2) {
                return chain.proceed(request);
            }
            return chain.proceed(request.newBuilder()
                    .header("Cookie", String.join("; ", cookies))
                    .build());
        }

        @Override
        public String toString() {
            return "CookieHeader.applyTo";
        }
    };
}
