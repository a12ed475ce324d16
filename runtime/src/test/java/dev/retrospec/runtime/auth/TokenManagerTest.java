package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenManagerTest {
    private final MicroTekStandIn microtek = new MicroTekStandIn("client-1", "s3cr3t", Duration.ofHours(1));
    private final FakeTicker ticker = new FakeTicker();

    @BeforeEach
    void start() throws IOException {
        microtek.start();
    }

    @AfterEach
    void stop() {
        microtek.close();
    }

    private ClientCredentialsTokenProvider provider() {
        return ClientCredentialsTokenProvider.builder(microtek.tokenUrl(), "client-1", "s3cr3t")
                .scopes(MicroTekStandIn.SCOPE)
                .httpClient(new OkHttpClient())
                .build();
    }

    @Test
    void fiftyColdCallersCauseOneTokenRequestAndShareTheToken() throws Exception {
        TokenManager tokens = TokenManager.builder(provider()).build();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch calling = new CountDownLatch(50);
        // Keep the token request open until every caller has asked; one that is slower to reach token() than the
        // answer is to arrive gets the cached token, so the outcome does not depend on scheduling.
        microtek.beforeTokenAnswer(r -> await(calling));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    calling.countDown();
                    return tokens.token();
                }));
            }
            go.countDown();
            Set<AccessToken> distinct = ConcurrentHashMap.newKeySet();
            for (Future<AccessToken> result : results) {
                distinct.add(result.get());
            }
            assertThat(microtek.tokenRequests()).isEqualTo(1);
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refreshesExactlyAtExpiresInMinusMarginOnTheTicker() throws Exception {
        TokenManager tokens = TokenManager.builder(provider())
                .ticker(ticker)
                .refreshMargin(Duration.ofSeconds(60))
                .build();
        AccessToken first = tokens.token();
        assertThat(first.expiresIn()).isEqualTo(Duration.ofHours(1));

        ticker.advance(Duration.ofSeconds(3600 - 60).minusMillis(1));
        assertThat(tokens.token()).isSameAs(first);
        assertThat(microtek.tokenRequests()).isEqualTo(1);

        ticker.advance(Duration.ofMillis(1));
        AccessToken second = tokens.token();
        assertThat(second).isNotEqualTo(first);
        assertThat(tokens.token()).isSameAs(second);
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    @Test
    void rejectionOfTheCurrentTokenFetchesOnceAndOfAnOldTokenNotAtAll() throws Exception {
        TokenManager tokens = TokenManager.builder(provider()).build();
        AccessToken first = tokens.token();

        AccessToken second = tokens.tokenAfterRejection(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(microtek.tokenRequests()).isEqualTo(2);

        // A slower request that also carried `first` reports it late: it gets the current token, no new fetch.
        assertThat(tokens.tokenAfterRejection(first)).isSameAs(second);
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aFailedFetchReachesEveryWaiterAndTheNextCallTriesAfterTheBackoff() throws Exception {
        TokenManager tokens = TokenManager.builder(
                        ClientCredentialsTokenProvider.builder(microtek.tokenUrl(), "client-1", "wrong")
                                .scopes(MicroTekStandIn.SCOPE)
                                .build())
                .ticker(ticker)
                .clientErrorBackoff(Duration.ofSeconds(10))
                .build();
        CountDownLatch calling = new CountDownLatch(10);
        microtek.beforeTokenAnswer(r -> await(calling));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Throwable>> failures = new ArrayList<>();
            Callable<Throwable> call = () -> {
                calling.countDown();
                try {
                    tokens.token();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            };
            for (int i = 0; i < 10; i++) {
                failures.add(pool.submit(call));
            }
            // Waiters of the request and callers after it (within the backoff) get the very same exception.
            Set<Throwable> distinct = ConcurrentHashMap.newKeySet();
            for (Future<Throwable> failure : failures) {
                distinct.add(failure.get());
            }
            assertThat(distinct).hasSize(1);
            assertThat(distinct.iterator().next())
                    .isInstanceOf(TokenEndpointException.class)
                    .hasMessage("token endpoint " + microtek.tokenUrl() + " answered HTTP 401: invalid_client"
                            + " (client authentication failed)");
            assertThat(microtek.tokenRequests()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        ticker.advance(Duration.ofSeconds(10));
        assertThatThrownBy(tokens::token).isInstanceOf(TokenEndpointException.class);
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
