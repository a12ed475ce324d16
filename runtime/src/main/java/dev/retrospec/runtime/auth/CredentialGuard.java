package dev.retrospec.runtime.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a scheme's credentials on the scheme's origins on every hop of a call, redirects included. The scheme's
 * application interceptor records on the request what it added ({@link #record}); OkHttp copies requests, tags and
 * headers into the redirects it follows, and strips only {@code Authorization} when one leaves the host. This
 * network interceptor sees every hop and removes the recorded credentials (header, query parameter, cookie) from any
 * hop whose scheme, host and port are not one of the origins.
 */
final class CredentialGuard implements Interceptor {
    /** Where a credential travels. */
    enum Place {
        HEADER,
        QUERY,
        COOKIE
    }

    /** One credential one scheme put on a request. */
    record Added(CredentialGuard guard, Place place, String name, String value) {
        @Override
        public String toString() {
            return "Added[" + place + " " + name + "]"; // never the value
        }
    }

    /**
     * The credentials put on a request, as its one tag for them.
     *
     * @param bearer the bearer token among them, for the 401 authenticator, or null
     */
    record Credentials(List<Added> added, @Nullable AccessToken bearer) {}

    private final List<HttpUrl> origins;
    private final String scheme;

    CredentialGuard(List<HttpUrl> origins, String scheme) {
        this.origins = List.copyOf(origins);
        this.scheme = scheme;
    }

    /** {@code authorized}, built from {@code original}, tagged with one more credential of this guard's scheme. */
    Request.Builder record(Request original, Request.Builder authorized, Place place, String name, String value) {
        return record(original, authorized, only(place, name, value));
    }

    /** The tag of a request that carries this one credential: build it once where the credential is reused. */
    Credentials only(Place place, String name, String value) {
        return new Credentials(List.of(new Added(this, place, name, value)), null);
    }

    /** The tag of a request that carries {@code token} in {@code Authorization}: built once per token. */
    Credentials bearer(AccessToken token) {
        return new Credentials(
                List.of(new Added(this, Place.HEADER, "Authorization", token.authorizationHeader())), token);
    }

    /** The bearer token a request carries by one of our guards, or null. */
    static @Nullable AccessToken bearerOf(Request request) {
        Credentials credentials = request.tag(Credentials.class);
        return credentials == null ? null : credentials.bearer();
    }

    /** {@code authorized} tagged with the credentials of {@code one} (from {@link #only}) too. */
    static Request.Builder record(Request original, Request.Builder authorized, Credentials one) {
        Credentials before = original.tag(Credentials.class);
        if (before == null) {
            return authorized.tag(Credentials.class, one); // the usual case: no allocation per request
        }
        List<Added> added = new ArrayList<>(before.added());
        added.addAll(one.added());
        AccessToken bearer = one.bearer() != null ? one.bearer() : before.bearer();
        return authorized.tag(Credentials.class, new Credentials(List.copyOf(added), bearer));
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Credentials credentials = request.tag(Credentials.class);
        if (credentials == null || OperationSecurity.allowedOrigin(origins, request.url())) {
            return chain.proceed(request);
        }
        Request.Builder stripped = null;
        HttpUrl url = request.url();
        for (Added added : credentials.added()) {
            if (added.guard() != this) {
                continue;
            }
            stripped = stripped == null ? request.newBuilder() : stripped;
            switch (added.place()) {
                case HEADER -> {
                    if (added.value().equals(request.header(added.name()))) {
                        stripped.removeHeader(added.name());
                    }
                }
                case QUERY -> {
                    HttpUrl.Builder without = url.newBuilder().removeAllQueryParameters(added.name());
                    for (String value : url.queryParameterValues(added.name())) {
                        if (value != null && !value.equals(added.value())) {
                            without.addQueryParameter(added.name(), value);
                        }
                    }
                    url = without.build();
                    stripped.url(url);
                }
                case COOKIE -> {
                    List<String> headers = request.headers("Cookie");
                    if (!headers.isEmpty()) {
                        String kept = withoutCookie(String.join("; ", headers), added.name() + "=" + added.value());
                        if (kept.isEmpty()) {
                            stripped.removeHeader("Cookie");
                        } else {
                            stripped.header("Cookie", kept);
                        }
                    }
                }
            }
        }
        return chain.proceed(stripped == null ? request : stripped.build());
    }

    private static String withoutCookie(String header, String pair) {
        List<String> kept = new ArrayList<>();
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty() && !trimmed.equals(pair)) {
                kept.add(trimmed);
            }
        }
        return String.join("; ", kept);
    }

    @Override
    public String toString() {
        return "CredentialGuard[scheme=" + scheme + ", origins="
                + origins.toString().toLowerCase(Locale.ROOT) + "]";
    }
}
