package dev.retrospec.runtime.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.auth.ClientCredentialsTokenProvider;
import dev.retrospec.runtime.auth.StoredToken;
import dev.retrospec.runtime.auth.TokenListener;
import dev.retrospec.runtime.auth.TokenManager;
import dev.retrospec.runtime.auth.TokenStore;
import dev.retrospec.runtime.auth.TokenStoreBinding;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store against a real redis-server and the strict stand-in, several managers in one JVM. */
class RedisTokenStoreTest {
    private static final String SECRET = "fleet-s3cr3t-Value";

    private final MicroTekStandIn microtek = new MicroTekStandIn("fleet-client", SECRET, Duration.ofHours(1));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RedisServer redis;
    private RedisClient client;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.started();
        microtek.start();
        client = RedisClient.create(redis.uri());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        client.shutdown();
        microtek.close();
        redis.stop();
    }

    private ClientCredentialsTokenProvider provider() {
        return ClientCredentialsTokenProvider.builder(microtek.tokenUrl(), "fleet-client", SECRET)
                .scopes(MicroTekStandIn.SCOPE)
                .build();
    }

    /** One instance of the service: its own store and connections, as in another process. */
    private TokenManager instance(TokenListener listener) {
        return instance(listener, Duration.ofMillis(200));
    }

    private TokenManager instance(TokenListener listener, Duration storeFallbackInterval) {
        RedisTokenStore store = RedisTokenStore.create(client);
        closing.add(store);
        return TokenManager.builder(provider())
                .store(store)
                .listener(listener)
                .storeFallbackInterval(storeFallbackInterval)
                .build();
    }

    private RedisTokenStore bound() {
        RedisTokenStore store = RedisTokenStore.create(client);
        closing.add(store);
        return store.bind(TokenStoreBinding.forClientCredentials(
                microtek.tokenUrl(), "fleet-client", List.of(MicroTekStandIn.SCOPE), SECRET));
    }

    @Test
    void theLeaseIsFencedOnRealRedisAndOnlyItsHolderReleasesIt() throws Exception {
        RedisTokenStore first = bound();
        RedisTokenStore second = bound();
        TokenStore.Lease stale = first.tryAcquireLease(Duration.ofMillis(200));
        assertThat(stale).isNotNull();
        assertThat(second.tryAcquireLease(Duration.ofSeconds(10))).isNull();
        second.releaseLease(new TokenStore.Lease(stale.owner() + "x", stale.fence())); // not its lease: no effect
        assertThat(second.tryAcquireLease(Duration.ofSeconds(10))).isNull();

        awaitTrue(() -> leaseGone(second)); // the holder stalled past its TTL
        TokenStore.Lease successor = second.tryAcquireLease(Duration.ofSeconds(10));
        assertThat(successor).isNotNull();
        assertThat(successor.fence()).isGreaterThan(stale.fence());
        assertThat(first.renewLease(stale, Duration.ofSeconds(10))).isFalse();
        StoredToken newer = new StoredToken(AccessToken.bearer("newer", null), null, successor.fence());
        assertThat(second.write(newer, successor)).isTrue();
        assertThat(first.write(new StoredToken(AccessToken.bearer("late", null), null, stale.fence()), stale))
                .isFalse();
        first.releaseLease(stale);
        assertThat(first.tryAcquireLease(Duration.ofSeconds(10))).isNull(); // still the successor's
        assertThat(first.read()).isEqualTo(newer);
    }

    @Test
    void aLeaseRedisForgotInARestartStillLetsItsHolderRenewAndWriteUnlessAHigherOneWasTakenSince() throws Exception {
        RedisTokenStore holder = bound();
        RedisTokenStore other = bound();
        TokenStore.Lease lease = holder.tryAcquireLease(Duration.ofSeconds(10));
        assertThat(lease).isNotNull();
        restartRedis(holder, other); // token, lease and fence counter gone

        assertThat(holder.renewLease(lease, Duration.ofSeconds(10)))
                .isTrue(); // nobody took one since: it holds it again
        assertThat(other.tryAcquireLease(Duration.ofSeconds(10))).isNull();
        StoredToken fetched = new StoredToken(AccessToken.bearer("fetched", null), null, lease.fence());
        assertThat(holder.write(fetched, lease)).isTrue();
        assertThat(other.read()).isEqualTo(fetched);
        holder.releaseLease(lease);

        TokenStore.Lease stale = holder.tryAcquireLease(Duration.ofSeconds(10));
        assertThat(stale).isNotNull();
        restartRedis(holder, other);
        TokenStore.Lease successor = other.tryAcquireLease(Duration.ofSeconds(10)); // the old one is forgotten
        assertThat(successor).isNotNull();
        assertThat(successor.fence()).isGreaterThan(stale.fence());
        other.releaseLease(successor); // no lease held now, but a higher fence was handed out since the stale one
        assertThat(holder.renewLease(stale, Duration.ofSeconds(10))).isFalse();
        assertThat(holder.write(new StoredToken(AccessToken.bearer("late", null), null, stale.fence()), stale))
                .isFalse();
        assertThat(other.read()).isNull();
    }

    @Test
    void aHolderWhoseRedisRestartedMidFetchWritesWhatItFetchedWhenRedisAnswersAndTheOthersTakeIt() throws Exception {
        TokenManager a = instance(TokenListener.NONE);
        TokenManager b = instance(TokenListener.NONE, Duration.ofSeconds(30));
        AccessToken token = a.token();
        assertThat(b.token()).isEqualTo(token);

        AtomicBoolean armed = new AtomicBoolean(true);
        microtek.beforeTokenAnswer(request -> {
            if (armed.getAndSet(false)) { // the holder's request: Redis restarts without its data meanwhile
                try {
                    redis.stop();
                    redis.start();
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        microtek.revokeCurrentToken();
        AccessToken fetched = a.tokenAfterRejection(token);

        RedisTokenStore reader = bound();
        awaitTrue(() -> fetched.equals(tokenIn(reader))); // written under the lease Redis forgot
        assertThat(b.tokenAfterRejection(token)).isEqualTo(fetched); // taken from Redis, not fetched again
        assertThat(microtek.tokenRequests()).isEqualTo(2);
    }

    /** Restarts Redis without its data and waits until each of {@code stores} reaches it again. */
    private void restartRedis(RedisTokenStore... stores) throws Exception {
        redis.stop();
        redis.start();
        for (RedisTokenStore store : stores) {
            awaitTrue(() -> {
                try {
                    store.read();
                    return true;
                } catch (IOException e) {
                    return false; // reconnecting
                }
            });
        }
    }

    private static @Nullable AccessToken tokenIn(RedisTokenStore store) {
        try {
            StoredToken stored = store.read();
            return stored == null ? null : stored.token();
        } catch (IOException e) {
            return null; // reconnecting
        }
    }

    private static boolean leaseGone(RedisTokenStore store) {
        try {
            TokenStore.Lease lease = store.tryAcquireLease(Duration.ofSeconds(10));
            if (lease != null) {
                store.releaseLease(lease);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void instancesShareOneTokenAndARejectedOneIsReplacedOncePerFleet() throws Exception {
        TokenManager a = instance(TokenListener.NONE);
        TokenManager b = instance(TokenListener.NONE);
        TokenManager c = instance(TokenListener.NONE);

        AccessToken token = a.token();
        assertThat(b.token()).isEqualTo(token);
        assertThat(c.token()).isEqualTo(token);
        assertThat(microtek.tokenRequests()).isEqualTo(1);

        microtek.revokeCurrentToken();
        AccessToken replacement = b.tokenAfterRejection(token);
        assertThat(a.tokenAfterRejection(token)).isEqualTo(replacement);
        assertThat(c.tokenAfterRejection(token)).isEqualTo(replacement);
        assertThat(microtek.tokenRequests()).isEqualTo(2);

        // The announcement reaches the others without a 401: their cached token is already the new one.
        microtek.revokeCurrentToken();
        AccessToken third = c.tokenAfterRejection(replacement);
        awaitTrue(() -> token(a).equals(third) && token(b).equals(third));
        assertThat(microtek.tokenRequests()).isEqualTo(3);
    }

    @Test
    void nothingInRedisIsATokenOrTheSecretInTheClear() throws Exception {
        TokenManager a = instance(TokenListener.NONE);
        AccessToken token = a.token();
        microtek.revokeCurrentToken();
        a.tokenAfterRejection(token);

        StringBuilder everything = new StringBuilder();
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            for (String key : raw.sync().keys("*")) {
                everything.append(key).append('\n');
                switch (raw.sync().type(key)) {
                    case "string" -> everything.append(raw.sync().get(key));
                    case "hash" -> everything.append(raw.sync().hgetall(key));
                    default -> everything.append(raw.sync().type(key));
                }
                everything.append('\n');
            }
        }
        assertThat(everything).contains("sealed").contains(":token");
        assertThat(everything.toString())
                .doesNotContain(SECRET)
                .doesNotContain("fleet-client")
                .doesNotContain(microtek.tokenUrl().toString());
        for (String issued : microtek.issuedTokens()) {
            assertThat(everything.toString()).doesNotContain(issued);
        }
        System.out.println("Redis holds, in full:\n" + everything);
    }

    @Test
    void redisDownMeansOneEventAndALocalFetchAndRedisBackMeansTheSharedTokenAgain() throws Exception {
        List<Object> events = new CopyOnWriteArrayList<>();
        TokenListener listener = new TokenListener() {
            @Override
            public void onStoreUnavailable(StoreUnavailable event) {
                events.add(event);
            }

            @Override
            public void onStoreAvailable(StoreAvailable event) {
                events.add(event);
            }
        };
        TokenManager a = instance(listener);
        AccessToken first = a.token();
        redis.stop();

        microtek.revokeCurrentToken();
        AccessToken local = a.tokenAfterRejection(first); // fetched alone
        microtek.revokeCurrentToken();
        AccessToken local2 = a.tokenAfterRejection(local);
        assertThat(local2).isNotEqualTo(local);
        assertThat(events).singleElement().isInstanceOf(TokenListener.StoreUnavailable.class);

        redis.start();
        // The store is consulted again at the next rejection (or refresh point): once Lettuce has reconnected, the
        // instance is back on the shared token, and says so once.
        awaitTrue(() -> {
            try {
                microtek.revokeCurrentToken();
                a.tokenAfterRejection(a.token());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return events.size() == 2;
        });
        assertThat(events.get(1)).isInstanceOf(TokenListener.StoreAvailable.class);
        TokenManager b = instance(TokenListener.NONE);
        int before = microtek.tokenRequests();
        assertThat(b.token()).isEqualTo(a.token()); // shared again: the newcomer takes it from Redis
        assertThat(microtek.tokenRequests()).isEqualTo(before);
    }

    private static AccessToken token(TokenManager tokens) {
        try {
            return tokens.token();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for something that happens on other threads; the bound only turns a hang into a failure. */
    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("condition not met within 30 s")
                    .isNegative();
            Thread.sleep(5);
        }
    }
}
