package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials go to the API's origin and nowhere else, on every hop: the API on {@code localhost}, another host
 * ({@code elsewhere.test}, resolved to loopback through OkHttp's {@link Dns}) that the API redirects to.
 */
class CredentialsStayHomeTest {
    private final MockWebServer api = new MockWebServer();
    private final MockWebServer elsewhere = new MockWebServer();
    private final Dns dns =
            host -> host.equals("elsewhere.test") ? List.of(InetAddress.getLoopbackAddress()) : Dns.SYSTEM.lookup(host);

    @BeforeEach
    void start() throws IOException {
        api.start();
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        api.close();
        elsewhere.close();
    }

    private HttpUrl apiUrl() {
        return api.url("/v1/").newBuilder().host("localhost").build();
    }

    private HttpUrl elsewhere(String pathAndQuery) {
        return HttpUrl.get("http://elsewhere.test:" + elsewhere.getPort() + pathAndQuery);
    }

    private RecordedRequest[] redirectedCall(OkHttpClient.Builder http, String location) throws Exception {
        api.enqueue(new MockResponse.Builder()
                .code(307)
                .setHeader("Location", location)
                .build());
        if (location.contains("elsewhere.test")) {
            elsewhere.enqueue(
                    new MockResponse.Builder().code(200).body("landed").build());
        } else {
            api.enqueue(new MockResponse.Builder().code(200).body("home").build());
        }
        try (Response response = http.dns(dns)
                .build()
                .newCall(new Request.Builder().url(apiUrl().resolve("devices")).build())
                .execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        RecordedRequest first = api.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = location.contains("elsewhere.test")
                ? elsewhere.takeRequest(5, TimeUnit.SECONDS)
                : api.takeRequest(5, TimeUnit.SECONDS);
        return new RecordedRequest[] {first, second};
    }

    private static String sent(RecordedRequest request, ApiKeyAuth.In in) {
        String sent = switch (in) {
            case HEADER -> request.getHeaders().get("X-Api-Key");
            case QUERY -> request.getUrl().queryParameter("X-Api-Key");
            case COOKIE -> request.getHeaders().get("Cookie");
        };
        return String.valueOf(sent);
    }

    @ParameterizedTest
    @EnumSource(ApiKeyAuth.In.class)
    void aRedirectToAnotherHostCarriesNoApiKey(ApiKeyAuth.In in) throws Exception {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        ApiKeyAuth.builder("key", in, "X-Api-Key").key("k3y").installInto(http, apiUrl());

        // An open redirect; for a key in the query, one that even keeps the query string, key included.
        String location = in == ApiKeyAuth.In.QUERY ? "/landed?X-Api-Key=k3y&page=2" : "/landed?page=2";
        RecordedRequest[] hops = redirectedCall(http, elsewhere(location).toString());

        assertThat(sent(hops[0], in)).contains("k3y"); // the API got it
        assertThat(hops[1].getUrl().host()).isEqualTo("elsewhere.test");
        assertThat(hops[1].getHeaders().toString()).doesNotContain("k3y");
        assertThat(hops[1].getUrl().toString()).doesNotContain("k3y");
        assertThat(hops[1].getUrl().queryParameter("page")).isEqualTo("2");
    }

    /** A key in the query is where the server's Location puts it: OkHttp does not run the interceptors again. */
    @ParameterizedTest
    @EnumSource(
            value = ApiKeyAuth.In.class,
            names = {"HEADER", "COOKIE"})
    void aRedirectWithinTheOriginKeepsTheApiKey(ApiKeyAuth.In in) throws Exception {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        ApiKeyAuth.builder("key", in, "X-Api-Key").key("k3y").installInto(http, apiUrl());

        RecordedRequest[] hops = redirectedCall(http, apiUrl().resolve("moved").toString());

        assertThat(sent(hops[1], in)).contains("k3y");
    }

    @Test
    void aCookieOfTheApplicationSurvivesWhenOnlyTheKeyIsRemoved() throws Exception {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .header("Cookie", "theme=dark")
                        .build()));
        ApiKeyAuth.builder("key", ApiKeyAuth.In.COOKIE, "session").key("k3y").installInto(http, apiUrl());

        RecordedRequest[] hops = redirectedCall(http, elsewhere("/landed").toString());

        assertThat(hops[0].getHeaders().get("Cookie")).isEqualTo("theme=dark; session=k3y");
        assertThat(hops[1].getHeaders().get("Cookie")).isEqualTo("theme=dark");
    }

    @Test
    void aRedirectToAnotherHostCarriesNoBasicCredentialsOrBearerToken() throws Exception {
        OkHttpClient.Builder basic = new OkHttpClient.Builder();
        BasicAuth.builder("basic").credentials("ada", "p4ss").installInto(basic, apiUrl());
        RecordedRequest[] hops = redirectedCall(basic, elsewhere("/landed").toString());
        assertThat(hops[0].getHeaders().get("Authorization")).startsWith("Basic ");
        assertThat(hops[1].getHeaders().get("Authorization")).isNull();

        OkHttpClient.Builder bearer = new OkHttpClient.Builder();
        BearerTokenAuth.builder("pat").token("ghp_123").installInto(bearer, apiUrl());
        hops = redirectedCall(bearer, elsewhere("/landed").toString());
        assertThat(hops[0].getHeaders().get("Authorization")).isEqualTo("Bearer ghp_123");
        assertThat(hops[1].getHeaders().get("Authorization")).isNull();
    }

    @Test
    void anEndpointThatEchoesTheRequestNeverPutsTheSecretInTheException() throws Exception {
        String secret = "s3cr3t/with space+plus&=ü";
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        String percent = form.replace("+", "%20");
        String basic = Base64.getEncoder().encodeToString(("client-1:" + form).getBytes(StandardCharsets.UTF_8));
        String rawBasic = Base64.getEncoder().encodeToString(("client-1:" + secret).getBytes(StandardCharsets.UTF_8));
        String echo = "grant_type=client_credentials&client_id=client-1&client_secret=" + form + " | raw " + secret
                + " | percent " + percent.toLowerCase(java.util.Locale.ROOT) + " | Authorization: Basic " + basic
                + " | raw basic " + rawBasic;
        api.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "application/json")
                .body("{\"error\":\"invalid_request\",\"error_description\":"
                        + "\"" + echo.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"error_uri\":\"https://idp/"
                        + form + "\"}")
                .build());

        TokenEndpointException e = catchThrowableOfType(
                TokenEndpointException.class,
                () -> ClientCredentialsTokenProvider.builder(api.url("/connect/token"), "client-1", secret)
                        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_BASIC)
                        .build()
                        .fetchToken());

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String everything = e.getMessage() + e + e.error() + e.errorDescription() + e.errorUri() + trace;
        assertThat(everything).contains("[redacted]").contains("invalid_request");
        for (String encoding :
                List.of(secret, form, percent, percent.toLowerCase(java.util.Locale.ROOT), basic, rawBasic)) {
            assertThat(everything).doesNotContain(encoding);
        }
        assertThat(e.errorDescription())
                .isEqualTo("grant_type=client_credentials&client_id=client-1&client_secret=[redacted] | raw [redacted]"
                        + " | percent [redacted] | Authorization: Basic [redacted] | raw basic [redacted]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1.evil.com/t",
                "http://evil.localhost/t",
                "http://localhost.evil.com/t",
                "http://128.0.0.1/t",
                "http://0.0.0.0/t",
                "http://[::2]/t"
            })
    void onlyRealLoopbackMayGetSecretsOverPlainHttp(String url) {
        assertThatThrownBy(() ->
                        ClientCredentialsTokenProvider.builder(url, "id", "s").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token URL " + url + " uses plain http: credentials and tokens would cross the network"
                        + " unencrypted. Use https, or opt out explicitly with allowInsecureHttp(true).");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost/t",
                "http://LOCALHOST:8080/t",
                "http://127.0.0.1/t",
                "http://127.255.3.4/t",
                "http://[::1]/t"
            })
    void loopbackMayGetSecretsOverPlainHttp(String url) {
        assertThat(ClientCredentialsTokenProvider.builder(url, "id", "s")
                        .build()
                        .tokenUrl())
                .isEqualTo(HttpUrl.get(url));
    }

    @Test
    void aRelativeTokenUrlResolvesAgainstTheBaseUrlTheClientIsBuiltWith() throws Exception {
        try (MicroTekStandIn staging = new MicroTekStandIn("client-1", "s3cr3t", Duration.ofHours(1)).start()) {
            ClientCredentialsAuth.Builder auth = ClientCredentialsAuth.builder(
                            "microtekAuth", "/connect/token", List.of(MicroTekStandIn.SCOPE))
                    .clientCredentials("client-1", "s3cr3t");
            OkHttpClient base = new OkHttpClient();
            OkHttpClient.Builder http = base.newBuilder();
            auth.installInto(http, base, staging.apiUrl());

            try (Response response = http.build()
                    .newCall(new Request.Builder()
                            .url(staging.apiUrl().resolve("devices/dev-1"))
                            .build())
                    .execute()) {
                assertThat(response.code()).isEqualTo(200);
            }
            assertThat(staging.tokenRequests()).isEqualTo(1);
            assertThat(auth.resolveTokenUrl(staging.apiUrl())).isEqualTo(staging.tokenUrl());
            assertThat(auth.tokenUrl("token").resolveTokenUrl(HttpUrl.get("https://staging.mclabs.com/v1/")))
                    .isEqualTo(HttpUrl.get("https://staging.mclabs.com/v1/token"));
        }
    }

    @Test
    void aTokenUrlThatCannotBeResolvedSaysWhichScheme() {
        ClientCredentialsAuth.Builder auth = ClientCredentialsAuth.builder("microtekAuth", "https://", List.of())
                .clientCredentials("client-1", "s3cr3t");
        OkHttpClient base = new OkHttpClient();

        assertThatThrownBy(() -> auth.installInto(base.newBuilder(), base, HttpUrl.get("https://api.mclabs.com/v1/")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("security scheme 'microtekAuth': token URL 'https://' cannot be resolved against the API"
                        + " base URL https://api.mclabs.com/v1/; give an absolute one with tokenUrl(...)");
    }
}
