package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.Test;

class TokenHttpTest {
    @Test
    void theTokenClientSharesTransportButNothingThatCouldLeakOrRepeatASecret() {
        ConnectionPool pool = new ConnectionPool();
        Dispatcher dispatcher = new Dispatcher();
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp", 3128));
        OkHttpClient user = new OkHttpClient.Builder()
                .connectionPool(pool)
                .dispatcher(dispatcher)
                .proxy(proxy)
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(7))
                .addInterceptor(new HttpLoggingInterceptor().setLevel(HttpLoggingInterceptor.Level.BODY))
                .addNetworkInterceptor(chain -> chain.proceed(chain.request()))
                .authenticator((route, response) -> null)
                .build();

        OkHttpClient token = TokenHttp.derive(user);

        assertThat(token.connectionPool()).isSameAs(pool);
        assertThat(token.dispatcher()).isSameAs(dispatcher);
        assertThat(token.proxy()).isSameAs(proxy);
        assertThat(token.sslSocketFactory()).isSameAs(user.sslSocketFactory());
        assertThat(token.connectTimeoutMillis()).isEqualTo(3_000);
        assertThat(token.readTimeoutMillis()).isEqualTo(7_000);
        assertThat(token.callTimeoutMillis()).isEqualTo(30_000); // the user had none: a hung endpoint must not hang us
        assertThat(token.interceptors()).isEmpty();
        assertThat(token.networkInterceptors()).isEmpty();
        assertThat(token.authenticator()).isSameAs(Authenticator.NONE);
        assertThat(token.followRedirects()).isFalse();
        assertThat(token.retryOnConnectionFailure()).isFalse();
        assertThat(token.cache()).isNull();
    }
}
