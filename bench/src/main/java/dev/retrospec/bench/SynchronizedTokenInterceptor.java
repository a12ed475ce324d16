package dev.retrospec.bench;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The baseline: the shape of the OAuth interceptor OpenAPI Generator's retrofit2 clients ship, reduced to its
 * cached-token path. A {@code synchronized} getter guards the token, the header value is concatenated per request,
 * and the lock is taken twice per request (once to see whether a token exists, once to read it). Written here for
 * the comparison; no refresh logic, which only runs on the slow path.
 */
final class SynchronizedTokenInterceptor implements Interceptor {
    private String accessToken;

    SynchronizedTokenInterceptor(String accessToken) {
        this.accessToken = accessToken;
    }

    synchronized String getAccessToken() {
        return accessToken;
    }

    synchronized void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header("Authorization") != null) {
            return chain.proceed(request);
        }
        if (getAccessToken() == null) {
            throw new IOException("no token");
        }
        String token = getAccessToken();
        return chain.proceed(request.newBuilder()
                .addHeader("Authorization", "Bearer " + token)
                .build());
    }
}
