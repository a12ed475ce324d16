package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.Auth;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.GET;

/** API keys, basic and fixed bearer tokens: on the API's origin, for the operations that list their scheme. */
class OtherSchemesTest {
    interface Api {
        @GET("secured")
        Call<ResponseBody> secured();

        @GET("public")
        @Auth({})
        Call<ResponseBody> open();

        @GET("other-scheme")
        @Auth("somethingElse")
        Call<ResponseBody> otherScheme();
    }

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start();
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).build());
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Api api(OkHttpClient.Builder http) {
        return new Retrofit.Builder()
                .baseUrl(server.url("/"))
                .client(http.build())
                .build()
                .create(Api.class);
    }

    private RecordedRequest[] callAll(Api api) throws Exception {
        api.secured().execute().body().close();
        api.open().execute().body().close();
        api.otherScheme().execute().body().close();
        return new RecordedRequest[] {
            server.takeRequest(5, TimeUnit.SECONDS),
            server.takeRequest(5, TimeUnit.SECONDS),
            server.takeRequest(5, TimeUnit.SECONDS)
        };
    }

    @ParameterizedTest
    @EnumSource(ApiKeyAuth.In.class)
    void anApiKeyGoesWhereTheSchemeSaysAndOnlyToOperationsThatAcceptIt(ApiKeyAuth.In in) throws Exception {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        ApiKeyAuth.builder("key", in, "X-Api-Key").key("k3y").installInto(http, server.url("/"));

        RecordedRequest[] requests = callAll(api(http));

        String sent = switch (in) {
            case HEADER -> requests[0].getHeaders().get("X-Api-Key");
            case QUERY -> requests[0].getUrl().queryParameter("X-Api-Key");
            case COOKIE -> requests[0].getHeaders().get("Cookie");
        };
        assertThat(sent).isEqualTo(in == ApiKeyAuth.In.COOKIE ? "X-Api-Key=k3y" : "k3y");
        for (RecordedRequest other : new RecordedRequest[] {requests[1], requests[2]}) {
            assertThat(other.getHeaders().get("X-Api-Key")).isNull();
            assertThat(other.getUrl().queryParameter("X-Api-Key")).isNull();
            assertThat(other.getHeaders().get("Cookie")).isNull();
        }
    }

    @Test
    void anApiKeyCookieJoinsEveryCookieTheRequestAlreadyHas() throws Exception {
        // Two Cookie headers, as Retrofit writes two cookie parameters; the key must not drop the first.
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .addHeader("Cookie", "theme=dark")
                        .addHeader("Cookie", "lang=fr")
                        .build()));
        ApiKeyAuth.builder("key", ApiKeyAuth.In.COOKIE, "X-Api-Key").key("k3y").installInto(http, server.url("/"));

        RecordedRequest[] requests = callAll(api(http));

        assertThat(requests[0].getHeaders().values("Cookie")).containsExactly("theme=dark; lang=fr; X-Api-Key=k3y");
        assertThat(requests[1].getHeaders().values("Cookie")).containsExactly("theme=dark", "lang=fr");
    }

    @ParameterizedTest
    @EnumSource(ApiKeyAuth.In.class)
    void aLoggingInterceptorOnTheNetworkNeverPrintsTheKey(ApiKeyAuth.In in) throws Exception {
        StringBuilder log = new StringBuilder();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .addNetworkInterceptor(
                        new HttpLoggingInterceptor(line -> log.append(line).append('\n'))
                                .setLevel(HttpLoggingInterceptor.Level.HEADERS));
        ApiKeyAuth.builder("key", in, "api_key").key("k3y-s3cret").installInto(http, server.url("/"));

        RecordedRequest[] requests = callAll(api(http));

        assertThat(requests[0].getUrl() + " " + requests[0].getHeaders().get("api_key") + " "
                        + requests[0].getHeaders().get("Cookie"))
                .contains("k3y-s3cret");
        assertThat(log).contains("/secured").doesNotContain("k3y-s3cret");
    }

    @Test
    void basicAuthIsSentOnlyWhereTheSchemeApplies() throws Exception {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        BasicAuth.builder("basic").credentials("ada", "p:ss").installInto(http, server.url("/"));

        RecordedRequest[] requests = callAll(api(http));

        assertThat(requests[0].getHeaders().get("Authorization")).isEqualTo("Basic YWRhOnA6c3M=");
        assertThat(requests[1].getHeaders().get("Authorization")).isNull();
        assertThat(requests[2].getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aFixedBearerTokenIsSentOnlyWhereTheSchemeApplies() throws Exception {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        BearerTokenAuth.builder("pat").token("ghp_123").installInto(http, server.url("/"));

        RecordedRequest[] requests = callAll(api(http));

        assertThat(requests[0].getHeaders().get("Authorization")).isEqualTo("Bearer ghp_123");
        assertThat(requests[1].getHeaders().get("Authorization")).isNull();
        assertThat(requests[2].getHeaders().get("Authorization")).isNull();
    }

    @Test
    void withoutCredentialsNothingIsInstalled() {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        ApiKeyAuth.builder("key", ApiKeyAuth.In.HEADER, "X-Api-Key").installInto(http, server.url("/"));
        BasicAuth.builder("basic").installInto(http, server.url("/"));
        BearerTokenAuth.builder("pat").installInto(http, server.url("/"));
        assertThat(http.interceptors()).isEmpty();
    }
}
