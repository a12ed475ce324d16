package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lists, sets and string-keyed maps read as unmodifiable collections, in the JSON's order: a model's arrays cannot be
 * changed behind its back, and two records holding the same JSON compare equal.
 */
final class UnmodifiableCollections {
    private UnmodifiableCollections() {}

    static @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
        if (!annotations.isEmpty() || !(type instanceof ParameterizedType parameterized)) {
            return null;
        }
        Class<?> raw = Types.getRawType(type);
        Type[] arguments = parameterized.getActualTypeArguments();
        if (raw == List.class || raw == Collection.class) {
            return new ListAdapter<>(moshi.adapter(arguments[0]), scalar(arguments[0]));
        }
        if (raw == Set.class) {
            return new SetAdapter<>(moshi.adapter(arguments[0]), scalar(arguments[0]));
        }
        if (raw == Map.class && arguments[0] == String.class) {
            return new MapAdapter<>(moshi.adapter(arguments[1]), scalar(arguments[1]));
        }
        return null;
    }

    /**
     * Whether elements of {@code type} are text, numbers or booleans, which are written as they are, as the generated
     * adapters write such properties, not through the adapter Moshi has for them.
     */
    private static boolean scalar(Type type) {
        return type == String.class
                || type == Boolean.class
                || type == Long.class
                || type == Integer.class
                || type == Double.class
                || type == Float.class;
    }

    /** An element: written as it is where it is text, a number or a boolean, else by {@code adapter}. */
    private static <E> void element(JsonOut out, @Nullable E item, JsonAdapter<E> adapter, boolean scalar)
            throws IOException {
        if (item == null) {
            out.nullValue();
        } else if (!scalar) {
            out.value(item, adapter);
        } else if (item instanceof String text) {
            out.value(text);
        } else if (item instanceof Boolean bool) {
            out.value(bool.booleanValue());
        } else {
            out.value((Number) item);
        }
    }

    private static final class ListAdapter<E> extends JsonOutAdapter<List<@Nullable E>> {
        private final JsonAdapter<E> element;
        private final boolean scalar;

        ListAdapter(JsonAdapter<E> element, boolean scalar) {
            this.element = element;
            this.scalar = scalar;
        }

        @Override
        protected List<@Nullable E> read(JsonReader reader) throws IOException {
            List<@Nullable E> list = new ArrayList<>();
            reader.beginArray();
            while (reader.hasNext()) {
                list.add(element.fromJson(reader));
            }
            reader.endArray();
            return Collections.unmodifiableList(list);
        }

        @Override
        protected void write(JsonOut out, List<@Nullable E> value) throws IOException {
            out.beginArray();
            for (E item : value) {
                element(out, item, element, scalar);
            }
            out.endArray();
        }

        @Override
        public String toString() {
            return element + ".unmodifiableList()";
        }
    }

    private static final class SetAdapter<E> extends JsonOutAdapter<Set<@Nullable E>> {
        private final JsonAdapter<E> element;
        private final boolean scalar;

        SetAdapter(JsonAdapter<E> element, boolean scalar) {
            this.element = element;
            this.scalar = scalar;
        }

        @Override
        protected Set<@Nullable E> read(JsonReader reader) throws IOException {
            Set<@Nullable E> set = new LinkedHashSet<>();
            reader.beginArray();
            while (reader.hasNext()) {
                set.add(element.fromJson(reader));
            }
            reader.endArray();
            return Collections.unmodifiableSet(set);
        }

        @Override
        protected void write(JsonOut out, Set<@Nullable E> value) throws IOException {
            out.beginArray();
            for (E item : value) {
                element(out, item, element, scalar);
            }
            out.endArray();
        }

        @Override
        public String toString() {
            return element + ".unmodifiableSet()";
        }
    }

    private static final class MapAdapter<V> extends JsonOutAdapter<Map<String, @Nullable V>> {
        private final JsonAdapter<V> value;
        private final boolean scalar;

        MapAdapter(JsonAdapter<V> value, boolean scalar) {
            this.value = value;
            this.scalar = scalar;
        }

        @Override
        protected Map<String, @Nullable V> read(JsonReader reader) throws IOException {
            Map<String, @Nullable V> map = new LinkedHashMap<>();
            reader.beginObject();
            while (reader.hasNext()) {
                map.put(reader.nextName(), value.fromJson(reader));
            }
            reader.endObject();
            return Collections.unmodifiableMap(map);
        }

        @Override
        protected void write(JsonOut out, Map<String, @Nullable V> map) throws IOException {
            out.beginObject();
            for (Map.Entry<String, @Nullable V> entry : map.entrySet()) {
                element(out.name(entry.getKey()), entry.getValue(), value, scalar);
            }
            out.endObject();
        }

        @Override
        public String toString() {
            return value + ".unmodifiableMap()";
        }
    }
}
