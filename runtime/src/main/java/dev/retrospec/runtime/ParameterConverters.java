package dev.retrospec.runtime;

import com.squareup.moshi.Json;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Writes path, query, header and form values the way the API expects them: generated enums by their
 * {@link WireEnum#value() value}, other enum constants by their wire name ({@code @Json(name = ...)}), date-times in RFC 3339 with seconds, {@link Delimited} arrays joined, and
 * {@link Cookie} parameters as {@code name=value} ({@link CookieHeader#pair}, encoded). Everything else falls through to Retrofit's {@code toString()}.
 */
public final class ParameterConverters extends Converter.Factory {
    private static final ParameterConverters INSTANCE = new ParameterConverters();

    private static final ClassValue<Map<String, String>> WIRE_NAMES = new ClassValue<>() {
        @Override
        protected Map<String, String> computeValue(Class<?> type) {
            Map<String, String> names = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                try {
                    Json json = type.getField(name).getAnnotation(Json.class);
                    names.put(name, json != null ? json.name() : name);
                } catch (NoSuchFieldException e) {
                    throw new AssertionError("enum constant without a field: " + name, e);
                }
            }
            return names;
        }
    };

    private ParameterConverters() {}

    /** A union's value as the parameter it stands for: what a wrapper holds, converted as its own type would be. */
    @SuppressWarnings("unchecked") // the wrapped value's converter is asked for by its own class
    private static String wrapped(Object value, Retrofit retrofit, Annotation[] annotations) throws IOException {
        if (!(value instanceof Union.Wrapper wrapper)) {
            throw new IllegalArgumentException("a " + value.getClass().getSimpleName()
                    + " is an object: OpenAPI gives it no form as a single path, query, header or cookie value");
        }
        Object inner = wrapper.value();
        Converter<Object, String> converter =
                (Converter<Object, String>) retrofit.stringConverter(inner.getClass(), annotations);
        String converted = converter.convert(inner);
        return converted == null ? String.valueOf(inner) : converted;
    }

    public static ParameterConverters create() {
        return INSTANCE;
    }

    @Override
    public @Nullable Converter<?, String> stringConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
        for (int i = 0; i < annotations.length; i++) {
            if (annotations[i] instanceof Cookie cookie) {
                Annotation[] rest = new Annotation[annotations.length - 1];
                System.arraycopy(annotations, 0, rest, 0, i);
                System.arraycopy(annotations, i + 1, rest, i, annotations.length - i - 1);
                Converter<Object, String> value = retrofit.stringConverter(type, rest);
                return v -> CookieHeader.pair(cookie.value(), String.valueOf(value.convert(v)));
            }
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Delimited.class) {
            Converter<Object, String> element =
                    retrofit.stringConverter(parameterized.getActualTypeArguments()[0], annotations);
            return value -> {
                Delimited<?> delimited = (Delimited<?>) value;
                StringBuilder joined = new StringBuilder();
                for (Object item : delimited.values()) {
                    if (joined.length() > 0) {
                        joined.append(delimited.delimiter());
                    }
                    joined.append(element.convert(item));
                }
                return joined.toString();
            };
        }
        if (type instanceof Class<?> c && WireEnum.class.isAssignableFrom(c)) {
            return value -> ((WireEnum) value).value();
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == OpenEnum.class) {
            return value -> ((OpenEnum<?>) value).value();
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            Map<String, String> names = WIRE_NAMES.get(c);
            return value -> {
                String name = ((Enum<?>) value).name();
                return names.getOrDefault(name, name);
            };
        }
        if (type == OffsetDateTime.class) {
            return value -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value);
        }
        if (type == ByteString.class) {
            return value -> ((ByteString) value).base64();
        }
        if (type == BigDecimal.class) {
            return value -> ((BigDecimal) value).toPlainString();
        }
        if (type instanceof Class<?> c && Union.class.isAssignableFrom(c)) {
            return value -> wrapped(value, retrofit, annotations);
        }
        return null;
    }
}
