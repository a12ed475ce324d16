package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link JsonIn}'s own parser of UTF-8 JSON text, strict as Moshi's reader is by default. The text is read from its
 * source into a window of bytes that moves on as it is consumed; a token (a string, a number) is kept whole in the
 * window until it is consumed, the window growing for a long one.
 */
final class Utf8In extends JsonIn {
    /** Eight bytes of the window at a time, for scanning strings. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

    /** The window grows to hold a long token, up to this. */
    private static final int MAX_WINDOW = 1 << 30;

    /** Moshi's reader refuses a 256th level, counting the document as the first. */
    private static final int MAX_STACK = 256;

    private static final int PEEKED_NONE = 0;
    private static final int PEEKED_BEGIN_OBJECT = 1;
    private static final int PEEKED_END_OBJECT = 2;
    private static final int PEEKED_BEGIN_ARRAY = 3;
    private static final int PEEKED_END_ARRAY = 4;
    private static final int PEEKED_TRUE = 5;
    private static final int PEEKED_FALSE = 6;
    private static final int PEEKED_NULL = 7;
    /** A string: the position is just after its opening quote. */
    private static final int PEEKED_STRING = 8;
    /** A property name: the position is just after its opening quote. */
    private static final int PEEKED_NAME = 9;
    /** A number: the position is at its first byte, {@link #numberLength} bytes long. */
    private static final int PEEKED_NUMBER = 10;

    private static final int PEEKED_EOF = 11;
    /**
     * A string or number whose text is {@link #peekedString}, consumed by a read that failed on it (a number out of
     * range): as with Moshi's reader, it may be read again.
     */
    private static final int PEEKED_BUFFERED = 12;

    private static final byte EMPTY_ARRAY = 1;
    private static final byte NONEMPTY_ARRAY = 2;
    private static final byte EMPTY_OBJECT = 3;
    private static final byte DANGLING_NAME = 4;
    private static final byte NONEMPTY_OBJECT = 5;
    private static final byte EMPTY_DOCUMENT = 6;
    private static final byte NONEMPTY_DOCUMENT = 7;

    private @Nullable BufferedSource source;
    private byte[] buf;
    private int pos;
    private int limit;

    /** Where the text must be kept from when the window moves (a value being captured), or -1. */
    private int mark = -1;

    private int peeked = PEEKED_NONE;

    /** Where the peeked token's text starts, kept in the window until the next token is peeked; -1 between tokens. */
    private int tokenStart = -1;

    private int numberLength;

    /** Whether the peeked number is an integer that fits a long (and is not {@code -0}), and then its value. */
    private boolean numberIsLong;

    private long numberValue;

    private @Nullable String peekedString;

    private byte[] scopes = new byte[32];
    private @Nullable String[] pathNames = new String[32];
    private int[] pathIndices = new int[32];

    /** For each object being read, the index its last name matched: the next name is tried against the one after. */
    private int[] lastSelected = new int[32];

    private int stackSize;

    Utf8In(BufferedSource source) {
        this.source = source;
        this.buf = new byte[16 * 1024];
        scopes[stackSize++] = EMPTY_DOCUMENT;
    }

    /**
     * An input that reads what {@code parent} has not consumed, from where it is, without consuming it: its window's
     * text copied, the rest through a peek of its source, its nesting and path copied.
     */
    private Utf8In(Utf8In parent) {
        int from = parent.tokenStart >= 0 ? Math.min(parent.tokenStart, parent.pos) : parent.pos;
        int length = parent.limit - from;
        this.buf = new byte[Math.max(length, 1024)];
        System.arraycopy(parent.buf, from, buf, 0, length);
        this.limit = length;
        this.pos = parent.pos - from;
        this.tokenStart = parent.tokenStart >= 0 ? parent.tokenStart - from : -1;
        BufferedSource parentSource = parent.source;
        this.source = parentSource == null ? null : parentSource.peek();
        this.peeked = parent.peeked;
        this.numberLength = parent.numberLength;
        this.numberIsLong = parent.numberIsLong;
        this.numberValue = parent.numberValue;
        this.peekedString = parent.peekedString;
        this.stackSize = parent.stackSize;
        this.scopes = parent.scopes.clone();
        this.pathNames = parent.pathNames.clone();
        this.pathIndices = parent.pathIndices.clone();
        this.lastSelected = parent.lastSelected.clone();
    }

    /**
     * Makes at least {@code minimum} bytes from the position on available in the window, moving the text still needed
     * to its start and growing it where it is full; false if the text ends first.
     */
    private boolean fill(int minimum) throws IOException {
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
    private int nextNonWhitespace() throws IOException {
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

    private int peeked() throws IOException {
        int p = peeked;
        return p == PEEKED_NONE ? doPeek() : p;
    }

    private int doPeek() throws IOException {
        tokenStart = -1;
        int top = stackSize - 1;
        int scope = scopes[top];
        switch (scope) {
            case EMPTY_ARRAY -> scopes[top] = NONEMPTY_ARRAY;
            case NONEMPTY_ARRAY -> {
                if (closedAfterValue(']', "Unterminated array")) {
                    return peeked = PEEKED_END_ARRAY;
                }
            }
            case EMPTY_OBJECT, NONEMPTY_OBJECT -> {
                scopes[top] = DANGLING_NAME;
                if (scope == NONEMPTY_OBJECT && closedAfterValue('}', "Unterminated object")) {
                    return peeked = PEEKED_END_OBJECT;
                }
                int c = nextNonWhitespaceOrEof();
                if (c == '"') {
                    tokenStart = pos;
                    pos++;
                    return peeked = PEEKED_NAME;
                }
                if (c == '}' && scope == EMPTY_OBJECT) {
                    pos++;
                    return peeked = PEEKED_END_OBJECT;
                }
                throw syntaxError("Expected name");
            }
            case DANGLING_NAME -> {
                scopes[top] = NONEMPTY_OBJECT;
                if (nextNonWhitespaceOrEof() != ':') {
                    throw syntaxError("Expected ':'");
                }
                pos++;
            }
            case EMPTY_DOCUMENT -> scopes[top] = NONEMPTY_DOCUMENT;
            case NONEMPTY_DOCUMENT -> {
                if (nextNonWhitespace() == -1) {
                    return peeked = PEEKED_EOF;
                }
                throw syntaxError("Expected the end of the document");
            }
            default -> throw new IllegalStateException("JsonIn is closed");
        }
        int c = nextNonWhitespaceOrEof();
        tokenStart = pos;
        switch (c) {
            case ']' -> {
                if (scope == EMPTY_ARRAY) {
                    pos++;
                    return peeked = PEEKED_END_ARRAY;
                }
                throw syntaxError("Unexpected value");
            }
            case '"' -> {
                pos++;
                return peeked = PEEKED_STRING;
            }
            case '{' -> {
                pos++;
                return peeked = PEEKED_BEGIN_OBJECT;
            }
            case '[' -> {
                pos++;
                return peeked = PEEKED_BEGIN_ARRAY;
            }
            case 't', 'T' -> {
                return peeked = keyword("true", PEEKED_TRUE);
            }
            case 'f', 'F' -> {
                return peeked = keyword("false", PEEKED_FALSE);
            }
            case 'n', 'N' -> {
                return peeked = keyword("null", PEEKED_NULL);
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return peeked = number();
                }
                throw syntaxError("Expected a value");
            }
        }
    }

    /** After a value in an array or object: consumes the comma, or {@code close} and then answers true. */
    private boolean closedAfterValue(char close, String unterminated) throws IOException {
        int c = nextNonWhitespaceOrEof();
        if (c != close && c != ',') {
            throw syntaxError(unterminated);
        }
        pos++;
        return c == close;
    }

    private int nextNonWhitespaceOrEof() throws IOException {
        int c = nextNonWhitespace();
        if (c == -1) {
            throw new EOFException("End of input at " + getPath());
        }
        return c;
    }

    /** Consumes {@code word}, which must stand whole at the position, in any case (as Moshi reads it). */
    private int keyword(String word, int kind) throws IOException {
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
    private static boolean endsValue(int c) {
        return switch (c) {
            case '{', '}', '[', ']', ':', ',', ' ', '\t', '\f', '\r', '\n' -> true;
            default -> false;
        };
    }

    /** Scans the number at the position, without consuming it, as JSON's grammar has it. */
    private int number() throws IOException {
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
        return PEEKED_NUMBER;
    }

    /** The byte {@code offset} after the position, filling the window as needed; -1 past the end of the text. */
    private int byteAt(int offset) throws IOException {
        if (pos + offset >= limit && !fill(offset + 1)) {
            return -1;
        }
        return buf[pos + offset] & 0xff;
    }

    private void push(byte scope) {
        if (stackSize == scopes.length) {
            if (stackSize == MAX_STACK) {
                throw new JsonDataException("Nesting too deep at " + getPath());
            }
            scopes = Arrays.copyOf(scopes, scopes.length * 2);
            pathNames = Arrays.copyOf(pathNames, pathNames.length * 2);
            pathIndices = Arrays.copyOf(pathIndices, pathIndices.length * 2);
            lastSelected = Arrays.copyOf(lastSelected, lastSelected.length * 2);
        }
        scopes[stackSize++] = scope;
    }

    @Override
    public JsonReader.Token peek() throws IOException {
        return switch (peeked()) {
            case PEEKED_BEGIN_OBJECT -> JsonReader.Token.BEGIN_OBJECT;
            case PEEKED_END_OBJECT -> JsonReader.Token.END_OBJECT;
            case PEEKED_BEGIN_ARRAY -> JsonReader.Token.BEGIN_ARRAY;
            case PEEKED_END_ARRAY -> JsonReader.Token.END_ARRAY;
            case PEEKED_TRUE, PEEKED_FALSE -> JsonReader.Token.BOOLEAN;
            case PEEKED_NULL -> JsonReader.Token.NULL;
            case PEEKED_STRING, PEEKED_BUFFERED -> JsonReader.Token.STRING;
            case PEEKED_NAME -> JsonReader.Token.NAME;
            case PEEKED_NUMBER -> JsonReader.Token.NUMBER;
            default -> JsonReader.Token.END_DOCUMENT;
        };
    }

    @Override
    public boolean hasNext() throws IOException {
        int p = peeked();
        return p != PEEKED_END_OBJECT && p != PEEKED_END_ARRAY && p != PEEKED_EOF;
    }

    @Override
    public void beginObject() throws IOException {
        if (peeked() != PEEKED_BEGIN_OBJECT) {
            throw unexpected("BEGIN_OBJECT");
        }
        push(EMPTY_OBJECT);
        lastSelected[stackSize - 1] = -1;
        peeked = PEEKED_NONE;
    }

    @Override
    public void endObject() throws IOException {
        if (peeked() != PEEKED_END_OBJECT) {
            throw unexpected("END_OBJECT");
        }
        stackSize--;
        pathNames[stackSize] = null;
        pathIndices[stackSize - 1]++;
        peeked = PEEKED_NONE;
    }

    @Override
    public void beginArray() throws IOException {
        if (peeked() != PEEKED_BEGIN_ARRAY) {
            throw unexpected("BEGIN_ARRAY");
        }
        push(EMPTY_ARRAY);
        pathIndices[stackSize - 1] = 0;
        peeked = PEEKED_NONE;
    }

    @Override
    public void endArray() throws IOException {
        if (peeked() != PEEKED_END_ARRAY) {
            throw unexpected("END_ARRAY");
        }
        stackSize--;
        pathIndices[stackSize - 1]++;
        peeked = PEEKED_NONE;
    }

    @Override
    public int select(JsonFields fields) throws IOException {
        if (peeked() != PEEKED_NAME) {
            throw unexpected("a name");
        }
        int top = stackSize - 1;
        // Servers write an object's properties in one order: the name after the last one is the likely one.
        byte[] guess = fields.plainName(lastSelected[top] + 1);
        if (guess != null) {
            int end = pos + guess.length;
            if (end < limit && buf[end] == '"' && Arrays.equals(buf, pos, end, guess, 0, guess.length)) {
                return selected(fields, lastSelected[top] + 1, end);
            }
        }
        int end = indexOfQuoteOrBackslash(pos);
        while (end < 0) {
            int scanned = limit - pos;
            if (!fill(scanned + 1)) {
                throw syntaxError("Unterminated string");
            }
            end = indexOfQuoteOrBackslash(pos + scanned);
        }
        if (buf[end] == '\\') {
            // An escaped name: rare enough to decode it and look it up as text.
            int index = fields.index(peekName());
            if (index >= 0) {
                nextName();
                lastSelected[top] = index;
            }
            return index;
        }
        int index = fields.index(buf, pos, end - pos);
        if (index < 0 && !ascii(pos, end)) {
            // Malformed UTF-8 reads as U+FFFD, as Moshi decodes it: compare as text.
            index = fields.index(new String(buf, pos, end - pos, StandardCharsets.UTF_8));
        }
        return index < 0 ? index : selected(fields, index, end);
    }

    private boolean ascii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the name that matched property {@code index}, whose closing quote is at {@code end}. */
    private int selected(JsonFields fields, int index, int end) {
        pos = end + 1;
        peeked = PEEKED_NONE;
        pathNames[stackSize - 1] = fields.name(index);
        lastSelected[stackSize - 1] = index;
        return index;
    }

    /** Where the first quote or backslash from {@code from} on in the window is, or -1. */
    private int indexOfQuoteOrBackslash(int from) {
        byte[] b = buf;
        int l = limit;
        int i = from;
        for (; i + 8 <= l; i += 8) {
            long word = (long) LONGS.get(b, i);
            long quotes = word ^ QUOTES;
            long backslashes = word ^ BACKSLASHES;
            long found = ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < l; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\') {
                return i;
            }
        }
        return -1;
    }

    /** The name here, decoded, without consuming it. */
    private String peekName() throws IOException {
        mark = pos;
        try {
            return readString();
        } finally {
            pos = mark;
            mark = -1;
        }
    }

    @Override
    public String nextName() throws IOException {
        if (peeked() != PEEKED_NAME) {
            throw unexpected("a name");
        }
        String name = readString();
        pathNames[stackSize - 1] = name;
        peeked = PEEKED_NONE;
        return name;
    }

    @Override
    public void skipName() throws IOException {
        if (peeked() != PEEKED_NAME) {
            throw unexpected("a name");
        }
        skipString();
        pathNames[stackSize - 1] = "null";
        peeked = PEEKED_NONE;
    }

    @Override
    public String nextString() throws IOException {
        int p = peeked();
        String result;
        if (p == PEEKED_STRING) {
            result = readString();
        } else if (p == PEEKED_NUMBER) {
            result = numberText();
        } else if (p == PEEKED_BUFFERED && peekedString != null) {
            result = peekedString;
        } else {
            throw unexpected("a string");
        }
        consumed(0);
        return result;
    }

    private String numberText() {
        String text = new String(buf, pos, numberLength, StandardCharsets.ISO_8859_1);
        pos += numberLength;
        return text;
    }

    /** The string whose opening quote was just consumed, decoded, and its closing quote consumed. */
    private String readString() throws IOException {
        int end = indexOfQuoteOrBackslash(pos);
        while (end < 0) {
            int scanned = limit - pos;
            if (!fill(scanned + 1)) {
                throw syntaxError("Unterminated string");
            }
            end = indexOfQuoteOrBackslash(pos + scanned);
        }
        if (buf[end] == '\\') {
            return readEscapedString(end - pos);
        }
        String text = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return text;
    }

    /** The rest of a string that has an escape {@code plain} bytes after the position. */
    private String readEscapedString(int plain) throws IOException {
        StringBuilder text = new StringBuilder(plain + 16);
        int run = plain;
        while (true) {
            if (run > 0) {
                text.append(new String(buf, pos, run, StandardCharsets.UTF_8));
                pos += run;
            }
            // At an escape or the closing quote.
            if (buf[pos] == '"') {
                pos++;
                return text.toString();
            }
            pos++; // the backslash
            text.append(escape());
            run = 0;
            while (true) {
                if (pos + run == limit && !fill(run + 1)) {
                    throw syntaxError("Unterminated string");
                }
                byte c = buf[pos + run];
                if (c == '"' || c == '\\') {
                    break;
                }
                run++;
            }
        }
    }

    /** The character of the escape whose backslash was just consumed, consumed. */
    private char escape() throws IOException {
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

    private void skipString() throws IOException {
        int i = pos;
        scan:
        while (true) {
            byte[] b = buf;
            int l = limit;
            while (i < l) {
                byte c = b[i];
                if (c == '"') {
                    pos = i + 1;
                    return;
                }
                if (c == '\\') {
                    pos = i + 1;
                    escape(); // may move the window
                    i = pos;
                    continue scan;
                }
                i++;
            }
            int scanned = i - pos;
            if (!fill(scanned + 1)) {
                throw syntaxError("Unterminated string");
            }
            i = pos + scanned;
        }
    }

    @Override
    public boolean nextBoolean() throws IOException {
        int p = peeked();
        if (p != PEEKED_TRUE && p != PEEKED_FALSE) {
            throw unexpected("a boolean");
        }
        peeked = PEEKED_NONE;
        pathIndices[stackSize - 1]++;
        return p == PEEKED_TRUE;
    }

    @Override
    public <T> @Nullable T nextNull() throws IOException {
        if (peeked() != PEEKED_NULL) {
            throw unexpected("null");
        }
        peeked = PEEKED_NONE;
        pathIndices[stackSize - 1]++;
        return null;
    }

    @Override
    public long nextLong() throws IOException {
        int p = peeked();
        if (p == PEEKED_NUMBER && numberIsLong) {
            pos += numberLength;
            return consumed(numberValue);
        }
        String text = numericText(p, "a long");
        if (p == PEEKED_STRING) {
            try {
                return consumed(Long.parseLong(text));
            } catch (NumberFormatException notPlain) {
                // as a decimal below
            }
        }
        try {
            return consumed(new BigDecimal(text).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonDataException("Expected a long but was " + text + " at path " + getPath());
        }
    }

    @Override
    public int nextInt() throws IOException {
        int p = peeked();
        if (p == PEEKED_NUMBER && numberIsLong && (int) numberValue == numberValue) {
            pos += numberLength;
            return (int) consumed(numberValue);
        }
        if (p == PEEKED_NUMBER && numberIsLong) { // left unread, as Moshi leaves it
            throw new JsonDataException("Expected an int but was " + numberValue + " at path " + getPath());
        }
        String text = numericText(p, "an int");
        if (p == PEEKED_STRING) {
            try {
                return (int) consumed(Integer.parseInt(text));
            } catch (NumberFormatException notPlain) {
                // as a double below
            }
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new JsonDataException("Expected an int but was " + text + " at path " + getPath());
        }
        int result = (int) value;
        if (result != value) {
            throw new JsonDataException("Expected an int but was " + text + " at path " + getPath());
        }
        return (int) consumed(result);
    }

    @Override
    public double nextDouble() throws IOException {
        int p = peeked();
        if (p == PEEKED_NUMBER && numberIsLong) {
            pos += numberLength;
            return consumed(numberValue);
        }
        String text = numericText(p, "a double");
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new JsonDataException("Expected a double but was " + text + " at path " + getPath());
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new JsonEncodingException("JSON forbids NaN and infinities: " + value + " at path " + getPath());
        }
        consumed(0);
        return value;
    }

    /**
     * The text of the number or string here, taken out of the window and held as {@link #PEEKED_BUFFERED} until a read
     * of it succeeds ({@link #consumed}), so that one that fails leaves it to be read again.
     */
    private String numericText(int p, String expected) throws IOException {
        String text;
        if (p == PEEKED_NUMBER) {
            text = numberText();
        } else if (p == PEEKED_STRING) {
            text = readString();
        } else if (p == PEEKED_BUFFERED && peekedString != null) {
            text = peekedString;
        } else {
            throw unexpected(expected);
        }
        peeked = PEEKED_BUFFERED;
        peekedString = text;
        return text;
    }

    /** The value here was read: the next one is peeked afresh, and the path's index moves on. */
    private long consumed(long value) {
        peeked = PEEKED_NONE;
        peekedString = null;
        pathIndices[stackSize - 1]++;
        return value;
    }

    @Override
    public void skipValue() throws IOException {
        int count = 0;
        do {
            int p = peeked();
            switch (p) {
                case PEEKED_BEGIN_ARRAY -> {
                    push(EMPTY_ARRAY);
                    count++;
                }
                case PEEKED_BEGIN_OBJECT -> {
                    push(EMPTY_OBJECT);
                    count++;
                }
                case PEEKED_END_ARRAY, PEEKED_END_OBJECT -> {
                    if (count == 0) {
                        throw unexpected("a value");
                    }
                    stackSize--;
                    count--;
                }
                case PEEKED_STRING, PEEKED_NAME -> skipString();
                case PEEKED_NUMBER -> pos += numberLength;
                case PEEKED_EOF -> throw unexpected("a value");
                default -> {
                    // true, false and null are consumed when peeked
                }
            }
            peeked = PEEKED_NONE;
        } while (count != 0);
        peekedString = null;
        pathIndices[stackSize - 1]++;
        pathNames[stackSize - 1] = "null";
    }

    /**
     * Consumes the value here and answers where its text lies in the window: {@code [mark, pos)}. The caller resets
     * the mark once it has taken the text.
     */
    private void capture() throws IOException {
        peeked();
        mark = tokenStart;
        String name = pathNames[stackSize - 1];
        skipValue();
        pathNames[stackSize - 1] = name; // the value was read, not skipped
    }

    @Override
    <T> @Nullable T foreign(JsonAdapter<T> adapter) throws IOException {
        Buffer text = new Buffer();
        try {
            capture();
            text.write(buf, mark, pos - mark);
        } finally {
            mark = -1;
        }
        JsonReader reader = JsonReader.of(text);
        T value = adapter.fromJson(reader);
        if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
            throw new JsonDataException(adapter + " left part of its value unread at path " + getPath());
        }
        return value;
    }

    @Override
    void passOver() throws IOException {
        try {
            capture();
        } finally {
            mark = -1;
        }
    }

    @Override
    public String nextJson() throws IOException {
        try {
            capture();
            return new String(buf, mark, pos - mark, StandardCharsets.UTF_8);
        } finally {
            mark = -1;
        }
    }

    @Override
    public @Nullable Object readJsonValue() throws IOException {
        switch (peeked()) {
            case PEEKED_BEGIN_ARRAY -> {
                List<@Nullable Object> list = new ArrayList<>();
                beginArray();
                while (hasNext()) {
                    list.add(readJsonValue());
                }
                endArray();
                return list;
            }
            case PEEKED_BEGIN_OBJECT -> {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                beginObject();
                while (hasNext()) {
                    String name = nextName();
                    Object value = readJsonValue();
                    Object replaced = map.put(name, value);
                    if (replaced != null) {
                        throw new JsonDataException("Map key '" + name + "' has multiple values at path " + getPath());
                    }
                }
                endObject();
                return map;
            }
            case PEEKED_STRING, PEEKED_BUFFERED -> {
                return nextString();
            }
            case PEEKED_NUMBER -> {
                return nextDouble();
            }
            case PEEKED_TRUE, PEEKED_FALSE -> {
                return nextBoolean();
            }
            case PEEKED_NULL -> {
                return nextNull();
            }
            default -> throw unexpected("a value");
        }
    }

    @Override
    public JsonIn peekJson() throws IOException {
        peeked(); // the copy starts at the value, not at the separator before it
        return new Utf8In(this);
    }

    @Override
    public String getPath() {
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < stackSize; i++) {
            switch (scopes[i]) {
                case EMPTY_ARRAY, NONEMPTY_ARRAY ->
                    path.append('[').append(pathIndices[i]).append(']');
                case EMPTY_OBJECT, DANGLING_NAME, NONEMPTY_OBJECT -> {
                    path.append('.');
                    String name = pathNames[i];
                    if (name != null) {
                        path.append(name);
                    }
                }
                default -> {
                    // the document
                }
            }
        }
        return path.toString();
    }

    private JsonDataException unexpected(String expected) throws IOException {
        return new JsonDataException("Expected " + expected + " but was " + peek() + " at path " + getPath());
    }

    private JsonEncodingException syntaxError(String message) {
        return new JsonEncodingException(message + " at path " + getPath());
    }
}
