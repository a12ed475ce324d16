package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonQualifier;
import com.squareup.moshi.Moshi;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Objects;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Reads JSON response bodies with {@link JsonIn}'s own parser wherever Moshi's adapter for the type is a
 * {@link JsonOutAdapter} (a generated model, or a list or map of them), and leaves every other type, and every request
 * body, to the converter factories after it (Retrofit's Moshi converter). Added by the generated client before that
 * one; what it reads, and how strictly, is what Moshi's reader would read.
 */
public final class JsonConverters extends Converter.Factory {
    private static final ByteString UTF8_BOM = ByteString.decodeHex("efbbbf");

    private final Moshi moshi;

    private JsonConverters(Moshi moshi) {
        this.moshi = moshi;
    }

    public static JsonConverters create(Moshi moshi) {
        return new JsonConverters(Objects.requireNonNull(moshi, "moshi == null"));
    }

    @Override
    public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
            Type type, Annotation[] annotations, Retrofit retrofit) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().isAnnotationPresent(JsonQualifier.class)) {
                return null; // Moshi's converter picks the qualified adapter
            }
        }
        JsonAdapter<?> adapter = moshi.adapter(type);
        if (!(adapter instanceof JsonOutAdapter<?>)) {
            return null;
        }
        return body -> read(body, adapter);
    }

    private static <T> @Nullable T read(ResponseBody body, JsonAdapter<T> adapter) throws java.io.IOException {
        try (body) {
            BufferedSource source = body.source();
            if (source.rangeEquals(0, UTF8_BOM)) {
                source.skip(UTF8_BOM.size());
            }
            return JsonIn.read(source, adapter);
        }
    }

    @Override
    public String toString() {
        return "JsonConverters";
    }
}
