package dev.retrospec.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Token expiry is measured on the {@link Ticker} alone. A wall-clock jump (NTP step, daylight saving, an operator
 * setting the date an hour back or forward) cannot expire a token early or keep a dead one alive, because the
 * lifecycle code never reads the wall clock except through the injected {@code Clock} that converts the absolute
 * expiry a shared store holds: checked on the sources, and shown by the wall clock jumping while the ticker stands
 * still.
 */
class MonotonicClockTest {
    private static final Pattern WALL_CLOCK = Pattern.compile(
            "System\\.currentTimeMillis|Instant\\.now|Clock\\.|new Date\\(|LocalDateTime\\.now|OffsetDateTime\\.now"
                    + "|ZonedDateTime\\.now|LocalDate\\.now");

    @Test
    void theLifecycleCodeNeverReadsTheWallClock() throws IOException {
        List<String> reads = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/retrospec/runtime/auth"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (WALL_CLOCK.matcher(lines.get(i)).find()) {
                        reads.add(file.getFileName() + ":" + (i + 1) + ": "
                                + lines.get(i).strip());
                    }
                }
            }
        }
        // The one legitimate read: the default of the injectable clock for a shared store's absolute expiry. (A
        // Retry-After given as an HTTP date, a wall-clock instant by definition, is read by ResponseHeaders.)
        assertThat(reads)
                .singleElement()
                .satisfies(read -> assertThat(read)
                        .startsWith("TokenManager.java:")
                        .endsWith("private Clock clock = Clock.systemUTC();"));
    }

    @Test
    void realTimePassingWhileTheTickerStandsStillExpiresNothing() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        FakeTicker ticker = new FakeTicker();
        FakeClock wallClock = new FakeClock(Instant.parse("2026-06-01T12:00:00Z"));
        // A lifetime of one nanosecond: any real time at all between the two calls would expire it on a real clock.
        TokenManager tokens = TokenManager.builder(
                        () -> AccessToken.bearer("t" + fetches.incrementAndGet(), Duration.ofNanos(1)))
                .ticker(ticker)
                .clock(wallClock)
                .refreshMargin(Duration.ZERO)
                .build();

        AccessToken token = tokens.token();
        assertThat(tokens.token()).isSameAs(token);
        wallClock.set(Instant.parse("2026-06-01T12:00:00Z").plus(Duration.ofDays(400)));
        assertThat(tokens.token()).isSameAs(token);
        wallClock.set(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(tokens.token()).isSameAs(token);

        ticker.advance(Duration.ofNanos(1));
        assertThat(tokens.token().value()).isEqualTo("t2");
        assertThat(fetches).hasValue(2);
    }
}
