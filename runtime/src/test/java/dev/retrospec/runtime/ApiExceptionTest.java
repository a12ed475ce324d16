package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** {@link ApiException} and {@link ApiCalls} over MockWebServer: a subclass per status, typed bodies, nothing secret. */
class ApiExceptionTest {
    public record Device(String id) {}

    public record Problem(String title, int status) {}

    public record ClientError(String code) {}

    public record Other(String reason) {}

    interface DevicesApi {
        @ErrorType(status = "404", type = Problem.class)
        @ErrorType(status = "4XX", type = ClientError.class)
        @ErrorType(status = "default", type = Other.class)
        @GET("devices/{id}")
        Call<Device> get(@Path("id") String id, @Query("api_key") String apiKey);

        @GET("devices/{id}")
        Call<Device> untyped(@Path("id") String id, @Header("Authorization") String authorization);

        @GET("devices/none")
        Call<Void> delete();
    }

    interface ThrowingApi {
        @ErrorType(status = "404", type = Problem.class)
        @GET("devices/{id}")
        Device get(@Path("id") String id);

        @ErrorType(status = "404", type = Problem.class)
        @GET("devices/{id}")
        CompletableFuture<Device> getAsync(@Path("id") String id);

        @GET("devices/{id}")
        Response<Device> getResponse(@Path("id") String id);

        @GET("devices/{id}")
        Call<Device> getCall(@Path("id") String id);
    }

    private final MockWebServer server = new MockWebServer();
    private final Moshi moshi = new Moshi.Builder().build();
    private final ApiCalls calls = ApiCalls.create(moshi);

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Retrofit retrofit() {
        return new Retrofit.Builder()
                .baseUrl(server.url("/v1/"))
                .client(new OkHttpClient.Builder()
                        .retryOnConnectionFailure(false)
                        .build())
                .addCallAdapterFactory(calls.callAdapterFactory())
                .addConverterFactory(MoshiConverterFactory.create(moshi))
                .build();
    }

    private DevicesApi api() {
        return retrofit().create(DevicesApi.class);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    @ParameterizedTest
    @CsvSource({
        "400, BadRequestException",
        "401, UnauthorizedException",
        "403, ForbiddenException",
        "404, NotFoundException",
        "409, ConflictException",
        "422, UnprocessableEntityException",
        "429, RateLimitException",
        "500, ServerException",
        "503, ServerException",
        "418, ApiException",
        "302, ApiException",
    })
    void eachStatusHasItsClass(int code, String type) throws IOException {
        server.enqueue(json(code, "{}"));

        ApiException e = calls.exception(api().untyped("dev-1", "Bearer x").execute());

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.code()).isEqualTo(code);
    }

    @Test
    void theMessageSaysStatusMethodAndUrlButNoQueryHeaderOrBody() throws IOException {
        server.enqueue(json(404, "{\"title\":\"no device, your key was sk_live_123\",\"status\":404}"));
        server.enqueue(json(403, "{\"code\":\"denied\"}"));

        ApiException notFound =
                calls.exception(api().get("dev-1", "sk_live_123").execute());
        ApiException forbidden =
                calls.exception(api().untyped("dev-2", "Bearer tok-secret").execute());

        String url = server.url("/v1/devices/").toString();
        assertThat(notFound).hasMessage("HTTP 404 Client Error (GET " + url + "dev-1)");
        assertThat(notFound.toString())
                .isEqualTo("dev.retrospec.runtime.NotFoundException: HTTP 404 Client Error (GET " + url + "dev-1)");
        assertThat(forbidden).hasMessage("HTTP 403 Client Error (GET " + url + "dev-2)");
        assertThat(forbidden.toString()).doesNotContain("tok-secret");
        assertThat(forbidden.headers().names()).doesNotContain("Authorization");
    }

    @Test
    void theErrorBodyIsDecodedAsTheOperationDeclaresForTheStatus() throws IOException {
        server.enqueue(json(404, "{\"title\":\"No such device\",\"status\":404}"));
        server.enqueue(json(409, "{\"code\":\"taken\"}"));
        server.enqueue(json(500, "{\"reason\":\"down\"}"));

        ApiException notFound = calls.exception(api().get("a", "k").execute());
        ApiException conflict = calls.exception(api().get("b", "k").execute());
        ApiException server = calls.exception(api().get("c", "k").execute());

        assertThat(notFound.errorBody()).isEqualTo(new Problem("No such device", 404));
        assertThat(notFound.errorBody(Problem.class)).isEqualTo(new Problem("No such device", 404));
        assertThat(notFound.errorBody(ClientError.class)).isNull();
        assertThat(conflict).isInstanceOf(ConflictException.class);
        assertThat(conflict.errorBody()).isEqualTo(new ClientError("taken"));
        assertThat(server.errorBody()).isEqualTo(new Other("down"));
    }

    @Test
    void aBodyOfAnotherShapeStaysRawAndCanBeDecodedExplicitly() throws IOException {
        server.enqueue(json(404, "<html>gateway</html>"));
        server.enqueue(json(404, "{\"code\":\"gone\"}"));

        ApiException html = calls.exception(api().get("a", "k").execute());
        ApiException other = calls.exception(api().get("a", "k").execute());

        assertThat(html.errorBody()).isNull();
        assertThat(html.bodyString()).isEqualTo("<html>gateway</html>");
        assertThat(other.errorBody()).isNull(); // not a Problem
        assertThat(other.decodeBody(moshi.adapter(ClientError.class))).isEqualTo(new ClientError("gone"));
    }

    @Test
    void withoutDeclaredTypesTheBodyStaysRaw() throws IOException {
        server.enqueue(json(400, "{\"code\":\"bad\"}"));

        ApiException e = ApiException.from(api().untyped("a", "Bearer x").execute());

        assertThat(e).isInstanceOf(BadRequestException.class);
        assertThat(e.errorBody()).isNull();
        assertThat(e.body()).asString().isEqualTo("{\"code\":\"bad\"}");
        assertThat(e.contentType()).hasToString("application/json");
    }

    @Test
    void aLargeBodyIsKeptOnlyInPart() throws IOException {
        server.enqueue(json(404, "{\"title\":\"" + "x".repeat(100_000) + "\",\"status\":404}"));

        ApiException e = calls.exception(api().get("a", "k").execute());

        assertThat(e.body()).hasSize(ApiException.MAX_BODY_BYTES);
        assertThat(e.bodyTruncated()).isTrue();
        assertThat(e.errorBody()).isNull();
    }

    @Test
    void rateLimitCarriesRetryAfter() throws IOException {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "120")
                .build());
        server.enqueue(json(429, "{}"));

        RateLimitException limited =
                (RateLimitException) calls.exception(api().get("a", "k").execute());
        RateLimitException unsaid =
                (RateLimitException) calls.exception(api().get("a", "k").execute());

        assertThat(limited.retryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(limited.body()).isEmpty();
        assertThat(unsaid.retryAfter()).isNull();
    }

    @Test
    void aSuccessIsNoException() throws IOException {
        server.enqueue(json(200, "{\"id\":\"a\"}"));

        Response<Device> ok = api().get("a", "k").execute();

        assertThatThrownBy(() -> ApiException.from(ok))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an error: HTTP 200");
    }

    @Test
    void bodyOrThrowReturnsTheBodyOrThrowsTheTypedException() throws IOException {
        server.enqueue(json(200, "{\"id\":\"dev-1\"}"));
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(json(404, "{\"title\":\"No such device\",\"status\":404}"));

        assertThat(calls.bodyOrThrow(api().get("dev-1", "k"))).isEqualTo(new Device("dev-1"));
        assertThat(calls.bodyOrThrow(api().delete())).isNull();
        NotFoundException e =
                catchThrowableOfType(NotFoundException.class, () -> calls.bodyOrThrow(api().get("dev-2", "k")));
        assertThat(e.errorBody(Problem.class)).isEqualTo(new Problem("No such device", 404));
    }

    @Test
    void theCallAdapterThrowsFromMethodsThatReturnTheBody() {
        ThrowingApi api = retrofit().create(ThrowingApi.class);
        server.enqueue(json(200, "{\"id\":\"dev-1\"}"));
        server.enqueue(json(404, "{\"title\":\"No such device\",\"status\":404}"));
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        assertThat(api.get("dev-1")).isEqualTo(new Device("dev-1"));
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> api.get("dev-2"));
        assertThat(e.errorBody()).isEqualTo(new Problem("No such device", 404));
        assertThatThrownBy(() -> api.get("dev-3"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void theCallAdapterFailsFuturesWithTheTypedException() throws Exception {
        ThrowingApi api = retrofit().create(ThrowingApi.class);
        server.enqueue(json(200, "{\"id\":\"dev-1\"}"));
        server.enqueue(json(404, "{\"title\":\"No such device\",\"status\":404}"));

        assertThat(api.getAsync("dev-1").get(5, TimeUnit.SECONDS)).isEqualTo(new Device("dev-1"));
        ExecutionException e = catchThrowableOfType(
                ExecutionException.class, () -> api.getAsync("dev-2").get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
        assertThat(((ApiException) e.getCause()).errorBody()).isEqualTo(new Problem("No such device", 404));
    }

    @Test
    void rawResponsesAndCallsStayAsTheyAre() throws IOException {
        ThrowingApi api = retrofit().create(ThrowingApi.class);
        server.enqueue(json(404, "{}"));
        server.enqueue(json(200, "{\"id\":\"dev-1\"}"));

        Response<Device> response = api.getResponse("dev-2");
        assertThat(response.code()).isEqualTo(404);
        try (ResponseBody error = response.errorBody()) {
            assertThat(error.string()).isEqualTo("{}");
        }
        assertThat(api.getCall("dev-1").execute().body()).isEqualTo(new Device("dev-1"));
    }
}
