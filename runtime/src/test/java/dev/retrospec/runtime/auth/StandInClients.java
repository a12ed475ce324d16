package dev.retrospec.runtime.auth;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import okhttp3.OkHttpClient;

/** OkHttp clients that authenticate against the stand-in the way an application would set them up. */
final class StandInClients {
    private StandInClients() {}

    static ClientCredentialsTokenProvider provider(MicroTekStandIn microtek, String clientId, String secret) {
        return ClientCredentialsTokenProvider.builder(microtek.tokenUrl(), clientId, secret)
                .scopes(MicroTekStandIn.SCOPE)
                .build();
    }

    /** A client whose requests to the stand-in's API carry tokens from {@code tokens}. */
    static OkHttpClient authorized(MicroTekStandIn microtek, TokenManager tokens) {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        BearerAuth.builder(tokens).allowOrigin(microtek.apiUrl()).build().applyTo(http);
        return http.build();
    }
}
