package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link TokenStore} contract, with managers sharing one in-memory store the way instances share Redis: the
 * cached path never calls the store, a token is fetched once and adopted by the others, a rejected token is replaced
 * once, the lease is fenced, and an unreachable store means a bounded local fallback and an automatic return.
 */
class SharedTokenStoreTest {
    private final MicroTekStandIn microtek = new MicroTekStandIn("client-1", "s3cr3t", Duration.ofHours(1));
    private final FakeTicker ticker = new FakeTicker();
    private final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T12:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        microtek.start();
    }

    @AfterEach
    void stop() {
        microtek.close();
    }

    private TokenManager.Builder manager(TokenStore store) {
        return TokenManager.builder(StandInClients.provider(microtek, "client-1", "s3cr3t"))
                .store(store)
                .ticker(ticker)
                .sleeper(ticker)
                .clock(clock)
                .clockSkew(Duration.ofSeconds(2));
    }

    @Test
    void theCachedTokenPathMakesNoStoreCall() throws IOException {
        CountingStore store = new CountingStore(TokenStore.inMemory());
        TokenManager tokens = manager(store).build();
        AccessToken token = tokens.token();
        int calls = store.calls.get();
        assertThat(calls).isPositive();

        for (int i = 0; i < 10_000; i++) {
            assertThat(tokens.token()).isSameAs(token);
        }
        ticker.advance(Duration.ofMinutes(58).plusSeconds(59)); // just before the refresh point
        assertThat(tokens.token()).isSameAs(token);

        assertThat(store.calls).hasValue(calls);
    }

    @Test
    void instancesSharingAStoreFetchOnceAndTakeEachOthersTokens() throws IOException {
        TokenStore store = TokenStore.inMemory();
        TokenManager first = manager(store).build();
        TokenManager second = manager(store).build();

        AccessToken token = first.token();
        assertThat(second.token()).isEqualTo(token);
        assertThat(microtek.tokenRequests()).isEqualTo(1);

        // At the refresh point (the same for both: the second allows 2 s of skew, so it gets there first) one fetches
        // and announces; the other switches to the announced token without asking anybody.
        ticker.advance(Duration.ofMinutes(59).minusSeconds(2));
        AccessToken refreshed = second.token();
        assertThat(refreshed).isNotEqualTo(token);
        assertThat(first.token()).isEqualTo(refreshed);
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRejectedTokenIsReplacedOncePerFleet() throws IOException {
        TokenStore store = TokenStore.inMemory();
        TokenManager first = manager(store).build();
        TokenManager second = manager(store).build();
        AccessToken token = first.token();
        assertThat(second.token()).isEqualTo(token);

        microtek.revokeCurrentToken();
        AccessToken replacement = first.tokenAfterRejection(token);
        assertThat(second.tokenAfterRejection(token)).isEqualTo(replacement);

        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    @Test
    void theLeaseIsFencedAndOnlyItsHolderReleasesIt() {
        InMemoryTokenStore store = new InMemoryTokenStore(ticker);
        TokenStore.Lease stale = store.tryAcquireLease(Duration.ofSeconds(10));
        assertThat(stale).isNotNull();
        assertThat(store.tryAcquireLease(Duration.ofSeconds(10))).isNull();

        ticker.advance(Duration.ofSeconds(10)); // the holder stalled: its lease ran out
        TokenStore.Lease successor = store.tryAcquireLease(Duration.ofSeconds(10));
        assertThat(successor).isNotNull();
        assertThat(successor.fence()).isGreaterThan(stale.fence());
        assertThat(store.renewLease(stale, Duration.ofSeconds(10))).isFalse();
        StoredToken newer = new StoredToken(AccessToken.bearer("newer", null), null, successor.fence());
        assertThat(store.write(newer, successor)).isTrue();

        StoredToken late = new StoredToken(AccessToken.bearer("late", null), null, stale.fence());
        assertThat(store.write(late, stale)).isFalse();
        store.releaseLease(stale); // not the stale holder's to release any more
        assertThat(store.tryAcquireLease(Duration.ofSeconds(10))).isNull();
        assertThat(store.read()).isEqualTo(newer);
    }

    @Test
    void anUnreachableStoreMeansOneEventAndABoundedLocalFallbackAndTheStoreIsUsedAgainWhenItAnswers()
            throws IOException {
        FlakyStore store = new FlakyStore(TokenStore.inMemory());
        RecordingListener listener = new RecordingListener();
        TokenManager tokens = manager(store)
                .listener(listener)
                .storeFallbackInterval(Duration.ofSeconds(5))
                .build();
        store.down.set(true);

        AccessToken first = tokens.token(); // no token at all: fetched alone at once
        microtek.revokeCurrentToken();
        // At most one request per 5 s without the store, counted from when it was found down; checked meanwhile.
        AccessToken second = tokens.tokenAfterRejection(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(ticker.sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(100)));
        assertThat(total(ticker.sleeps)).isEqualTo(Duration.ofSeconds(5));
        assertThat(microtek.tokenRequests()).isEqualTo(2);
        assertThat(listener.of(TokenListener.StoreUnavailable.class))
                .singleElement()
                .isEqualTo(new TokenListener.StoreUnavailable(
                        store.toString(), "ConnectException: Connection refused (store down)"));

        store.down.set(false);
        microtek.revokeCurrentToken();
        AccessToken third = tokens.tokenAfterRejection(second);
        assertThat(store.delegate.read())
                .isNotNull()
                .extracting(StoredToken::token)
                .isEqualTo(third);
        assertThat(listener.of(TokenListener.StoreAvailable.class)).hasSize(1);
        assertThat(listener.of(TokenListener.StoreUnavailable.class)).hasSize(1);
    }

    @Test
    void aTokenStillGoodAtItsRefreshPointIsKeptThroughAnOutageAndReplacedOnceThroughTheStoreWhenItAnswers()
            throws Exception {
        FlakyStore store = new FlakyStore(TokenStore.inMemory());
        RecordingListener listener = new RecordingListener();
        TokenManager first = manager(store).listener(listener).build();
        TokenManager second = manager(store).build();
        AccessToken token = first.token();
        assertThat(second.token()).isEqualTo(token);

        // Past both refresh points (59:00 and, 2 s of skew earlier, 58:58): with one active token per client, a token
        // fetched alone now would log out every other instance, and this one is good for another minute.
        store.down.set(true);
        ticker.advance(Duration.ofMinutes(59));
        assertThat(first.token()).isEqualTo(token);
        assertThat(second.token()).isEqualTo(token);
        ticker.advance(Duration.ofSeconds(25)); // kept until half the margin is left: 59:30 and 59:28
        assertThat(first.token()).isEqualTo(token);
        assertThat(second.token()).isEqualTo(token);
        assertThat(microtek.tokenRequests()).isEqualTo(1);
        assertThat(ticker.sleeps).isEmpty(); // nobody waited: the token was kept, not awaited
        assertThat(listener.of(TokenListener.StoreUnavailable.class)).hasSize(1);

        // The store answers: one fetch under the lease (by whichever instance gets there first: its check of the store
        // in the background, or the end of its hold), and the other takes it from the store.
        store.down.set(false);
        ticker.advance(Duration.ofSeconds(6));
        AccessToken replaced = second.token();
        assertThat(replaced).isNotEqualTo(token);
        assertThat(first.token()).isEqualTo(replaced);
        assertThat(microtek.tokenRequests()).isEqualTo(2);
        assertThat(listener.of(TokenListener.StoreAvailable.class)).hasSize(1);
    }

    @Test
    void aTokenKeptThroughAnOutageIsFetchedAloneOnlyWhenHalfItsMarginIsLeft() throws IOException {
        FlakyStore store = new FlakyStore(TokenStore.inMemory());
        TokenManager tokens =
                manager(store).storeFallbackInterval(Duration.ofSeconds(5)).build();
        AccessToken token = tokens.token();
        store.down.set(true);
        ticker.advance(Duration.ofMinutes(59));
        assertThat(tokens.token()).isEqualTo(token); // found down at 59:00, kept
        ticker.advance(Duration.ofSeconds(30)); // 59:30: the store is still down, and 30 s is what is left to fetch
        AccessToken alone = tokens.token();
        assertThat(alone).isNotEqualTo(token);
        assertThat(microtek.tokenRequests()).isEqualTo(2);
        assertThat(ticker.sleeps).isEmpty(); // the fallback interval since 59:00 had passed: no wait
    }

    @Test
    void aRejectedTokenWaitsForTheStoreAndTakesTheSharedRouteWhenItAnswersWithinTheFallbackInterval()
            throws IOException {
        FlakyStore store = new FlakyStore(TokenStore.inMemory());
        TokenManager first =
                manager(store).storeFallbackInterval(Duration.ofSeconds(5)).build();
        TokenManager second = manager(store).build();
        AccessToken token = first.token();
        assertThat(second.token()).isEqualTo(token);

        store.failNext.set(10); // found down, nine failed checks a poll interval apart, the tenth answers
        microtek.revokeCurrentToken();
        AccessToken replacement = first.tokenAfterRejection(token);
        assertThat(ticker.sleeps).hasSize(10);
        assertThat(total(ticker.sleeps)).isEqualTo(Duration.ofSeconds(1));
        assertThat(replacement).isNotEqualTo(token);
        assertThat(second.tokenAfterRejection(token)).isEqualTo(replacement); // shared: fetched under the lease
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aTokenFetchedUnderTheLeaseWhileTheStoreWentDownIsWrittenWhenItAnswers() throws Exception {
        FlakyStore store = new FlakyStore(TokenStore.inMemory());
        TokenManager first = manager(store).build();
        TokenManager second = manager(store).build();
        AccessToken token = first.token();
        assertThat(second.token()).isEqualTo(token);

        microtek.beforeTokenAnswer(request -> store.down.set(true)); // down while the holder fetches
        microtek.revokeCurrentToken();
        AccessToken fetched = first.tokenAfterRejection(token);
        microtek.beforeTokenAnswer(request -> {});
        assertThat(store.delegate.read()).extracting(StoredToken::token).isEqualTo(token); // not written yet

        store.down.set(false);
        awaitTrue(() -> fetched.equals(tokenIn(store.delegate)));
        awaitTrue(() -> leaseFree(store.delegate)); // then given back (this ticker never lets it run out by itself)
        assertThat(second.tokenAfterRejection(token)).isEqualTo(fetched); // from the store: no second fetch
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    private static boolean leaseFree(TokenStore store) {
        try {
            TokenStore.Lease lease = store.tryAcquireLease(Duration.ofSeconds(10));
            if (lease != null) {
                store.releaseLease(lease);
            }
            return lease != null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static @Nullable AccessToken tokenIn(TokenStore store) {
        try {
            StoredToken stored = store.read();
            return stored == null ? null : stored.token();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Duration total(List<Duration> durations) {
        return durations.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** Waits for what a background task of the manager does; the bound only turns a hang into a failure. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("condition not met within 30 s")
                    .isNegative();
            Thread.sleep(5);
        }
    }

    @Test
    void sealedTokensOpenOnlyWithTheSameSecretAndShowNothing() throws IOException {
        HttpUrl url = HttpUrl.get("https://idp.mclabs.com/connect/token");
        TokenStoreBinding binding =
                TokenStoreBinding.forClientCredentials(url, "client-1", List.of("public-api"), "s3cr3t");
        StoredToken token = new StoredToken(
                AccessToken.bearer("mt_secret-token-value", Duration.ofHours(1), "public-api"),
                Instant.parse("2026-06-01T13:00:00Z"),
                7);

        byte[] sealed = binding.seal(token);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain("mt_secret-token-value")
                .doesNotContain("s3cr3t");
        assertThat(binding.unseal(sealed, 7)).isEqualTo(token);
        assertThat(TokenStoreBinding.forClientCredentials(url, "client-1", List.of("public-api"), "s3cr3t")
                        .namespace())
                .isEqualTo(binding.namespace())
                .hasSize(64);
        assertThat(TokenStoreBinding.forClientCredentials(url, "client-2", List.of("public-api"), "s3cr3t")
                        .namespace())
                .isNotEqualTo(binding.namespace());

        TokenStoreBinding otherSecret =
                TokenStoreBinding.forClientCredentials(url, "client-1", List.of("public-api"), "other");
        assertThatThrownBy(() -> otherSecret.unseal(sealed, 7))
                .isInstanceOf(IOException.class)
                .hasMessage("stored token of version 7 cannot be opened: sealed with another client secret, or"
                        + " altered");
        assertThatThrownBy(() -> binding.unseal(sealed, 8)) // replayed under another version
                .hasMessage("stored token of version 8 cannot be opened: sealed with another client secret, or"
                        + " altered");
        assertThat(binding.toString()).isEqualTo("TokenStoreBinding[namespace=" + binding.namespace() + "]");
    }

    @Test
    void aSharedStoreWithAProviderOfYourOwnMustBeBound() {
        TokenStore unbound = new CountingStore(TokenStore.inMemory()) {
            @Override
            public boolean needsBinding() {
                return true;
            }
        };
        assertThatThrownBy(() -> TokenManager.builder(() -> AccessToken.bearer("t", null))
                        .store(unbound)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a shared TokenStore must know which token it holds and how to seal it: with a"
                        + " TokenProvider of your own, bind it first, store.bind(TokenStoreBinding.of(name,"
                        + " keyMaterial))");
    }

    /** Counts calls, to prove which paths make none. */
    private static class CountingStore implements TokenStore {
        final TokenStore delegate;
        final AtomicInteger calls = new AtomicInteger();

        CountingStore(TokenStore delegate) {
            this.delegate = delegate;
        }

        void call() throws IOException {
            calls.incrementAndGet();
        }

        @Override
        public @Nullable StoredToken read() throws IOException {
            call();
            return delegate.read();
        }

        @Override
        public @Nullable Lease tryAcquireLease(Duration ttl) throws IOException {
            call();
            return delegate.tryAcquireLease(ttl);
        }

        @Override
        public boolean renewLease(Lease lease, Duration ttl) throws IOException {
            call();
            return delegate.renewLease(lease, ttl);
        }

        @Override
        public boolean write(StoredToken token, Lease lease) throws IOException {
            call();
            return delegate.write(token, lease);
        }

        @Override
        public void releaseLease(Lease lease) throws IOException {
            call();
            delegate.releaseLease(lease);
        }

        @Override
        public String toString() {
            return "TestStore";
        }
    }

    /**
     * A store that is down while {@link #down} is set, or for the next {@link #failNext} calls: a fault a real
     * in-memory store cannot show.
     */
    private static final class FlakyStore extends CountingStore {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger failNext = new AtomicInteger();

        FlakyStore(TokenStore delegate) {
            super(delegate);
        }

        @Override
        void call() throws IOException {
            super.call();
            if (down.get() || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ConnectException("Connection refused (store down)");
            }
        }

        @Override
        public void subscribe(Events events) {
            delegate.subscribe(events);
        }
    }
}
