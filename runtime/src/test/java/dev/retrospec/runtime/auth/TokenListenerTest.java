package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.runtime.auth.TokenListener.Reason;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acquisitions, failures and invalidations are heard with reasons and durations, never with the token. */
class TokenListenerTest {
    @Test
    void everyLifecycleEventIsHeardWithItsReason() throws Exception {
        RecordingListener listener = new RecordingListener();
        List<Object> events = listener.events;
        FakeTicker ticker = new FakeTicker();
        try (MicroTekStandIn microtek = new MicroTekStandIn("client-1", "s3cr3t", Duration.ofHours(1)).start()) {
            TokenManager tokens = TokenManager.builder(StandInClients.provider(microtek, "client-1", "s3cr3t"))
                    .ticker(ticker)
                    .listener(listener)
                    .build();

            AccessToken first = tokens.token();
            ticker.advance(Duration.ofMinutes(59));
            AccessToken second = tokens.token();
            AccessToken third = tokens.tokenAfterRejection(second);

            assertThat(events).hasSize(4);
            assertThat(events.get(0)).isInstanceOfSatisfying(TokenListener.Acquired.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.INITIAL);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.duration()).isPositive();
                assertThat(e.expiresIn()).isEqualTo(Duration.ofHours(1));
                assertThat(e.fingerprint()).isEqualTo(first.fingerprint());
            });
            assertThat(events.get(1))
                    .isInstanceOfSatisfying(
                            TokenListener.Acquired.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRING));
            assertThat(events.get(2))
                    .isEqualTo(new TokenListener.Invalidated(second.fingerprint(), "rejected by server"));
            assertThat(events.get(3)).isInstanceOfSatisfying(TokenListener.Acquired.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                assertThat(e.fingerprint()).isEqualTo(third.fingerprint());
            });
            for (String token : microtek.issuedTokens()) {
                assertThat(events.toString()).doesNotContain(token);
            }
        }
    }

    @Test
    void failuresAreHeardWithTheirAttempts() {
        RecordingListener listener = new RecordingListener();
        TokenManager tokens = TokenManager.builder(() -> {
                    throw new java.net.ConnectException("connection refused");
                })
                .maxAttempts(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2))
                .listener(listener)
                .build();

        org.assertj.core.api.Assertions.assertThatThrownBy(tokens::token).hasMessage("connection refused");

        assertThat(listener.of(TokenListener.Failed.class)).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(Reason.INITIAL);
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.error()).hasMessage("connection refused");
        });
    }

    @Test
    void aThrowingListenerDoesNotBreakAuthentication() throws Exception {
        TokenManager tokens = TokenManager.builder(() -> AccessToken.bearer("t", Duration.ofMinutes(5)))
                .listener(new TokenListener() {
                    @Override
                    public void onAcquired(Acquired event) {
                        throw new IllegalStateException("metrics backend down");
                    }
                })
                .build();
        assertThat(tokens.token().value()).isEqualTo("t");
    }
}
