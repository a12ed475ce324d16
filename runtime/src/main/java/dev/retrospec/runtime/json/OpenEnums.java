package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.retrospec.runtime.OpenEnum;
import dev.retrospec.runtime.WireEnum;
import java.io.IOException;
import java.util.Objects;

/**
 * Moshi adapters for generated enums: {@link OpenEnum} values, which read any text (an API may add values at any
 * time) and write it back exactly as it came, and the enums' constants themselves, written as their
 * {@link WireEnum#value() value}.
 */
public final class OpenEnums {
    private OpenEnums() {}

    /** An adapter for the open values of {@code type}, as JSON strings. */
    public static <E extends Enum<E> & WireEnum> JsonAdapter<OpenEnum<E>> adapter(Class<E> type) {
        Objects.requireNonNull(type, "type == null");
        OpenEnum.of(type, ""); // fails now, not at the first read, if type is not a generated enum
        return new JsonOutAdapter<OpenEnum<E>>() {
            @Override
            protected OpenEnum<E> read(JsonIn reader) throws IOException {
                return OpenEnum.of(type, text(reader));
            }

            @Override
            protected void write(JsonOut out, OpenEnum<E> value) throws IOException {
                out.value(value.value());
            }

            @Override
            public String toString() {
                return "JsonAdapter(OpenEnum<" + type.getSimpleName() + ">)";
            }
        };
    }

    /**
     * An adapter for the constants of {@code type}, written as their values; a value the enum does not have fails to
     * read, naming the path. Where the API may send values this client does not know, use {@link #adapter(Class)}.
     */
    public static <E extends Enum<E> & WireEnum> JsonAdapter<E> constants(Class<E> type) {
        Objects.requireNonNull(type, "type == null");
        OpenEnum.of(type, ""); // fails now, not at the first read, if type is not a generated enum
        return new JsonOutAdapter<E>() {
            @Override
            protected E read(JsonIn reader) throws IOException {
                String path = reader.getPath();
                OpenEnum<E> value = OpenEnum.of(type, text(reader));
                E known = value.known();
                if (known == null) {
                    throw new JsonDataException("Expected one of the values of " + type.getSimpleName() + " but was '"
                            + shortened(value.value()) + "' at path " + path);
                }
                return known;
            }

            @Override
            protected void write(JsonOut out, E value) throws IOException {
                out.value(value.value());
            }

            @Override
            public String toString() {
                return "JsonAdapter(" + type.getSimpleName() + ")";
            }
        };
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A value as text: enums are strings, but some APIs send their numbers and booleans bare. */
    private static String text(JsonIn reader) throws IOException {
        JsonReader.Token token = reader.peek();
        if (token == JsonReader.Token.BOOLEAN) {
            return String.valueOf(reader.nextBoolean());
        }
        if (token != JsonReader.Token.STRING && token != JsonReader.Token.NUMBER) {
            throw new JsonDataException("Expected an enum value but was " + token + " at path " + reader.getPath());
        }
        return reader.nextString();
    }
}
