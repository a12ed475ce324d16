package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** What a generated client's builder gets from {@link ClientCredentialsAuth}. */
class ClientCredentialsAuthTest {
    private static final HttpUrl API = HttpUrl.get("https://api.mclabs.com/v1/");

    private static TokenManager install(ClientCredentialsAuth.Builder auth) {
        OkHttpClient base = new OkHttpClient();
        TokenManager tokens = auth.installInto(base.newBuilder(), base, API);
        assertThat(tokens).isNotNull();
        return tokens;
    }

    private static ClientCredentialsAuth.Builder microtekAuth() {
        return ClientCredentialsAuth.builder(
                        "microtekAuth", "https://idp.mclabs.com/connect/token", List.of("public-api"))
                .clientCredentials("client-1", "s3cr3t");
    }

    @Test
    void twoClientsGivenOneStoreShareOneToken() throws Exception {
        try (MicroTekStandIn microtek = new MicroTekStandIn("client-1", "s3cr3t", Duration.ofHours(1)).start()) {
            TokenStore store = TokenStore.inMemory(); // as RedisTokenStore.create(redisClient) would be, across JVMs
            List<AccessToken> tokens = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ClientCredentialsAuth.Builder auth = ClientCredentialsAuth.builder(
                                "microtekAuth", "/connect/token", List.of(MicroTekStandIn.SCOPE))
                        .clientCredentials("client-1", "s3cr3t")
                        .tokenStore(store);
                OkHttpClient base = new OkHttpClient();
                TokenManager manager = auth.installInto(base.newBuilder(), base, microtek.apiUrl());
                tokens.add(manager.token());
            }
            assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
            assertThat(microtek.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void singleActiveTokenTurnsOnDrainingBeforeRefresh() {
        assertThat(install(microtekAuth()).drainsBeforeRefresh()).isFalse();
        assertThat(install(microtekAuth().singleActiveToken(true)).drainsBeforeRefresh())
                .isTrue();
        assertThat(install(microtekAuth().singleActiveToken(true).singleActiveToken(false))
                        .drainsBeforeRefresh())
                .isFalse();
    }
}
