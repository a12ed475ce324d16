package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import okio.BufferedSink;

/**
 * JSON kept as its text: what a union's {@code Unknown} variant holds, so that a value this client cannot type is
 * written back exactly as it came (its numbers digit for digit, not as doubles).
 */
public final class RawJson {
    private RawJson() {}

    /** The value the reader is at, consumed, as its JSON text. */
    public static String read(JsonIn reader) throws IOException {
        return reader.nextJson();
    }

    /** Writes {@code json}, JSON text, as the next value. */
    public static void write(JsonWriter writer, String json) throws IOException {
        try (BufferedSink sink = writer.valueSink()) {
            sink.writeUtf8(json);
        }
    }
}
