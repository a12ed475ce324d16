package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Moshi adapters for generated enums: classes with a constant per value the description lists, whose
 * {@code of(String)} also accepts values it does not list (an API may add values at any time). Unknown values
 * read without failing and are written back exactly as they came.
 */
public final class OpenEnums {
    private OpenEnums() {}

    /**
     * An adapter for an open enum, reading and writing its value as a JSON string.
     *
     * @param of the enum's {@code of}: the constant for a known value, a new instance for an unknown one
     * @param value the enum's {@code value}: the string on the wire
     */
    public static <T> JsonAdapter<T> adapter(Function<String, T> of, Function<T, String> value) {
        Objects.requireNonNull(of, "of == null");
        Objects.requireNonNull(value, "value == null");
        return new JsonAdapter<T>() {
            @Override
            public @Nullable T fromJson(JsonReader reader) throws IOException {
                JsonReader.Token token = reader.peek();
                if (token == JsonReader.Token.NULL) {
                    return reader.nextNull();
                }
                if (token != JsonReader.Token.STRING
                        && token != JsonReader.Token.NUMBER
                        && token != JsonReader.Token.BOOLEAN) {
                    throw new JsonDataException(
                            "Expected an enum value but was " + token + " at path " + reader.getPath());
                }
                return of.apply(
                        token == JsonReader.Token.BOOLEAN ? String.valueOf(reader.nextBoolean()) : reader.nextString());
            }

            @Override
            public void toJson(JsonWriter writer, @Nullable T enumValue) throws IOException {
                if (enumValue == null) {
                    writer.nullValue();
                } else {
                    writer.value(value.apply(enumValue));
                }
            }

            @Override
            public String toString() {
                return "JsonAdapter(open enum)";
            }
        };
    }
}
