package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The properties of one generated record as its JSON adapter reads them: their names (matched as UTF-8 bytes by
 * {@link JsonIn}'s parser, with {@link JsonReader.Options} through Moshi's reader), which are required and which may be
 * null, the schema they belong to and how strictly the client holds the server to them. A generated adapter keeps
 * one: {@link JsonIn} asks it, for each {@code null} read, whether the description allows it there; the adapter asks
 * it at the end of each object whether every required property came (errors name the property, the schema and the
 * JSON path); {@link JsonOut} asks it whether a property whose value is null is left out or written as {@code null},
 * and writes the names it holds encoded. Generated adapters use this class; applications need not.
 */
public final class JsonFields {
    private final JsonReader.Options names;
    private final String schema;
    private final JsonValues.Strictness strictness;
    private final long[] required;
    private final long[] nullable;
    private final byte[][] encoded;
    private final String[] strings;

    /** The names as UTF-8, and an open-addressing table of their indexes (plus one) by {@link #hash}. */
    private final byte[][] utf8;

    private final int[] hashes;
    private final int[] slots;
    private final byte[] @Nullable [] plain;

    private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;

    /**
     * @param names the JSON names, in the order of the adapter's {@code case}s
     * @param schema the schema's name, for messages
     * @param required the indexes in {@code names} of the required properties
     */
    public JsonFields(JsonReader.Options names, String schema, JsonValues.Strictness strictness, int... required) {
        this.names = names;
        this.schema = schema;
        this.strictness = strictness;
        this.required = new long[(names.strings().size() + 63) / 64];
        this.nullable = new long[this.required.length];
        for (int index : required) {
            this.required[index >>> 6] |= 1L << index;
        }
        this.strings = names.strings().toArray(new String[0]);
        this.encoded = new byte[strings.length][];
        this.utf8 = new byte[strings.length][];
        this.hashes = new int[strings.length];
        this.plain = new byte[strings.length][];
        this.slots = new int[Integer.highestOneBit(Math.max(1, strings.length) * 2) * 2];
        for (int i = 0; i < strings.length; i++) {
            Buffer name = new Buffer();
            JsonText.string(name, strings[i]);
            encoded[i] = name.writeByte(':').readByteArray();
            utf8[i] = strings[i].getBytes(StandardCharsets.UTF_8);
            hashes[i] = hash(utf8[i], 0, utf8[i].length);
            if (!new String(utf8[i], StandardCharsets.UTF_8).equals(strings[i])) {
                continue; // a lone surrogate, which UTF-8 text cannot hold: only an escaped name matches it
            }
            boolean escaped = strings[i].indexOf('"') >= 0 || strings[i].indexOf('\\') >= 0;
            plain[i] = escaped ? null : utf8[i];
            if (index(utf8[i], 0, utf8[i].length) < 0) { // the first of two equal names wins
                int slot = hashes[i] & (slots.length - 1);
                while (slots[slot] != 0) {
                    slot = (slot + 1) & (slots.length - 1);
                }
                slots[slot] = i + 1;
            }
        }
    }

    /**
     * A name's hash: its length and, for a long name, its first and last eight bytes (a property name's text is read
     * only once, to find its end).
     */
    static int hash(byte[] bytes, int start, int length) {
        long hash = length;
        if (length >= 8) {
            hash = hash * MULTIPLIER + JsonText.word(bytes, start);
            hash = hash * MULTIPLIER + JsonText.word(bytes, start + length - 8);
        } else {
            for (int i = start; i < start + length; i++) {
                hash = hash * 31 + bytes[i];
            }
        }
        hash *= MULTIPLIER;
        return (int) (hash ^ (hash >>> 32));
    }

    /** The index of the name whose UTF-8 bytes are {@code bytes[start..start+length)}, or -1. */
    int index(byte[] bytes, int start, int length) {
        int hash = hash(bytes, start, length);
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int index = slots[slot] - 1;
            byte[] name = utf8[index];
            if (hashes[index] == hash
                    && name.length == length
                    && Arrays.equals(name, 0, length, bytes, start, start + length)) {
                return index;
            }
        }
        return -1;
    }

    /**
     * Property {@code index}'s name as UTF-8, where it appears so in JSON text unescaped (no quote or backslash in it),
     * or null (also past the last property).
     */
    byte @Nullable [] plainName(int index) {
        return index < plain.length ? plain[index] : null;
    }

    /** The index of {@code name}, or -1. */
    int index(String name) {
        for (int i = 0; i < strings.length; i++) {
            if (strings[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    JsonReader.Options options() {
        return names;
    }

    /**
     * Marks the properties whose description allows {@code null}: called once, as the adapter is built, before the
     * fields are used or shared with another thread.
     *
     * @param indexes indexes in the names given to the constructor
     * @return these fields
     */
    public JsonFields nullable(int... indexes) {
        for (int index : indexes) {
            if (index < 0 || index >= strings.length) {
                throw new IllegalArgumentException(
                        schema + " has " + strings.length + " properties, no property " + index + " to allow null");
            }
            nullable[index >>> 6] |= 1L << index;
        }
        return this;
    }

    boolean isRequired(int index) {
        return index >= 0 && index < strings.length && (required[index >>> 6] & (1L << index)) != 0;
    }

    boolean isNullable(int index) {
        return index >= 0 && index < strings.length && (nullable[index >>> 6] & (1L << index)) != 0;
    }

    /**
     * Consumes the {@code null} standing at the reader as property {@code index}'s value: accepted where the
     * description allows it or the client is lenient (the caller then takes null, or zero for a primitive), else a
     * {@code JsonDataException} naming the property, the schema and the path.
     */
    void takeNull(JsonIn reader, int index) throws IOException {
        if (strictness == JsonValues.Strictness.STRICT && !isNullable(index)) {
            String path = reader.getPath();
            reader.nextNull();
            throw new JsonDataException(
                    "Non-null property '" + name(index) + "' of " + schema + " was null at " + path);
        }
        reader.nextNull();
    }

    /** Skips a property the record does not know, name and value. */
    public static void skip(JsonIn reader) throws IOException {
        reader.skipName();
        reader.skipValue();
    }

    /**
     * After an object of at most 64 properties: fails naming the first required property whose bit is not in
     * {@code seen} (unless the client is lenient).
     */
    public void checkRequired(JsonIn reader, long seen) {
        if ((seen & required[0]) != required[0]) {
            missing(reader, 0, seen);
        }
    }

    /** After an object of any width: as {@link #checkRequired(JsonIn, long)}, one word per 64 properties. */
    public void checkRequired(JsonIn reader, long[] seen) {
        for (int word = 0; word < required.length; word++) {
            if ((seen[word] & required[word]) != required[word]) {
                missing(reader, word, seen[word]);
            }
        }
    }

    private void missing(JsonIn reader, int word, long seen) {
        if (strictness == JsonValues.Strictness.STRICT) {
            int index = word * 64 + Long.numberOfTrailingZeros(required[word] & ~seen);
            throw new JsonDataException("Required property '" + name(index) + "' of " + schema + " missing at "
                    + StandardJsonAdapters.pathOfRead(reader) + "." + name(index));
        }
    }

    /** Property {@code index}'s name as {@link JsonOut} writes it: quoted, escaped, and followed by a colon. */
    byte[] encoded(int index) {
        return encoded[index];
    }

    /** Property {@code index}'s JSON name. */
    String name(int index) {
        return index < strings.length ? strings[index] : "#" + index;
    }
}
