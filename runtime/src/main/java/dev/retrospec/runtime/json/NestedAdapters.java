package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The adapters one adapter asks Moshi for, for the values it holds, made fit for {@link JsonOut} to write without a
 * writer of its own (see {@link JsonOut#adapter(Moshi, Type)}).
 */
final class NestedAdapters {
    private NestedAdapters() {}

    private static final Set<Type> SCALARS =
            Set.of(String.class, Boolean.class, Long.class, Integer.class, Double.class, Float.class);

    static <T> JsonAdapter<T> of(Moshi moshi, Type type) {
        JsonAdapter<T> adapter = moshi.adapter(type);
        if (adapter instanceof JsonOutAdapter) {
            return adapter;
        }
        if (SCALARS.contains(type)) {
            return new Scalar<>(adapter, (Class<?>) type);
        }
        if (type == Object.class) {
            @SuppressWarnings("unchecked") // type is Object: so is T
            JsonAdapter<T> any = (JsonAdapter<T>) new AnyValue((JsonAdapter<Object>) adapter);
            return any;
        }
        return new Resolving<>(moshi, type, adapter);
    }

    /**
     * Read by {@link #read} and written by {@link #write} as far as JsonIn and JsonOut go, as Moshi's own adapters
     * would; where there is no JsonOut around (the value may be a map's key), written by Moshi's adapter.
     */
    private abstract static class Inline<T> extends JsonOutAdapter<T> {
        final JsonAdapter<T> moshi;

        Inline(JsonAdapter<T> moshi) {
            this.moshi = moshi;
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable T value) throws IOException {
            moshi.toJson(writer, value);
        }

        @Override
        public String toString() {
            return moshi.toString();
        }
    }

    /** Text, a number or a boolean, read and written as it is. */
    private static final class Scalar<T> extends Inline<T> {
        private final Class<?> type;

        Scalar(JsonAdapter<T> moshi, Class<?> type) {
            super(moshi);
            this.type = type;
        }

        @Override
        @SuppressWarnings("unchecked") // T is type, one of SCALARS
        protected T read(JsonIn in) throws IOException {
            Object value;
            if (type == String.class) {
                value = in.nextString();
            } else if (type == Long.class) {
                value = in.nextLong();
            } else if (type == Integer.class) {
                value = in.nextInt();
            } else if (type == Boolean.class) {
                value = in.nextBoolean();
            } else if (type == Double.class) {
                value = in.nextDouble();
            } else {
                float number = (float) in.nextDouble();
                if (Float.isInfinite(number)) {
                    throw new JsonDataException("JSON forbids NaN and infinities: " + number + " at path "
                            + StandardJsonAdapters.pathOfRead(in));
                }
                value = number;
            }
            return (T) value;
        }

        @Override
        protected void write(JsonOut out, T value) throws IOException {
            out.scalar(value);
        }
    }

    /**
     * A free-form value: text, numbers, booleans, lists and string-keyed maps of them written as they are, anything
     * else by Moshi's adapter.
     */
    private static final class AnyValue extends Inline<Object> {
        AnyValue(JsonAdapter<Object> moshi) {
            super(moshi);
        }

        @Override
        protected @Nullable Object read(JsonIn in) throws IOException {
            return in.readJsonValue();
        }

        @Override
        protected void write(JsonOut out, Object value) throws IOException {
            if (value instanceof String
                    || value instanceof Boolean
                    || value instanceof Long
                    || value instanceof Integer
                    || value instanceof Double
                    || value instanceof Float
                    || value instanceof BigDecimal
                    || value instanceof BigInteger) {
                out.scalar(value);
            } else if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(k -> k instanceof String)) {
                out.beginObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.name((String) entry.getKey()).value(entry.getValue(), this);
                }
                out.endObject();
            } else if (value instanceof Collection<?> items) {
                out.beginArray();
                for (Object item : items) {
                    out.value(item, this);
                }
                out.endArray();
            } else {
                out.value(value, moshi);
            }
        }
    }

    /**
     * Any other adapter: Moshi hands out a placeholder while the adapter of a recursive type is still being made (a
     * tree's list of trees), and asked again after that gives the adapter itself, which may be one JsonOut writes
     * through.
     */
    private static final class Resolving<T> extends JsonOutAdapter<T> {
        private final Moshi moshi;
        private final Type type;
        private volatile JsonAdapter<T> adapter;
        private volatile boolean resolved;

        Resolving(Moshi moshi, Type type, JsonAdapter<T> adapter) {
            this.moshi = moshi;
            this.type = type;
            this.adapter = adapter;
        }

        private JsonAdapter<T> adapter() {
            if (!resolved) {
                adapter = moshi.adapter(type);
                resolved = true;
            }
            return adapter;
        }

        @Override
        protected @Nullable T read(JsonIn in) throws IOException {
            return in.read(adapter());
        }

        @Override
        @Nullable
        T readOrNull(JsonIn in) throws IOException {
            return in.read(adapter()); // a null too: the adapter may read it as something
        }

        @Override
        protected void write(JsonOut out, T value) throws IOException {
            out.value(value, adapter());
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable T value) throws IOException {
            adapter().toJson(writer, value);
        }

        @Override
        public String toString() {
            return adapter.toString();
        }
    }
}
