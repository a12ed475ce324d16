package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * The bytes {@link Utf8In} parses, and its tokens as bytes: a window of the source's text that moves on as it is
 * consumed (a token, a value being captured, kept whole until it is consumed, the window growing for a long one),
 * whitespace, keywords, numbers as JSON's grammar has them, and strings with their escapes. What the tokens mean (the
 * nesting, the path, Moshi's reading of them) is {@link Utf8In}'s.
 */
abstract class Utf8Lexer extends JsonIn {

    /** The window grows to hold a long token, up to this. */
    static final int MAX_WINDOW = 1 << 30;

    @Nullable
    BufferedSource source;

    byte[] buf;

    int pos;

    int limit;

    /** Where the text must be kept from when the window moves (a value being captured), or -1. */
    int mark = -1;

    /** Where the peeked token's text starts, kept in the window until the next token is peeked; -1 between tokens. */
    int tokenStart = -1;

    int numberLength;

    /** Whether the peeked number is an integer that fits a long (and is not {@code -0}), and then its value. */
    boolean numberIsLong;

    long numberValue;

    Utf8Lexer(BufferedSource source) {
        this.source = source;
        this.buf = new byte[16 * 1024];
    }

    /**
     * A window over what {@code parent} has not consumed, from its current token on: its window's text copied, the rest
     * through a peek of its source, so that reading here consumes nothing there.
     */
    Utf8Lexer(Utf8Lexer parent) {
        int from = parent.tokenStart >= 0 ? Math.min(parent.tokenStart, parent.pos) : parent.pos;
        int length = parent.limit - from;
        this.buf = new byte[Math.max(length, 1024)];
        System.arraycopy(parent.buf, from, buf, 0, length);
        this.limit = length;
        this.pos = parent.pos - from;
        this.tokenStart = parent.tokenStart >= 0 ? parent.tokenStart - from : -1;
        BufferedSource parentSource = parent.source;
        this.source = parentSource == null ? null : parentSource.peek();
        this.numberLength = parent.numberLength;
        this.numberIsLong = parent.numberIsLong;
        this.numberValue = parent.numberValue;
    }

    /**
     * Makes at least {@code minimum} bytes from the position on available in the window, moving the text still needed
     * to its start and growing it where it is full; false if the text ends first.
     */
    boolean fill(int minimum) throws IOException {
        while (limit - pos < minimum) {
            BufferedSource from = source;
            if (from == null) {
                return false;
            }
            int keep = pos;
            if (tokenStart >= 0) {
                keep = Math.min(keep, tokenStart);
            }
            if (mark >= 0) {
                keep = Math.min(keep, mark);
            }
            if (keep > 0) {
                System.arraycopy(buf, keep, buf, 0, limit - keep);
                limit -= keep;
                pos -= keep;
                if (tokenStart >= 0) {
                    tokenStart -= keep;
                }
                if (mark >= 0) {
                    mark -= keep;
                }
            }
            if (limit == buf.length) {
                if (buf.length > MAX_WINDOW / 2) {
                    throw new JsonDataException(
                            "A token longer than " + MAX_WINDOW / 2 + " bytes at path " + getPath());
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int read = from.read(buf, limit, buf.length - limit);
            if (read == -1) {
                source = null;
                return false;
            }
            limit += read;
        }
        return true;
    }

    /** The next byte that is not whitespace, at the position and not consumed; -1 where the text ends. */
    int nextNonWhitespace() throws IOException {
        while (true) {
            byte[] b = buf;
            int p = pos;
            int l = limit;
            while (p < l) {
                int c = b[p];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    p++;
                    continue;
                }
                pos = p;
                return c & 0xff;
            }
            pos = p;
            if (!fill(1)) {
                return -1;
            }
        }
    }

    int nextNonWhitespaceOrEof() throws IOException {
        int c = nextNonWhitespace();
        if (c == -1) {
            throw new EOFException("End of input at " + getPath());
        }
        return c;
    }

    /** Consumes {@code word}, which must stand whole at the position, in any case (as Moshi reads it). */
    int keyword(String word, int kind) throws IOException {
        int length = word.length();
        if (!fill(length)) {
            throw syntaxError("Unexpected end of a value");
        }
        for (int i = 1; i < length; i++) {
            if ((buf[pos + i] | 0x20) != word.charAt(i)) {
                throw syntaxError("Expected a value");
            }
        }
        if (fill(length + 1) && !endsValue(buf[pos + length])) {
            throw syntaxError("Expected a value");
        }
        pos += length;
        return kind;
    }

    /** Whether {@code c} may follow a number or a keyword in strict JSON. */
    static boolean endsValue(int c) {
        return switch (c) {
            case '{', '}', '[', ']', ':', ',', ' ', '\t', '\f', '\r', '\n' -> true;
            default -> false;
        };
    }

    /**
     * Scans the number at the position, without consuming it, as JSON's grammar has it: its length, and its value where
     * it is a long.
     */
    void number() throws IOException {
        int i = 0;
        boolean negative = false;
        if (byteAt(i) == '-') {
            negative = true;
            i++;
        }
        int c = byteAt(i);
        boolean integer = true;
        boolean fitsLong = true;
        long value = 0; // accumulated negatively, as Long.MIN_VALUE has no positive counterpart
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            while (c >= '0' && c <= '9') {
                int digit = c - '0';
                if (value < Long.MIN_VALUE / 10 || (value == Long.MIN_VALUE / 10 && digit > 8)) {
                    fitsLong = false;
                }
                value = value * 10 - digit;
                c = byteAt(++i);
            }
        } else {
            throw syntaxError("Expected a value");
        }
        c = byteAt(i);
        if (c == '.') {
            integer = false;
            c = byteAt(++i);
            if (c < '0' || c > '9') {
                throw syntaxError("Expected a value");
            }
            while (c >= '0' && c <= '9') {
                c = byteAt(++i);
            }
        }
        if (c == 'e' || c == 'E') {
            integer = false;
            c = byteAt(++i);
            if (c == '+' || c == '-') {
                c = byteAt(++i);
            }
            if (c < '0' || c > '9') {
                throw syntaxError("Expected a value");
            }
            while (c >= '0' && c <= '9') {
                c = byteAt(++i);
            }
        }
        if (c != -1 && !endsValue(c)) {
            throw syntaxError("Expected a value");
        }
        numberLength = i;
        numberIsLong = integer && fitsLong && (negative ? value != 0 : value != Long.MIN_VALUE);
        numberValue = negative ? value : -value;
    }

    /** The byte {@code offset} after the position, filling the window as needed; -1 past the end of the text. */
    int byteAt(int offset) throws IOException {
        if (pos + offset >= limit && !fill(offset + 1)) {
            return -1;
        }
        return buf[pos + offset] & 0xff;
    }

    boolean ascii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The name here, decoded, without consuming it. */
    String peekName() throws IOException {
        mark = pos;
        try {
            return readString();
        } finally {
            pos = mark;
            mark = -1;
        }
    }

    String numberText() {
        String text = new String(buf, pos, numberLength, StandardCharsets.ISO_8859_1);
        pos += numberLength;
        return text;
    }

    /** Where the first quote or backslash from the position on is, the window filled as far as it takes. */
    int endOfRun() throws IOException {
        int end = JsonText.indexOfQuoteOrBackslash(buf, pos, limit);
        while (end < 0) {
            int scanned = limit - pos;
            if (!fill(scanned + 1)) {
                throw syntaxError("Unterminated string");
            }
            end = JsonText.indexOfQuoteOrBackslash(buf, pos + scanned, limit);
        }
        return end;
    }

    /** The string whose opening quote was just consumed, decoded, and its closing quote consumed. */
    String readString() throws IOException {
        int end = endOfRun();
        if (buf[end] == '"') {
            String text = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
            pos = end + 1;
            return text;
        }
        StringBuilder text = new StringBuilder(end - pos + 16);
        while (true) {
            text.append(new String(buf, pos, end - pos, StandardCharsets.UTF_8));
            pos = end + 1;
            if (buf[end] == '"') {
                return text.toString();
            }
            text.append(escape());
            end = endOfRun();
        }
    }

    /** The character of the escape whose backslash was just consumed, consumed. */
    char escape() throws IOException {
        if (!fill(1)) {
            throw syntaxError("Unterminated escape sequence");
        }
        byte escaped = buf[pos++];
        switch (escaped) {
            case 'u' -> {
                if (!fill(4)) {
                    throw new EOFException("Unterminated escape sequence at path " + getPath());
                }
                char result = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(buf[pos + i], 16);
                    if (digit < 0) {
                        throw syntaxError(
                                "Invalid escape sequence: \\u" + new String(buf, pos, 4, StandardCharsets.UTF_8));
                    }
                    result = (char) (result << 4 | digit);
                }
                pos += 4;
                return result;
            }
            case 't' -> {
                return '\t';
            }
            case 'b' -> {
                return '\b';
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 'f' -> {
                return '\f';
            }
            case '\n', '\'', '"', '\\', '/' -> {
                return (char) escaped;
            }
            default -> throw syntaxError("Invalid escape sequence: \\" + (char) (escaped & 0xff));
        }
    }

    void skipString() throws IOException {
        while (true) {
            int end = endOfRun();
            pos = end + 1;
            if (buf[end] == '"') {
                return;
            }
            escape();
        }
    }

    JsonEncodingException syntaxError(String message) {
        return new JsonEncodingException(message + " at path " + getPath());
    }
}
