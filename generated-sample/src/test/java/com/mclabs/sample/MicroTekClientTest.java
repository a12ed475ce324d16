package com.mclabs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.mclabs.microtek.MicroTek;
import com.mclabs.microtek.api.DevicesApi.ListDevicesParams;
import com.mclabs.microtek.model.Device;
import com.mclabs.microtek.model.DeviceStatus;
import com.mclabs.microtek.model.NewDevice;
import com.mclabs.microtek.model.Problem;
import dev.retrospec.runtime.Omittable;
import dev.retrospec.runtime.OpenEnum;
import dev.retrospec.runtime.Pages;
import dev.retrospec.runtime.RetryPolicy;
import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.auth.TokenManager;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/** The generated MicroTek client against the strict stand-in: only the newest token is valid. */
class MicroTekClientTest {
    private static final String CLIENT_ID = "sample-client";
    private static final String SECRET = "sample-s3cr3t";

    private final MicroTekStandIn microtek = new MicroTekStandIn(CLIENT_ID, SECRET, Duration.ofHours(1));
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws IOException {
        microtek.start();
    }

    @AfterEach
    void stop() {
        microtek.close();
    }

    private IdentityTokenProvider identity() {
        return new IdentityTokenProvider(
                microtek.tokenUrl().resolve("/").toString(), http, CLIENT_ID, SECRET, MicroTek.MICROTEK_AUTH_SCOPES);
    }

    private MicroTek client() {
        return MicroTek.builder()
                .baseUrl(microtek.apiUrl().toString())
                .okHttpClient(http)
                .moshi(ReflectionFree.moshi())
                .tokenProvider(identity())
                .build();
    }

    @Test
    void aTypedCallWorks() throws IOException {
        Response<List<Device>> response =
                client().devices().listDevices(null, null, null, null, "req-1").execute();

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body())
                .containsExactly(
                        new Device(
                                "dev-1",
                                "Boiler sensor",
                                OpenEnum.of(DeviceStatus.ONLINE),
                                "1.9.0",
                                "Plant 1, hall B",
                                OffsetDateTime.of(2026, 1, 15, 8, 30, 0, 0, ZoneOffset.UTC),
                                null),
                        new Device(
                                "dev-2",
                                "Gate camera",
                                OpenEnum.of(DeviceStatus.OFFLINE),
                                null,
                                null,
                                OffsetDateTime.of(2026, 3, 2, 17, 45, 10, 0, ZoneOffset.ofHours(1)),
                                null));
        assertThat(microtek.tokenRequests()).isEqualTo(1);
        MicroTekStandIn.Exchange call =
                microtek.exchanges().get(microtek.exchanges().size() - 1);
        assertThat(call.authorization())
                .isEqualTo("Bearer " + microtek.issuedTokens().get(0));
    }

    @Test
    void aJsonBodyAndEnumQueryGoOutAsTheDescriptionSays() throws IOException {
        MicroTek client = client();
        Device added = client.devices()
                .registerDevice(new NewDevice("Flow meter", null, Omittable.absent()), null, null)
                .execute()
                .body();
        assertThat(added).isNotNull();
        assertThat(added.name()).isEqualTo("Flow meter");
        assertThat(added.status().is(DeviceStatus.OFFLINE)).isTrue();

        List<Device> online = client.devices()
                .listDevices(
                        ListDevicesParams.builder().status(DeviceStatus.ONLINE).build())
                .execute()
                .body();
        assertThat(online).extracting(Device::id).containsExactly("dev-1");
    }

    @Test
    void anOptionalNullableLocationIsSentAbsentNullOrSetAsTheCallerSays() throws Exception {
        try (MockWebServer api = new MockWebServer()) {
            String device =
                    "{\"id\":\"d\",\"name\":\"m\",\"status\":\"offline\",\"location\":null,\"registeredAt\":\"2026-01-15T08:30:00Z\"}";
            for (int i = 0; i < 3; i++) {
                api.enqueue(new MockResponse.Builder()
                        .code(201)
                        .setHeader("Content-Type", "application/json")
                        .body(device)
                        .build());
            }
            api.start();
            MicroTek client = MicroTek.builder()
                    .baseUrl(api.url("/v1/").toString())
                    .tokenProvider(() -> AccessToken.bearer("t", Duration.ofHours(1)))
                    .build();

            for (Omittable<String> location :
                    List.of(Omittable.<String>absent(), Omittable.<String>ofNull(), Omittable.of("hall B"))) {
                client.devices()
                        .registerDevice(new NewDevice("m", null, location), null, null)
                        .execute();
            }

            assertThat(api.takeRequest().getBody().utf8()).isEqualTo("{\"name\":\"m\"}");
            assertThat(api.takeRequest().getBody().utf8()).isEqualTo("{\"name\":\"m\",\"location\":null}");
            assertThat(api.takeRequest().getBody().utf8()).isEqualTo("{\"name\":\"m\",\"location\":\"hall B\"}");
        }
    }

    @Test
    void everyDeviceComesPageByPageThroughTheLinkHeader() throws IOException {
        MicroTek client = client();
        for (int i = 0; i < 3; i++) {
            client.devices()
                    .registerDevice(new NewDevice("extra " + i, null, Omittable.absent()), null, null)
                    .execute();
        }
        List<Device> all = client.devices()
                .listDevices(null, null, 100, null, null)
                .execute()
                .body();

        List<String> paged = new ArrayList<>();
        Pages<List<Device>, Device> pages = client.pages(client.devices().listDevices(null, null, 2, null, null));
        pages.forEach(device -> paged.add(device.id()));
        int responses = 0;
        for (Response<List<Device>> page : pages.pages()) {
            responses++;
            assertThat(page.body()).hasSizeLessThanOrEqualTo(2);
        }

        assertThat(all).hasSizeGreaterThan(4);
        assertThat(paged).containsExactlyElementsOf(all.stream().map(Device::id).toList());
        assertThat(responses).isEqualTo((all.size() + 1) / 2);
    }

    @Test
    void aRegistrationRetriedAfterA503KeepsItsIdempotencyKeyAndRegistersOnce() throws IOException {
        AtomicLong refused = new AtomicLong();
        List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
        microtek.afterAnswer((request, answer) -> {
            if (!request.getMethod().equals("POST")) {
                return answer;
            }
            keys.add(request.getHeaders().get("Idempotency-Key"));
            // The first attempt registers, and its answer is lost on the way back, as behind a failing gateway.
            return refused.getAndIncrement() == 0
                    ? new MockResponse.Builder().code(503).build()
                    : answer;
        });
        MicroTek client = MicroTek.builder()
                .baseUrl(microtek.apiUrl().toString())
                .okHttpClient(http)
                .tokenProvider(identity())
                .retries(RetryPolicy.defaults()
                        .newBuilder()
                        .baseDelay(Duration.ofMillis(1))
                        .build())
                .build();
        int before = client.devices()
                .listDevices(null, null, 100, null, null)
                .execute()
                .body()
                .size();

        Device added = client.devices()
                .registerDevice(new NewDevice("Retried", null, Omittable.absent()), null, null)
                .execute()
                .body();

        assertThat(added.name()).isEqualTo("Retried");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).isNotBlank().isEqualTo(keys.get(1));
        assertThat(client.devices()
                        .listDevices(null, null, 100, null, null)
                        .execute()
                        .body())
                .hasSize(before + 1);
    }

    @Test
    void fiftyConcurrentFirstCallsCauseExactlyOneTokenRequest() throws Exception {
        MicroTek client = client();
        microtek.beforeTokenAnswer(request -> pause(200));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return client.devices().getDevice("dev-1").execute().code();
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(microtek.tokenRequests()).isEqualTo(1);
        assertThat(microtek.rejectedRequests()).isZero();
    }

    @Test
    void afterExpiryExactlyOneNewToken() throws IOException {
        AtomicLong now = new AtomicLong();
        TokenManager tokens = TokenManager.builder(identity())
                .ticker(now::get)
                .refreshMargin(Duration.ofSeconds(60))
                .build();
        MicroTek client = MicroTek.builder()
                .baseUrl(microtek.apiUrl().toString())
                .tokenManager(tokens)
                .build();

        assertThat(client.devices().getDevice("dev-1").execute().code()).isEqualTo(200);
        now.addAndGet(Duration.ofMinutes(59).toNanos()); // expires_in 3600 s minus the 60 s margin
        for (int i = 0; i < 5; i++) {
            assertThat(client.devices().getDevice("dev-1").execute().code()).isEqualTo(200);
        }

        assertThat(microtek.tokenRequests()).isEqualTo(2);
        assertThat(microtek.rejectedRequests()).isZero();
    }

    @Test
    void aTokenInvalidatedOnTheServerCostsOneRefreshAndTheCallSucceeds() throws IOException {
        MicroTek client = client();
        assertThat(client.devices().getDevice("dev-1").execute().code()).isEqualTo(200);

        microtek.revokeCurrentToken();
        Response<Device> response = client.devices().getDevice("dev-2").execute();

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().id()).isEqualTo("dev-2");
        assertThat(microtek.tokenRequests()).isEqualTo(2);
        assertThat(microtek.rejectedRequests()).isEqualTo(1);
    }

    @Test
    void thePublicOperationSendsNoAuthorizationHeader() throws IOException {
        MicroTek client = client();
        client.devices().getDevice("dev-1").execute(); // a token exists now; it must still stay home

        assertThat(client.status().getStatus().execute().body().status()).isEqualTo("ok");

        MicroTekStandIn.Exchange status = microtek.exchanges().stream()
                .filter(e -> e.path().equals("/v1/status"))
                .findFirst()
                .orElseThrow();
        assertThat(status.authorization()).isNull();
    }

    @Test
    void aTypedErrorBodyIsReadable() throws IOException {
        MicroTek client = client();
        Response<Device> response = client.devices().getDevice("dev-404").execute();

        assertThat(response.code()).isEqualTo(404);
        Problem problem = client.errorBody(response, Problem.class);
        assertThat(problem).isEqualTo(new Problem("device_not_found", "no device 'dev-404'", null));
    }

    @Test
    void theIdentityProviderMapsTheSeedsErrorsToTypedExceptions() {
        IdentityTokenProvider wrong = new IdentityTokenProvider(
                microtek.tokenUrl().resolve("/").toString(),
                http,
                CLIENT_ID,
                "not-the-secret",
                MicroTek.MICROTEK_AUTH_SCOPES);

        org.assertj.core.api.Assertions.assertThatThrownBy(wrong::fetchToken)
                .isInstanceOfSatisfying(dev.retrospec.runtime.auth.TokenEndpointException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_client");
                    assertThat(e.errorDescription()).isEqualTo("client authentication failed");
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void tokensFromTheGeneratedIdentityClientAreBearerTokensWithTheirLifetime() throws IOException {
        AccessToken token = identity().fetchToken();
        assertThat(token.expiresIn()).isEqualTo(Duration.ofHours(1));
        assertThat(token.value()).isEqualTo(microtek.issuedTokens().get(0));
    }

    @Test
    void anEnumValueThisClientDoesNotKnowIsReadAndSentBackUnchanged() throws IOException {
        com.squareup.moshi.JsonAdapter<Device> json =
                MicroTek.moshiBuilder().build().adapter(Device.class);
        String wire = "{\"id\":\"dev-9\",\"name\":\"Old pump\",\"status\":\"retired\",\"location\":null,"
                + "\"registeredAt\":\"2020-05-01T12:00:00Z\"}";

        Device device = json.fromJson(wire);

        assertThat(device.status().value()).isEqualTo("retired");
        assertThat(device.status().known()).isNull();
        assertThat(device.status().isKnown()).isFalse();
        assertThat(device.status()).isEqualTo(OpenEnum.of(DeviceStatus.class, "retired"));
        assertThat(OpenEnum.of(DeviceStatus.class, "online")).isSameAs(OpenEnum.of(DeviceStatus.ONLINE));
        assertThat(OpenEnum.of(DeviceStatus.class, "online").known()).isEqualTo(DeviceStatus.ONLINE);
        assertThat(json.toJson(device)).contains("\"status\":\"retired\"");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
