package dev.retrospec.runtime;

import okhttp3.HttpUrl;

/** Base URLs as Retrofit wants them. */
public final class BaseUrls {
    private BaseUrls() {}

    /** {@code url} with a trailing slash, so relative operation paths resolve under it rather than beside it. */
    public static HttpUrl of(String url) {
        return of(HttpUrl.get(url));
    }

    public static HttpUrl of(HttpUrl url) {
        String path = url.encodedPath();
        return path.endsWith("/")
                ? url
                : url.newBuilder().encodedPath(path + "/").build();
    }
}
