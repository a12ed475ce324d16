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

        AccessToken first = tokens.token();
        microtek.revokeCurrentToken();
        AccessToken second = tokens.tokenAfterRejection(first); // at most one request per 5 s without the store
        assertThat(second).isNotEqualTo(first);
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(5));
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

    /** A store that is down while {@link #down} is set: a fault a real in-memory store cannot show. */
    private static final class FlakyStore extends CountingStore {
        final AtomicBoolean down = new AtomicBoolean();

        FlakyStore(TokenStore delegate) {
            super(delegate);
        }

        @Override
        void call() throws IOException {
            super.call();
            if (down.get()) {
                throw new ConnectException("Connection refused (store down)");
            }
        }
    }
}
