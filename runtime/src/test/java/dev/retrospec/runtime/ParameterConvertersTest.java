package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** Parameters written the way OpenAPI's styles mean them, through a real Retrofit call. */
class ParameterConvertersTest {
    interface Api {
        @GET("items/{ids}")
        Call<ResponseBody> items(
                @Path("ids") Delimited<Long> ids,
                @Query("tags") Delimited<String> tags,
                @Query("colors") Delimited<String> colors,
                @Query("at") OffsetDateTime at,
                @Header("Cookie") @Cookie("session") String session,
                @Header("X-Flags") Delimited<Boolean> flags);

        @GET("prefs")
        Call<ResponseBody> prefs(
                @Header("Cookie") @Cookie("theme") String theme,
                @Header("Cookie") @Cookie("lang") String lang,
                @Header("Cookie") @Cookie("odd name;") String odd);

        @GET("phases/{phase}")
        Call<ResponseBody> phases(
                @Path("phase") OpenEnumTest.Phase phase,
                @Query("also") OpenEnum<OpenEnumTest.Phase> also,
                @Query("any") Delimited<OpenEnumTest.Phase> any);
    }

    @Test
    void generatedEnumsAndTheirOpenValuesAreSentAsTheirText() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).build());
            server.start();
            Api api = new Retrofit.Builder()
                    .baseUrl(server.url("/"))
                    .addConverterFactory(ParameterConverters.create())
                    .build()
                    .create(Api.class);

            api.phases(
                            OpenEnumTest.Phase.IN_PROGRESS,
                            OpenEnum.of(OpenEnumTest.Phase.class, "archived"),
                            Delimited.csv(List.of(OpenEnumTest.Phase.DONE, OpenEnumTest.Phase.TWO)))
                    .execute()
                    .body()
                    .close();

            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getUrl().encodedPath()).isEqualTo("/phases/in-progress");
            assertThat(request.getUrl().queryParameter("also")).isEqualTo("archived");
            assertThat(request.getUrl().queryParameter("any")).isEqualTo("done,2");
        }
    }

    @Test
    void cookieParametersGoOutAsOneHeaderWithTheirSeparatorsEncoded() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).build());
            server.start();
            Api api = new Retrofit.Builder()
                    .baseUrl(server.url("/"))
                    .client(CookieHeader.applyTo(new OkHttpClient.Builder()).build())
                    .addConverterFactory(ParameterConverters.create())
                    .build()
                    .create(Api.class);

            api.prefs("dark; admin=true", "fr,de", "100% \"sure\" é")
                    .execute()
                    .body()
                    .close();

            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getHeaders().values("Cookie"))
                    .containsExactly(
                            "theme=dark%3B%20admin=true; lang=fr,de; odd%20name%3B=100%25%20%22sure%22%20%C3%A9");
        }
    }

    /** Whatever a value holds, its encoding is one cookie-octet run that decodes to it, and the name is a token. */
    @Property(tries = 300, seed = "20261130")
    void anyValueIsOneCookieThatDecodesToIt(@ForAll String name, @ForAll String value) {
        String pair = CookieHeader.pair(name, value);
        int equals = pair.indexOf('=');
        String encodedName = pair.substring(0, equals);
        String encodedValue = pair.substring(equals + 1);
        assertThat(encodedName).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]*");
        assertThat(encodedValue).matches("[!#$%&'()*+,./0-9:<=>?@A-Z\\[\\]^_`a-z{|}~-]*");
        assertThat(decoded(encodedValue)).isEqualTo(asUtf8(value));
        assertThat(decoded(encodedName)).isEqualTo(asUtf8(name));
    }

    /** Percent-decoded; a {@code +} is itself (URLDecoder would take it for a space). */
    private static String decoded(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The text as UTF-8 carries it: an unpaired surrogate becomes {@code ?}. */
    private static String asUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Test
    void delimitedArraysDatesAndCookies() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).build());
            server.start();
            Api api = new Retrofit.Builder()
                    .baseUrl(server.url("/"))
                    .addConverterFactory(ParameterConverters.create())
                    .build()
                    .create(Api.class);

            api.items(
                            Delimited.csv(List.of(1L, 2L, 3L)),
                            Delimited.spaces(List.of("a", "b")),
                            Delimited.pipes(List.of("red", "blue")),
                            OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC),
                            "s3ss",
                            Delimited.csv(List.of(true, false)))
                    .execute()
                    .body()
                    .close();

            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getUrl().encodedPath()).isEqualTo("/items/1,2,3");
            assertThat(request.getUrl().queryParameter("tags")).isEqualTo("a b");
            assertThat(request.getUrl().queryParameter("colors")).isEqualTo("red|blue");
            assertThat(request.getUrl().queryParameter("at")).isEqualTo("2026-01-02T03:04:00Z");
            assertThat(request.getHeaders().get("Cookie")).isEqualTo("session=s3ss");
            assertThat(request.getHeaders().get("X-Flags")).isEqualTo("true,false");
        }
    }
}
