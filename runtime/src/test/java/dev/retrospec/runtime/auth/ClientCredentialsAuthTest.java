package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
    void singleActiveTokenTurnsOnDrainingBeforeRefresh() {
        assertThat(install(microtekAuth()).drainsBeforeRefresh()).isFalse();
        assertThat(install(microtekAuth().singleActiveToken(true)).drainsBeforeRefresh())
                .isTrue();
        assertThat(install(microtekAuth().singleActiveToken(true).singleActiveToken(false))
                        .drainsBeforeRefresh())
                .isFalse();
    }
}
