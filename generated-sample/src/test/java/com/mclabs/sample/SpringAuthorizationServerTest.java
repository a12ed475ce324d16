package com.mclabs.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mclabs.microtek.MicroTek;
import com.mclabs.microtek.model.Device;
import com.nimbusds.jwt.SignedJWT;
import dev.retrospec.runtime.auth.ClientAuthentication;
import dev.retrospec.runtime.auth.ClientCredentialsTokenProvider;
import dev.retrospec.runtime.auth.TokenEndpointException;
import dev.retrospec.runtime.auth.TokenManager;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Against Spring Authorization Server, embedded on loopback with its token endpoint at {@code /connect/token}: a
 * real implementation that validates client secrets (both client authentication methods, the secret full of
 * reserved characters) and answers RFC 6749 errors of its own.
 */
class SpringAuthorizationServerTest {
    private static final String CLIENT_ID = "microtek-client";
    private static final String SECRET = "p@ss:w/rd+&=%?#[] ü";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class IdentityServer {}

    private static ConfigurableApplicationContext identity;
    private static String tokenUrl;
    private final MockWebServer api = new MockWebServer();

    @BeforeAll
    static void startIdentityServer() {
        String client = "spring.security.oauth2.authorizationserver.client.microtek.registration.";
        identity = new SpringApplicationBuilder(IdentityServer.class)
                .properties(Map.of(
                        "server.port",
                        "0",
                        "server.address",
                        "127.0.0.1",
                        "spring.main.banner-mode",
                        "off",
                        "spring.security.oauth2.authorizationserver.endpoint.token-uri",
                        "/connect/token",
                        client + "client-id",
                        CLIENT_ID,
                        client + "client-secret",
                        "{noop}" + SECRET,
                        client + "client-authentication-methods",
                        "client_secret_post,client_secret_basic",
                        client + "authorization-grant-types",
                        "client_credentials",
                        client + "scopes",
                        "public-api"))
                .run();
        tokenUrl = "http://127.0.0.1:" + identity.getEnvironment().getProperty("local.server.port") + "/connect/token";
    }

    @AfterAll
    static void stopIdentityServer() {
        identity.close();
    }

    @BeforeEach
    void startApi() throws IOException {
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @ParameterizedTest
    @EnumSource(ClientAuthentication.class)
    void theGeneratedClientGetsARealTokenAndUsesIt(ClientAuthentication method) throws Exception {
        api.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"id\":\"dev-1\",\"name\":\"Boiler sensor\",\"status\":\"online\",\"location\":null,"
                        + "\"registeredAt\":\"2026-01-15T08:30:00Z\"}")
                .build());
        MicroTek client = MicroTek.builder()
                .baseUrl(api.url("/v1/").toString())
                .clientCredentials(CLIENT_ID, SECRET)
                .microtekAuth(auth -> auth.tokenUrl(tokenUrl).clientAuthentication(method))
                .build();

        Device device = client.devices().getDevice("dev-1").execute().body();

        assertThat(device.name()).isEqualTo("Boiler sensor");
        String authorization = api.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization");
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(CLIENT_ID);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("scope")).containsExactly("public-api");
    }

    @Test
    void aWrongSecretIsARealInvalidClientAndIsNotRetried() {
        TokenManager tokens = TokenManager.builder(
                        ClientCredentialsTokenProvider.builder(tokenUrl, CLIENT_ID, "not-" + SECRET)
                                .scopes("public-api")
                                .build())
                .build();

        TokenEndpointException e = catchThrowableOfType(TokenEndpointException.class, tokens::token);

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.error()).isEqualTo("invalid_client");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e)
                .hasMessageStartingWith("token endpoint " + tokenUrl + " answered HTTP 401: invalid_client")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aScopeTheClientMayNotHaveIsARealInvalidScope() {
        TokenEndpointException e = catchThrowableOfType(
                TokenEndpointException.class,
                () -> ClientCredentialsTokenProvider.builder(tokenUrl, CLIENT_ID, SECRET)
                        .scopes("admin")
                        .build()
                        .fetchToken());

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("invalid_scope");
        assertThat(e.isRetryable()).isFalse();
    }
}
