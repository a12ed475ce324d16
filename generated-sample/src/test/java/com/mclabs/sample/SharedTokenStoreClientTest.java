package com.mclabs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.mclabs.microtek.MicroTek;
import com.mclabs.microtek.api.DevicesApi.ListDevicesParams;
import com.mclabs.microtek.model.Device;
import dev.retrospec.runtime.auth.TokenStoreBinding;
import dev.retrospec.runtime.redis.RedisServer;
import dev.retrospec.runtime.redis.RedisTokenStore;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/**
 * Generated clients of one fleet (three instances, each with its own HTTP client and Redis connection, as separate
 * services would have) given the same {@code tokenStore}: one token for all of them, against the stand-in that keeps
 * one active token per client, and the description's one-active-token policy on without being asked for.
 */
class SharedTokenStoreClientTest {
    private static final String CLIENT_ID = "fleet-client";
    private static final String SECRET = "fleet-s3cr3t-of-enough-bytes";

    private final MicroTekStandIn microtek = new MicroTekStandIn(CLIENT_ID, SECRET, Duration.ofHours(1));
    private final List<RedisClient> redisClients = new ArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.started();
        microtek.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        redisClients.forEach(RedisClient::shutdown);
        microtek.close();
        redis.stop();
    }

    private MicroTek instance() {
        OkHttpClient http = new OkHttpClient();
        RedisClient redisClient = RedisClient.create(redis.uri());
        redisClients.add(redisClient);
        IdentityTokenProvider identity = new IdentityTokenProvider(
                microtek.tokenUrl().resolve("/").toString(), http, CLIENT_ID, SECRET, MicroTek.MICROTEK_AUTH_SCOPES);
        return MicroTek.builder()
                .baseUrl(microtek.apiUrl().toString())
                .okHttpClient(http)
                .tokenProvider(identity)
                // A token provider of one's own: the store is bound to its credentials by hand.
                .tokenStore(RedisTokenStore.create(redisClient)
                        .bind(TokenStoreBinding.of(CLIENT_ID, SECRET.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    @Test
    void everyInstanceOfTheFleetUsesTheOneTokenOneOfThemFetched() throws Exception {
        List<MicroTek> fleet = List.of(instance(), instance(), instance());
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<Response<List<Device>>>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                MicroTek client = fleet.get(i % fleet.size());
                calls.add(threads.submit(() -> client.devices()
                        .listDevices(ListDevicesParams.builder().build())
                        .execute()));
            }
            for (Future<Response<List<Device>>> call : calls) {
                assertThat(call.get().code()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(microtek.tokenRequests()).isEqualTo(1);
        assertThat(microtek.maxTokenRequestsInFlight()).isEqualTo(1);
        assertThat(microtek.rejectedRequests()).isZero();
        assertThat(microtek.exchanges())
                .filteredOn(exchange -> exchange.path().startsWith("/v1/"))
                .hasSize(60)
                .extracting(MicroTekStandIn.Exchange::authorization)
                .containsOnly("Bearer " + microtek.issuedTokens().get(0));
    }
}
