package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import okio.Buffer;

/**
 * The properties of one generated record as its JSON adapter reads them: their names (matched with
 * {@link JsonReader.Options}), which are required, the schema they belong to and how strictly the client holds the
 * server to them. A generated adapter keeps one and asks it, for each value, whether a {@code null} stands where the
 * description allows none, and at the end of each object whether every required property came; the error names the
 * property, the schema and the JSON path. It also holds the names encoded once for
 * {@link JsonOut}, which writes them. Generated adapters use this class; applications need not.
 */
public final class JsonFields {
    private final JsonReader.Options names;
    private final String schema;
    private final JsonValues.Strictness strictness;
    private final long[] required;
    private final byte[][] encoded;

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
        for (int index : required) {
            this.required[index >>> 6] |= 1L << index;
        }
        List<String> strings = names.strings();
        this.encoded = new byte[strings.size()][];
        for (int i = 0; i < encoded.length; i++) {
            Buffer name = new Buffer();
            JsonOut.string(name, strings.get(i));
            encoded[i] = name.writeByte(':').readByteArray();
        }
    }

    /**
     * Whether a value stands at the reader where the description allows no {@code null}: true for a value, which the
     * caller then reads; a {@code null} is consumed and fails naming property {@code index}, or gives false when the
     * client is lenient.
     */
    public boolean present(JsonReader reader, int index) throws IOException {
        if (reader.peek() != JsonReader.Token.NULL) {
            return true;
        }
        String path = reader.getPath();
        reader.nextNull();
        if (strictness == JsonValues.Strictness.STRICT) {
            throw new JsonDataException(
                    "Non-null property '" + name(index) + "' of " + schema + " was null at " + path);
        }
        return false;
    }

    /** Consumes a {@code null} if one stands at the reader, and says whether it did. */
    public static boolean isNull(JsonReader reader) throws IOException {
        if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            return true;
        }
        return false;
    }

    /** Skips a property the record does not know, name and value. */
    public static void skip(JsonReader reader) throws IOException {
        reader.skipName();
        reader.skipValue();
    }

    /**
     * After an object of at most 64 properties: fails naming the first required property whose bit is not in
     * {@code seen} (unless the client is lenient).
     */
    public void checkRequired(JsonReader reader, long seen) {
        if ((seen & required[0]) != required[0]) {
            missing(reader, 0, seen);
        }
    }

    /** After an object of any width: as {@link #checkRequired(JsonReader, long)}, one word per 64 properties. */
    public void checkRequired(JsonReader reader, long[] seen) {
        for (int word = 0; word < required.length; word++) {
            if ((seen[word] & required[word]) != required[word]) {
                missing(reader, word, seen[word]);
            }
        }
    }

    private void missing(JsonReader reader, int word, long seen) {
        if (strictness == JsonValues.Strictness.STRICT) {
            int index = word * 64 + Long.numberOfTrailingZeros(required[word] & ~seen);
            throw new JsonDataException("Required property '" + name(index) + "' of " + schema + " missing at "
                    + StandardJsonAdapters.pathOfRead(reader) + "." + name(index));
        }
    }

    /** Property {@code index}'s JSON name. */
    /** Property {@code index}'s name as {@link JsonOut} writes it: quoted, escaped, and followed by a colon. */
    byte[] encoded(int index) {
        return encoded[index];
    }

    String name(int index) {
        List<String> strings = names.strings();
        return index < strings.size() ? strings.get(index) : "#" + index;
    }
}
