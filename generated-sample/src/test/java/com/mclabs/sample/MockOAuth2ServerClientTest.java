package com.mclabs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.mclabs.microtek.MicroTek;
import com.mclabs.microtek.model.Device;
import com.nimbusds.jwt.SignedJWT;
import dev.retrospec.runtime.testing.FormBodies;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated client against a real OAuth2 server (no.nav.security mock-oauth2-server, issuer {@code connect},
 * so its token endpoint is {@code /connect/token} as MicroTek's): the token request carries the seed's form fields
 * and the typed call carries the JWT the server issued.
 */
class MockOAuth2ServerClientTest {
    private final MockOAuth2Server oauth2 = new MockOAuth2Server();
    private final MockWebServer api = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        oauth2.start();
        api.start();
    }

    @AfterEach
    void stop() {
        oauth2.shutdown();
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime client credentials", "environment variables", "generated identity client"})
    void aTypedCallSucceedsWithTheTokenTheServerIssued(String tokenSource) throws Exception {
        api.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"id\":\"dev-1\",\"name\":\"Boiler sensor\",\"status\":\"online\",\"location\":null,"
                        + "\"registeredAt\":\"2026-01-15T08:30:00Z\"}")
                .build());
        OkHttpClient http = new OkHttpClient();
        MicroTek.Builder builder =
                MicroTek.builder().baseUrl(api.url("/v1/").toString()).okHttpClient(http);
        if (tokenSource.equals("runtime client credentials")) {
            builder.clientCredentials("microtek-client", "s3cr3t")
                    .microtekAuth(auth ->
                            auth.tokenUrl(oauth2.tokenEndpointUrl("connect").toString()));
        } else if (tokenSource.equals("environment variables")) {
            builder = MicroTek.builder()
                    .environment(Map.of(
                            "MICROTEK_BASE_URL", api.url("/v1/").toString(),
                            "MICROTEK_CLIENT_ID", "microtek-client",
                            "MICROTEK_CLIENT_SECRET", "s3cr3t"))
                    .okHttpClient(http)
                    .microtekAuth(auth ->
                            auth.tokenUrl(oauth2.tokenEndpointUrl("connect").toString()));
        } else {
            builder.tokenProvider(new IdentityTokenProvider(
                    oauth2.baseUrl().toString(), http, "microtek-client", "s3cr3t", MicroTek.MICROTEK_AUTH_SCOPES));
        }

        Device device = builder.build().devices().getDevice("dev-1").execute().body();

        assertThat(device.name()).isEqualTo("Boiler sensor");
        okhttp3.mockwebserver.RecordedRequest tokenRequest = oauth2.takeRequest(5, TimeUnit.SECONDS);
        assertThat(tokenRequest.getRequestUrl().encodedPath()).isEqualTo("/connect/token");
        assertThat(tokenRequest.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(FormBodies.parse(tokenRequest.getBody().readUtf8()))
                .containsExactly(
                        Map.entry("grant_type", "client_credentials"),
                        Map.entry("client_id", "microtek-client"),
                        Map.entry("client_secret", "s3cr3t"),
                        Map.entry("scope", "public-api"));

        RecordedRequest call = api.takeRequest(5, TimeUnit.SECONDS);
        assertThat(call.getUrl().encodedPath()).isEqualTo("/v1/devices/dev-1");
        String authorization = call.getHeaders().get("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.getJWTClaimsSet().getIssuer())
                .isEqualTo(oauth2.issuerUrl("connect").toString());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("microtek-client");
    }
}
