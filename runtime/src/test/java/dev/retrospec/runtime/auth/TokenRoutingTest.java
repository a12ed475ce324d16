package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retrospec.runtime.testing.FormBodies;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where credentials and tokens go, and how they are encoded on the way. */
class TokenRoutingTest {
    private final MicroTekStandIn microtek = new MicroTekStandIn("client-1", "s3cr3t", Duration.ofHours(1));
    private final MockWebServer elsewhere = new MockWebServer();
    private OkHttpClient client;

    @BeforeEach
    void start() throws IOException {
        microtek.start();
        elsewhere.start();
        client = StandInClients.authorized(
                microtek,
                TokenManager.builder(StandInClients.provider(microtek, "client-1", "s3cr3t"))
                        .build());
    }

    @AfterEach
    void stop() {
        microtek.close();
        elsewhere.close();
    }

    /** The other server under another host name than the API's ({@code localhost}): 127.0.0.1. */
    private HttpUrl elsewhere(String path) {
        return elsewhere.url(path).newBuilder().host("127.0.0.1").build();
    }

    @Test
    void anAbsoluteUrlToAnotherOriginCarriesNoToken() throws Exception {
        elsewhere.enqueue(new MockResponse.Builder().code(200).build());
        try (Response response = client.newCall(
                        new Request.Builder().url(elsewhere("/steal")).build())
                .execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(elsewhere.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isNull();
        assertThat(microtek.tokenRequests()).isZero(); // no token was even fetched for it
    }

    @Test
    void aRedirectToAnotherHostCarriesNoTokenEvenWhenThatHostAnswers401() throws Exception {
        microtek.afterTokenCheck(request -> new MockResponse.Builder()
                .code(307)
                .setHeader("Location", elsewhere("/moved").toString())
                .build());
        elsewhere.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .build());

        try (Response response = client.newCall(new Request.Builder()
                        .url(microtek.apiUrl().resolve("devices/dev-1"))
                        .build())
                .execute()) {
            assertThat(response.code()).isEqualTo(401);
        }
        RecordedRequest redirected = elsewhere.takeRequest(5, TimeUnit.SECONDS);
        assertThat(redirected.getHeaders().get("Authorization")).isNull();
        assertThat(elsewhere.getRequestCount()).isEqualTo(1); // and no retry there with a token
        assertThat(microtek.tokenRequests()).isEqualTo(1);
    }

    @Test
    void registeringTheInterceptorAsANetworkInterceptorIsRefused() {
        TokenManager tokens =
                TokenManager.builder(() -> AccessToken.bearer("t", null)).build();
        OkHttpClient wrong = new OkHttpClient.Builder()
                .addNetworkInterceptor(BearerAuth.builder(tokens)
                        .allowOrigin(microtek.apiUrl())
                        .build()
                        .interceptor())
                .build();

        assertThatThrownBy(() -> wrong.newCall(new Request.Builder()
                                .url(microtek.apiUrl().resolve("status"))
                                .build())
                        .execute())
                .isInstanceOf(IOException.class)
                .hasMessage("BearerAuth's interceptor must be an application interceptor (addInterceptor): as a network"
                        + " interceptor it would also authorize redirects to other hosts");
    }

    @Test
    void plainHttpIsRefusedExceptToLoopbackOrWhenTheUserOptsOut() {
        assertThatThrownBy(
                        () -> ClientCredentialsTokenProvider.builder("http://idp.mclabs.com/connect/token", "id", "s")
                                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "token URL http://idp.mclabs.com/connect/token uses plain http: credentials and tokens would"
                                + " cross the network unencrypted. Use https, or opt out explicitly with allowInsecureHttp(true).");
        TokenManager tokens =
                TokenManager.builder(() -> AccessToken.bearer("t", null)).build();
        assertThatThrownBy(() -> BearerAuth.builder(tokens)
                        .allowOrigin("http://api.mclabs.com/v1/")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("API origin http://api.mclabs.com/v1/ uses plain http");

        for (String loopback : new String[] {"http://localhost:8080/t", "http://127.0.0.1/t", "http://[::1]/t"}) {
            assertThat(ClientCredentialsTokenProvider.builder(loopback, "id", "s")
                            .build()
                            .tokenUrl()
                            .toString())
                    .isEqualTo(loopback);
        }
        assertThat(ClientCredentialsTokenProvider.builder("http://idp.internal/t", "id", "s")
                        .allowInsecureHttp(true)
                        .build())
                .isNotNull();
    }

    @Test
    void scopesAreJoinedWithSpacesAndCredentialsStayOutOfTheUrl() throws Exception {
        elsewhere.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":60}")
                .build());

        ClientCredentialsTokenProvider.builder(elsewhere.url("/connect/token"), "client-1", "s3cr3t")
                .scopes("public-api", "devices:read", "https://api.mclabs.com/telemetry")
                .build()
                .fetchToken();

        RecordedRequest request = elsewhere.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().query()).isNull();
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(FormBodies.parse(request.getBody().utf8()))
                .containsExactly(
                        Map.entry("grant_type", "client_credentials"),
                        Map.entry("client_id", "client-1"),
                        Map.entry("client_secret", "s3cr3t"),
                        Map.entry("scope", "public-api devices:read https://api.mclabs.com/telemetry"));
        assertThatThrownBy(() -> ClientCredentialsTokenProvider.builder(elsewhere.url("/t"), "i", "s")
                        .scopes("two words"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid OAuth2 scope: 'two words'");
    }

    @Test
    void clientSecretBasicFormEncodesIdAndSecretBeforeBase64() throws Exception {
        elsewhere.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":60}")
                .build());

        ClientCredentialsTokenProvider.builder(elsewhere.url("/connect/token"), "a b", "p:w+d")
                .clientAuthentication(ClientAuthentication.CLIENT_SECRET_BASIC)
                .build()
                .fetchToken();

        // RFC 6749 section 2.3.1: "a b" -> "a+b", "p:w+d" -> "p%3Aw%2Bd", then Base64("a+b:p%3Aw%2Bd").
        assertThat(elsewhere.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo("Basic YStiOnAlM0F3JTJCZA==");
    }

    @Test
    void clientSecretBasicWithReservedCharactersIsAcceptedByAStrictServer() throws Exception {
        String id = "client:1/ü";
        String secret = "p@ss:w/rd+&=%?#[] ü";
        try (MicroTekStandIn strict = new MicroTekStandIn(id, secret, Duration.ofHours(1)).start()) {
            AccessToken token = ClientCredentialsTokenProvider.builder(strict.tokenUrl(), id, secret)
                    .scopes(MicroTekStandIn.SCOPE)
                    .clientAuthentication(ClientAuthentication.CLIENT_SECRET_BASIC)
                    .build()
                    .fetchToken();
            assertThat(token.value()).isEqualTo(strict.issuedTokens().get(0));
        }
    }
}
