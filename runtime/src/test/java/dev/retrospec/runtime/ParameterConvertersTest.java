package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
