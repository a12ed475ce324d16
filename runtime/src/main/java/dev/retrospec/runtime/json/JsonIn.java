package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link JsonOutAdapter} reads one value from. Over JSON text handed to {@link #read(BufferedSource,
 * JsonAdapter)} (what the generated client does with a response body), this class parses the UTF-8 bytes itself: a
 * property's name is matched against the record's names as bytes, in one hash lookup, and adapters of this kind nested
 * inside one another share the parser. Called through Moshi's {@link JsonAdapter#fromJson(JsonReader)}, every call
 * goes to that reader instead, so that its settings (leniency, failing on unknown names) and its path hold.
 *
 * <p>Either way a value reads as Moshi's reader reads it in its strict mode: the same strings, the same numbers (a
 * {@code long} exactly, an {@code int} only where the number is one, text where a number is asked for only if it is
 * one, a number a read refused left to be read again), the same refusals of malformed JSON, no deeper nesting than
 * Moshi allows, and errors naming the same JSON path. Two differences, both refusals of text that is not JSON: a value
 * taken as text ({@link #nextJson()}, a union's unknown variant) must be well-formed, where Moshi passes it on
 * unchecked; and a byte 0xFF after the document is an error, where Moshi takes it for the end of the text. A value
 * whose adapter is not a {@link JsonOutAdapter} (a type the application mapped to a class with an adapter of its own)
 * is read by that adapter from a reader of its own over the value's text, which it must read whole: paths in its
 * messages start at that value. Generated adapters use this class; applications need not, other than through
 * {@link #read(BufferedSource, JsonAdapter)}.
 */
public abstract class JsonIn {
    JsonIn() {}

    /**
     * Reads one JSON document from {@code source} with {@code adapter}, and fails unless the document ends there: with
     * this class's own parser where the adapter is a {@link JsonOutAdapter}, through Moshi's reader otherwise.
     */
    public static <T> @Nullable T read(BufferedSource source, JsonAdapter<T> adapter) throws IOException {
        if (adapter instanceof JsonOutAdapter<T> own) {
            Utf8In in = new Utf8In(source);
            T value = own.readOrNull(in);
            if (in.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new JsonDataException("JSON document was not fully consumed.");
            }
            return value;
        }
        JsonReader reader = JsonReader.of(source);
        T value = adapter.fromJson(reader);
        if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
            throw new JsonDataException("JSON document was not fully consumed.");
        }
        return value;
    }

    /** Every call goes to {@code reader}. */
    static JsonIn of(JsonReader reader) {
        return new ReaderIn(reader);
    }

    /**
     * The value here, read by {@code adapter}: by the adapter itself, sharing this input, where it is a
     * {@link JsonOutAdapter}; otherwise from a reader over the value's text (or from the reader this input goes to).
     * A JSON {@code null} reads as null unless the adapter makes something of it.
     */
    public <T> @Nullable T read(JsonAdapter<T> adapter) throws IOException {
        if (adapter instanceof JsonOutAdapter<T> own) {
            return own.readOrNull(this);
        }
        return foreign(adapter);
    }

    abstract <T> @Nullable T foreign(JsonAdapter<T> adapter) throws IOException;

    // Property values as a generated adapter reads them. A null is taken as JsonFields says property `index` allows:
    // null (or zero, false) where its description allows it or the client is lenient, else a JsonDataException that
    // names the property, the schema and the path.

    /** Whether a {@code null} stands here; if so, it is taken as property {@code index}'s value. */
    private boolean takesNull(JsonFields fields, int index) throws IOException {
        if (peek() != JsonReader.Token.NULL) {
            return false;
        }
        fields.takeNull(this, index);
        return true;
    }

    /** Property {@code index}'s text. */
    public final @Nullable String string(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : nextString();
    }

    /** Property {@code index}'s boolean; false for a null taken. */
    public final boolean bool(JsonFields fields, int index) throws IOException {
        return !takesNull(fields, index) && nextBoolean();
    }

    /** As {@link #bool(JsonFields, int)}, null for a null taken. */
    public final @Nullable Boolean boolOrNull(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : nextBoolean();
    }

    /** Property {@code index}'s {@code int}, which the number must be exactly; 0 for a null taken. */
    public final int int32(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? 0 : nextInt();
    }

    /** As {@link #int32(JsonFields, int)}, null for a null taken. */
    public final @Nullable Integer int32OrNull(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : nextInt();
    }

    /** Property {@code index}'s {@code long}, which the number must be exactly; 0 for a null taken. */
    public final long int64(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? 0L : nextLong();
    }

    /** As {@link #int64(JsonFields, int)}, null for a null taken. */
    public final @Nullable Long int64OrNull(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : nextLong();
    }

    /** Property {@code index}'s number as a {@code float}; 0 for a null taken. */
    public final float float32(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? 0F : (float) nextDouble();
    }

    /** As {@link #float32(JsonFields, int)}, null for a null taken. */
    public final @Nullable Float float32OrNull(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : (float) nextDouble();
    }

    /** Property {@code index}'s number as a {@code double}; 0 for a null taken. */
    public final double float64(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? 0D : nextDouble();
    }

    /** As {@link #float64(JsonFields, int)}, null for a null taken. */
    public final @Nullable Double float64OrNull(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : nextDouble();
    }

    /** Property {@code index}'s number, exactly, as {@link JsonValues#decimal(JsonIn)} reads it. */
    public final @Nullable BigDecimal decimal(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : JsonValues.decimal(this);
    }

    /** Property {@code index}'s integer, exactly, as {@link JsonValues#bigInteger(JsonIn)} reads it. */
    public final @Nullable BigInteger bigInteger(JsonFields fields, int index) throws IOException {
        return takesNull(fields, index) ? null : JsonValues.bigInteger(this);
    }

    /** Property {@code index}'s value, read by {@code adapter} as {@link #read(JsonAdapter)} reads; a null is taken. */
    public final <T> @Nullable T value(JsonFields fields, int index, JsonAdapter<T> adapter) throws IOException {
        return takesNull(fields, index) ? null : read(adapter);
    }

    public abstract JsonReader.Token peek() throws IOException;

    public abstract boolean hasNext() throws IOException;

    public abstract void beginObject() throws IOException;

    public abstract void endObject() throws IOException;

    public abstract void beginArray() throws IOException;

    public abstract void endArray() throws IOException;

    /**
     * The index in {@code fields} of the property name here, consumed; or -1, the name left to be read or skipped,
     * where the record has no such property.
     */
    public abstract int select(JsonFields fields) throws IOException;

    public abstract String nextName() throws IOException;

    public abstract void skipName() throws IOException;

    public abstract String nextString() throws IOException;

    public abstract boolean nextBoolean() throws IOException;

    public abstract <T> @Nullable T nextNull() throws IOException;

    public abstract double nextDouble() throws IOException;

    public abstract long nextLong() throws IOException;

    public abstract int nextInt() throws IOException;

    public abstract void skipValue() throws IOException;

    /** Consumes the value here, which was read already on a peek: as a read, not a skip, as far as the path goes. */
    abstract void passOver() throws IOException;

    /** The value here, consumed, as its JSON text (exactly as it came where this class parses it). */
    public abstract String nextJson() throws IOException;

    /** The value here as Moshi reads a free-form value: maps, lists, strings, doubles, booleans and nulls. */
    public @Nullable Object readJsonValue() throws IOException {
        switch (peek()) {
            case BEGIN_ARRAY -> {
                List<@Nullable Object> list = new ArrayList<>();
                beginArray();
                while (hasNext()) {
                    list.add(readJsonValue());
                }
                endArray();
                return list;
            }
            case BEGIN_OBJECT -> {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                beginObject();
                while (hasNext()) {
                    String name = nextName();
                    Object value = readJsonValue();
                    if (map.put(name, value) != null) {
                        throw new JsonDataException("Map key '" + name + "' has multiple values at path " + getPath());
                    }
                }
                endObject();
                return map;
            }
            case STRING -> {
                return nextString();
            }
            case NUMBER -> {
                return nextDouble();
            }
            case BOOLEAN -> {
                return nextBoolean();
            }
            case NULL -> {
                return nextNull();
            }
            default -> throw new JsonDataException("Expected a value but was " + peek() + " at path " + getPath());
        }
    }

    /**
     * An input that reads on from here without consuming anything, as Moshi's {@link JsonReader#peekJson()} does: for
     * trying a union's variants. It goes only as far as it is read, and its paths go on from this input's.
     */
    public abstract JsonIn peekJson() throws IOException;

    /** The JSON path of the value here, as Moshi writes it: {@code $.items[3].name}. */
    public abstract String getPath();

    /** Every call goes to a Moshi reader. */
    private static final class ReaderIn extends JsonIn {
        private final JsonReader reader;

        ReaderIn(JsonReader reader) {
            this.reader = reader;
        }

        @Override
        <T> @Nullable T foreign(JsonAdapter<T> adapter) throws IOException {
            return adapter.fromJson(reader);
        }

        @Override
        public JsonReader.Token peek() throws IOException {
            return reader.peek();
        }

        @Override
        public boolean hasNext() throws IOException {
            return reader.hasNext();
        }

        @Override
        public void beginObject() throws IOException {
            reader.beginObject();
        }

        @Override
        public void endObject() throws IOException {
            reader.endObject();
        }

        @Override
        public void beginArray() throws IOException {
            reader.beginArray();
        }

        @Override
        public void endArray() throws IOException {
            reader.endArray();
        }

        @Override
        public int select(JsonFields fields) throws IOException {
            return reader.selectName(fields.options());
        }

        @Override
        public String nextName() throws IOException {
            return reader.nextName();
        }

        @Override
        public void skipName() throws IOException {
            reader.skipName();
        }

        @Override
        public String nextString() throws IOException {
            return reader.nextString();
        }

        @Override
        public boolean nextBoolean() throws IOException {
            return reader.nextBoolean();
        }

        @Override
        public <T> @Nullable T nextNull() throws IOException {
            return reader.nextNull();
        }

        @Override
        public double nextDouble() throws IOException {
            return reader.nextDouble();
        }

        @Override
        public long nextLong() throws IOException {
            return reader.nextLong();
        }

        @Override
        public int nextInt() throws IOException {
            return reader.nextInt();
        }

        @Override
        public void skipValue() throws IOException {
            reader.skipValue();
        }

        @Override
        void passOver() throws IOException {
            try (BufferedSource source = reader.nextSource()) {
                source.readAll(Okio.blackhole()); // not skipValue(), which a reader failing on unknown names refuses
            }
        }

        @Override
        public String nextJson() throws IOException {
            try (BufferedSource source = reader.nextSource()) {
                return source.readUtf8();
            }
        }

        @Override
        public @Nullable Object readJsonValue() throws IOException {
            return reader.readJsonValue();
        }

        @Override
        public JsonIn peekJson() {
            return new ReaderIn(reader.peekJson());
        }

        @Override
        public String getPath() {
            return reader.getPath();
        }
    }
}
