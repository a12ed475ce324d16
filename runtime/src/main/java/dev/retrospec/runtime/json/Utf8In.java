package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link JsonIn}'s own parser of UTF-8 JSON text, strict as Moshi's reader is by default: the nesting of objects and
 * arrays, the path, and Moshi's reading of each token (numbers as longs, ints or doubles, text as a number, a refused
 * number left to be read again). The bytes and the tokens in them are {@link Utf8Lexer}'s.
 */
final class Utf8In extends Utf8Lexer {

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

    private int peeked = PEEKED_NONE;

    private @Nullable String peekedString;

    private byte[] scopes = new byte[32];
    private @Nullable String[] pathNames = new String[32];
    private int[] pathIndices = new int[32];

    /** For each object being read, the index its last name matched: the next name is tried against the one after. */
    private int[] lastSelected = new int[32];

    private int stackSize;

    Utf8In(BufferedSource source) {
        super(source);
        scopes[stackSize++] = EMPTY_DOCUMENT;
    }

    /**
     * An input that reads what {@code parent} has not consumed, from where it is, without consuming it: over a copy of
     * its window (see {@link Utf8Lexer#Utf8Lexer(Utf8Lexer)}), with its nesting and path copied.
     */
    private Utf8In(Utf8In parent) {
        super(parent);
        this.peeked = parent.peeked;
        this.peekedString = parent.peekedString;
        this.stackSize = parent.stackSize;
        this.scopes = parent.scopes.clone();
        this.pathNames = parent.pathNames.clone();
        this.pathIndices = parent.pathIndices.clone();
        this.lastSelected = parent.lastSelected.clone();
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
                    number();
                    return peeked = PEEKED_NUMBER;
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
        int end = endOfRun();
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

    /** Consumes the name that matched property {@code index}, whose closing quote is at {@code end}. */
    private int selected(JsonFields fields, int index, int end) {
        pos = end + 1;
        peeked = PEEKED_NONE;
        pathNames[stackSize - 1] = fields.name(index);
        lastSelected[stackSize - 1] = index;
        return index;
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
}
