package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Moshi adapters for generated {@code oneOf}/{@code anyOf} sealed interfaces.
 *
 * <p>With a discriminator, generated code uses Moshi's {@code PolymorphicJsonAdapterFactory} and
 * {@link #unknown(Function, Function)} as its fallback, so a subtype this client does not know is kept, not a crash.
 * Without one, {@link #oneOf(Class)} builds an adapter that reads the JSON once and tries each variant in the
 * description's order: first strictly (a name the variant does not have rules it out), then leniently; a value no
 * variant accepts becomes the {@code Unknown} variant. Writing picks the variant by the value's class.
 */
public final class Unions {
    private Unions() {}

    /** A fallback adapter that keeps any JSON as {@code wrap}'s variant and writes it back unchanged. */
    public static <U> JsonAdapter<Object> unknown(
            Function<@Nullable Object, U> wrap, Function<U, @Nullable Object> unwrap) {
        return new JsonAdapter<Object>() {
            @Override
            public Object fromJson(JsonReader reader) throws IOException {
                return wrap.apply(reader.readJsonValue());
            }

            @Override
            @SuppressWarnings("unchecked")
            public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
                writer.jsonValue(value == null ? null : integral(unwrap.apply((U) value)));
            }
        };
    }

    /**
     * Moshi reads every JSON number as a double; written back, {@code 12} would become {@code 12.0}. Whole numbers go
     * back as integers.
     */
    static @Nullable Object integral(@Nullable Object json) {
        if (json instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p53) {
            return d.longValue();
        }
        if (json instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, integral(v)));
            return copy;
        }
        if (json instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(integral(v)));
            return copy;
        }
        return json;
    }

    public static <U> Builder<U> oneOf(Class<U> union) {
        return new Builder<>(union);
    }

    /** Builds the {@link JsonAdapter.Factory} for one union. */
    public static final class Builder<U> {
        private final Class<U> union;
        private final List<Variant<U, ?, ?>> variants = new ArrayList<>();
        private @Nullable Function<@Nullable Object, ? extends U> unknown;
        private @Nullable Function<? super U, @Nullable Object> unknownValue;
        private @Nullable Class<? extends U> unknownClass;

        private Builder(Class<U> union) {
            this.union = Objects.requireNonNull(union, "union == null");
        }

        /** A variant that is itself a class implementing the union (a record). */
        public <V extends U> Builder<U> variant(Class<V> type) {
            variants.add(new Variant<>(type, type, Function.identity(), Function.identity()));
            return this;
        }

        /** A variant that wraps a value of {@code valueType} (a string, a number, a list, ...). */
        public <W extends U, V> Builder<U> wrapper(
                Class<W> wrapper, Type valueType, Function<V, W> wrap, Function<W, V> unwrap) {
            variants.add(new Variant<>(wrapper, valueType, wrap, unwrap));
            return this;
        }

        /** Where JSON that no variant accepts goes, kept whole. */
        public <W extends U> Builder<U> unknown(
                Class<W> type, Function<@Nullable Object, W> wrap, Function<W, @Nullable Object> unwrap) {
            this.unknownClass = type;
            this.unknown = wrap;
            @SuppressWarnings("unchecked")
            Function<? super U, @Nullable Object> value = u -> unwrap.apply((W) u);
            this.unknownValue = value;
            return this;
        }

        public JsonAdapter.Factory build() {
            List<Variant<U, ?, ?>> all = List.copyOf(variants);
            Function<@Nullable Object, ? extends U> fallback = unknown;
            Function<? super U, @Nullable Object> fallbackValue = unknownValue;
            Class<? extends U> fallbackClass = unknownClass;
            return (Type type, Set<? extends Annotation> annotations, Moshi moshi) -> {
                if (!annotations.isEmpty() || Types.getRawType(type) != union) {
                    return null;
                }
                List<JsonAdapter<Object>> adapters = new ArrayList<>();
                for (Variant<U, ?, ?> variant : all) {
                    adapters.add(moshi.adapter(variant.valueType()));
                }
                return new UnionAdapter<>(union, all, adapters, fallback, fallbackValue, fallbackClass).nullSafe();
            };
        }
    }

    private record Variant<U, W extends U, V>(
            Class<W> type, Type valueType, Function<V, W> wrap, Function<W, V> unwrap) {
        @SuppressWarnings("unchecked")
        U wrapValue(Object value) {
            return wrap.apply((V) value);
        }

        @SuppressWarnings("unchecked")
        Object unwrapValue(Object value) {
            return unwrap.apply((W) value);
        }
    }

    private static final class UnionAdapter<U> extends JsonAdapter<U> {
        private final Class<U> union;
        private final List<Variant<U, ?, ?>> variants;
        private final List<JsonAdapter<Object>> adapters;
        private final @Nullable Function<@Nullable Object, ? extends U> unknown;
        private final @Nullable Function<? super U, @Nullable Object> unknownValue;
        private final @Nullable Class<? extends U> unknownClass;

        UnionAdapter(
                Class<U> union,
                List<Variant<U, ?, ?>> variants,
                List<JsonAdapter<Object>> adapters,
                @Nullable Function<@Nullable Object, ? extends U> unknown,
                @Nullable Function<? super U, @Nullable Object> unknownValue,
                @Nullable Class<? extends U> unknownClass) {
            this.union = union;
            this.variants = variants;
            this.adapters = adapters;
            this.unknown = unknown;
            this.unknownValue = unknownValue;
            this.unknownClass = unknownClass;
        }

        @Override
        public U fromJson(JsonReader reader) throws IOException {
            String path = reader.getPath();
            Object json = reader.readJsonValue();
            for (boolean strict : new boolean[] {true, false}) {
                for (int i = 0; i < variants.size(); i++) {
                    JsonAdapter<Object> adapter = strict ? adapters.get(i).failOnUnknown() : adapters.get(i);
                    try {
                        Object value = adapter.fromJsonValue(json);
                        if (value != null) {
                            return variants.get(i).wrapValue(value);
                        }
                    } catch (JsonDataException | IllegalArgumentException | ClassCastException notThisOne) {
                        // try the next variant
                    }
                }
            }
            if (unknown != null) {
                return unknown.apply(json);
            }
            throw new JsonDataException("No variant of " + union.getSimpleName() + " matches the value at " + path);
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable U value) throws IOException {
            if (value == null) {
                writer.nullValue();
                return;
            }
            for (int i = 0; i < variants.size(); i++) {
                if (variants.get(i).type().isInstance(value)) {
                    adapters.get(i).toJson(writer, variants.get(i).unwrapValue(value));
                    return;
                }
            }
            if (unknownClass != null && unknownClass.isInstance(value) && unknownValue != null) {
                writer.jsonValue(integral(unknownValue.apply(value)));
                return;
            }
            throw new IllegalArgumentException("not a variant of " + union.getSimpleName() + ": " + value.getClass());
        }

        @Override
        public String toString() {
            return "JsonAdapter(oneOf " + union.getSimpleName() + ")";
        }
    }
}
