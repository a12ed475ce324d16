package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.retrospec.runtime.testing.FormBodies;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standard provider against a real OAuth2 server (no.nav.security mock-oauth2-server) on loopback. */
class MockOAuth2ServerTest {
    private final MockOAuth2Server server = new MockOAuth2Server();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    @Test
    void clientSecretPostSendsTheSeedsFormFieldsAndGetsAJwt() throws Exception {
        // Issuer "connect" puts the token endpoint at /connect/token, where MicroTek has it.
        var tokenUrl = server.tokenEndpointUrl("connect");
        assertThat(tokenUrl.encodedPath()).isEqualTo("/connect/token");

        AccessToken token = ClientCredentialsTokenProvider.builder(tokenUrl, "microtek-client", "s3cr3t")
                .scopes("public-api")
                .build()
                .fetchToken();

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getRequestUrl().query()).isNull();
        assertThat(FormBodies.parse(request.getBody().readUtf8()))
                .containsExactly(
                        Map.entry("grant_type", "client_credentials"),
                        Map.entry("client_id", "microtek-client"),
                        Map.entry("client_secret", "s3cr3t"),
                        Map.entry("scope", "public-api"));

        SignedJWT jwt = SignedJWT.parse(token.value());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("microtek-client");
        assertThat(jwt.getJWTClaimsSet().getIssuer())
                .isEqualTo(server.issuerUrl("connect").toString());
        assertThat(token.expiresIn()).isPositive();
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void clientSecretBasicIsAcceptedByARealServer() throws Exception {
        AccessToken token = ClientCredentialsTokenProvider.builder(
                        server.tokenEndpointUrl("connect"), "basic-client", "s3cr3t")
                .scopes("public-api")
                .clientAuthentication(ClientAuthentication.CLIENT_SECRET_BASIC)
                .build()
                .fetchToken();

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeader("Authorization")).startsWith("Basic ");
        assertThat(FormBodies.parse(request.getBody().readUtf8())).doesNotContainKeys("client_id", "client_secret");
        assertThat(SignedJWT.parse(token.value()).getJWTClaimsSet().getSubject())
                .isEqualTo("basic-client");
    }
}
