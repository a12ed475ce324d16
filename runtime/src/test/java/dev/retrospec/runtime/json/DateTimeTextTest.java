package dev.retrospec.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DateTimeTextTest {
    private static final String DIGITS = "0123456789";
    private static final String NOISE = "0123456789-:T.Z+zt ,x";

    /** What the formatter makes of the text: the value, or the name of its exception. */
    private static Object formatter(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static Object fast(String text) {
        try {
            return DateTimeText.parse(text);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void readsWhatTheFormatterReadsAndRefusesWhatItRefuses() {
        Random random = new Random(20261130);
        for (int i = 0; i < 200_000; i++) {
            String text = sample(random);
            assertThat(fast(text)).as(text).isEqualTo(formatter(text));
        }
    }

    @Test
    void theShapesServersWriteAndTheEdgesOfTheCalendar() {
        for (String text : new String[] {
            "2026-01-02T03:04:05Z",
            "2026-01-02T03:04:05.1Z",
            "2026-01-02T03:04:05.123456789+01:00",
            "2026-01-02T03:04:05-00:00",
            "2024-02-29T23:59:59+18:00",
            "2026-01-02t03:04:05z",
            "+12026-01-02T03:04:05Z",
            "2026-01-02T03:04:05+01:00:30",
            "2026-01-02T03:04Z",
            "2026-01-02T03:04:05.Z" // a point without digits: the formatter takes it, so do we
        }) {
            assertThat(fast(text)).as(text).isEqualTo(formatter(text)).isInstanceOf(OffsetDateTime.class);
        }
        for (String text : new String[] {
            "2026-02-29T00:00:00Z",
            "2026-01-02T24:00:00Z",
            "2026-01-02T03:04:60Z",
            "2026-01-02T03:04:05.1234567890Z",
            "2026-01-02T03:04:05+19:00",
            "2026-01-02T03:04:05+01:60",
            "2026-01-02T03:04:05",
            "2026-13-02T03:04:05Z"
        }) {
            assertThatThrownBy(() -> DateTimeText.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    /** Mostly well-formed date-times with a digit or a separator changed now and then. */
    private static String sample(Random random) {
        StringBuilder text = new StringBuilder(String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                random.nextInt(3000),
                random.nextInt(14),
                random.nextInt(33),
                random.nextInt(26),
                random.nextInt(61),
                random.nextInt(62)));
        if (random.nextBoolean()) {
            text.append('.');
            int digits = random.nextInt(11);
            for (int d = 0; d < digits; d++) {
                text.append(DIGITS.charAt(random.nextInt(10)));
            }
        }
        switch (random.nextInt(4)) {
            case 0 -> text.append('Z');
            case 1 -> text.append(String.format("+%02d:%02d", random.nextInt(20), random.nextInt(61)));
            case 2 -> text.append(String.format("-%02d:%02d", random.nextInt(20), random.nextInt(61)));
            default -> {}
        }
        if (random.nextInt(4) == 0) {
            text.setCharAt(random.nextInt(text.length()), NOISE.charAt(random.nextInt(NOISE.length())));
        }
        return text.toString();
    }
}
