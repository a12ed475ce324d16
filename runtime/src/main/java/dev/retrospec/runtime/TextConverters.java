package dev.retrospec.runtime;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.http.Part;

/**
 * Text where the description says text: {@code String} bodies and responses of {@link PlainText} operations, and
 * the text fields of multipart bodies ({@code String}, numbers, booleans as {@code text/plain} parts). Everything else
 * is left to the JSON converter, so a JSON string stays a JSON string.
 */
public final class TextConverters extends Converter.Factory {
    private static final TextConverters INSTANCE = new TextConverters();
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Set<Type> SCALARS = Set.of(
            String.class,
            Integer.class,
            Long.class,
            Double.class,
            Float.class,
            Boolean.class,
            java.math.BigDecimal.class);

    private TextConverters() {}

    public static TextConverters create() {
        return INSTANCE;
    }

    @Override
    public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
            Type type, Annotation[] annotations, Retrofit retrofit) {
        if (type == String.class && has(annotations, PlainText.class)) {
            return ResponseBody::string;
        }
        return null;
    }

    @Override
    public @Nullable Converter<?, RequestBody> requestBodyConverter(
            Type type, Annotation[] parameterAnnotations, Annotation[] methodAnnotations, Retrofit retrofit) {
        boolean textPart = SCALARS.contains(type) && has(parameterAnnotations, Part.class);
        boolean textBody = type == String.class && has(methodAnnotations, PlainText.class);
        if (textPart || textBody) {
            return value -> RequestBody.create(String.valueOf(value), TEXT);
        }
        return null;
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
        for (Annotation annotation : annotations) {
            if (type.isInstance(annotation)) {
                return true;
            }
        }
        return false;
    }
}
