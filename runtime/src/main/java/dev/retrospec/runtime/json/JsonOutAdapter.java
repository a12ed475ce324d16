package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A null-safe Moshi adapter that reads from a {@link JsonIn} and writes through a {@link JsonOut}: read by this
 * runtime's own parser where the client hands it the response's bytes, and written straight into the bytes where
 * the writer is Moshi's own UTF-8 writer, adapters of this kind nested inside one another sharing that output instead of going back
 * through the writer for every name and value. A JSON {@code null} reads as null and a null writes as one, so that
 * the adapter needs no {@code nullSafe()} wrapper, which would hide it from the adapters around it. Generated
 * adapters, and this runtime's adapters for lists, maps, dates and enums, extend it; applications need not.
 */
public abstract class JsonOutAdapter<T> extends JsonAdapter<T> {
    /** Reads one value, which is not a JSON {@code null}. */
    protected abstract @Nullable T read(JsonIn in) throws IOException;

    /** Writes {@code value}, which is not null, as one JSON value. */
    protected abstract void write(JsonOut out, T value) throws IOException;

    /** Reads one value, a JSON {@code null} as null. */
    @Nullable
    T readOrNull(JsonIn in) throws IOException {
        if (in.peek() == JsonReader.Token.NULL) {
            return in.nextNull();
        }
        return read(in);
    }

    /** Reads through {@code reader}'s own methods; {@link JsonIn#read(okio.BufferedSource, JsonAdapter)} is faster. */
    @Override
    public final @Nullable T fromJson(JsonReader reader) throws IOException {
        return readOrNull(JsonIn.of(reader));
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable T value) throws IOException {
        if (value == null) {
            writer.nullValue();
        } else {
            JsonOut.write(writer, value, this);
        }
    }

    /** The adapter's class name ({@code PetJsonAdapter} for a generated one), for messages and debugging. */
    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
