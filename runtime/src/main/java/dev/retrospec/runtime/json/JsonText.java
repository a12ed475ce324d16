package dev.retrospec.runtime.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import okio.Buffer;

/**
 * JSON text as bytes, for {@link JsonOut} writing it and {@link Utf8In} reading it: strings escaped as Moshi escapes
 * them, and the scans that look at eight bytes at a time (a long read from the byte array; a byte equal to {@code b}
 * is a zero byte of {@code word ^ (ONES * b)}, found by {@link #zeroes}).
 */
final class JsonText {
    private JsonText() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long E2S = 0xe2e2e2e2e2e2e2e2L;

    private static final String[] REPLACEMENTS = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            REPLACEMENTS[c] = String.format("\\u%04x", c);
        }
        REPLACEMENTS['"'] = "\\\"";
        REPLACEMENTS['\\'] = "\\\\";
        REPLACEMENTS['\t'] = "\\t";
        REPLACEMENTS['\b'] = "\\b";
        REPLACEMENTS['\n'] = "\\n";
        REPLACEMENTS['\r'] = "\\r";
        REPLACEMENTS['\f'] = "\\f";
    }

    /** Bytes {@code i} to {@code i + 7} of {@code bytes} as one long, the first in the lowest bits. */
    static long word(byte[] bytes, int i) {
        return (long) LONGS.get(bytes, i);
    }

    /**
     * The high bit of each zero byte of {@code x} set, and no other bit set below the lowest zero byte (bits above it
     * may be set falsely: only the lowest counts).
     */
    private static long zeroes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** Where the first quote or backslash of {@code bytes[from..limit)} is, or -1. */
    static int indexOfQuoteOrBackslash(byte[] bytes, int from, int limit) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long word = word(bytes, i);
            long found = zeroes(word ^ QUOTES) | zeroes(word ^ BACKSLASHES);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < limit; i++) {
            byte c = bytes[i];
            if (c == '"' || c == '\\') {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code value} as a JSON string, escaped as Moshi escapes it. Most text needs no escape: it is encoded in one call
     * (the JDK's intrinsic), checked eight bytes at a time and copied; only text with something to escape goes through
     * character by character.
     */
    static void string(Buffer out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (!needsEscape(utf8)) {
            out.writeByte('"').write(utf8).writeByte('"');
            return;
        }
        escaped(out, value);
    }

    /**
     * Whether {@code utf8} holds a byte Moshi escapes: a control character, a quote, a backslash, or the first byte of
     * U+2028 or U+2029 (0xE2, which starts other characters too: they take the slow way).
     */
    private static boolean needsEscape(byte[] utf8) {
        int i = 0;
        for (; i + 8 <= utf8.length; i += 8) {
            long word = word(utf8, i);
            long found =
                    (word - SPACES) & ~word | zeroes(word ^ QUOTES) | zeroes(word ^ BACKSLASHES) | zeroes(word ^ E2S);
            if ((found & HIGHS) != 0) {
                return true;
            }
        }
        for (; i < utf8.length; i++) {
            int b = utf8[i] & 0xff;
            if (b < 0x20 || b == '"' || b == '\\' || b == 0xe2) {
                return true;
            }
        }
        return false;
    }

    private static void escaped(Buffer out, String value) {
        out.writeByte('"');
        int last = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String replacement;
            if (c < 128) {
                replacement = REPLACEMENTS[c];
                if (replacement == null) {
                    continue;
                }
            } else if (c == '\u2028') {
                replacement = "\\u2028";
            } else if (c == '\u2029') {
                replacement = "\\u2029";
            } else {
                continue;
            }
            if (last < i) {
                out.writeUtf8(value, last, i);
            }
            out.writeUtf8(replacement);
            last = i + 1;
        }
        if (last < length) {
            out.writeUtf8(value, last, length);
        }
        out.writeByte('"');
    }
}
