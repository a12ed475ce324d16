package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
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
            return new ListAdapter<>(moshi.adapter(arguments[0])).nullSafe();
        }
        if (raw == Set.class) {
            return new SetAdapter<>(moshi.adapter(arguments[0])).nullSafe();
        }
        if (raw == Map.class && arguments[0] == String.class) {
            return new MapAdapter<>(moshi.adapter(arguments[1])).nullSafe();
        }
        return null;
    }

    private static final class ListAdapter<E> extends JsonAdapter<List<@Nullable E>> {
        private final JsonAdapter<E> element;

        ListAdapter(JsonAdapter<E> element) {
            this.element = element;
        }

        @Override
        public List<@Nullable E> fromJson(JsonReader reader) throws IOException {
            List<@Nullable E> list = new ArrayList<>();
            reader.beginArray();
            while (reader.hasNext()) {
                list.add(element.fromJson(reader));
            }
            reader.endArray();
            return Collections.unmodifiableList(list);
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable List<@Nullable E> value) throws IOException {
            writer.beginArray();
            if (value != null) {
                for (E item : value) {
                    element.toJson(writer, item);
                }
            }
            writer.endArray();
        }

        @Override
        public String toString() {
            return element + ".unmodifiableList()";
        }
    }

    private static final class SetAdapter<E> extends JsonAdapter<Set<@Nullable E>> {
        private final JsonAdapter<E> element;

        SetAdapter(JsonAdapter<E> element) {
            this.element = element;
        }

        @Override
        public Set<@Nullable E> fromJson(JsonReader reader) throws IOException {
            Set<@Nullable E> set = new LinkedHashSet<>();
            reader.beginArray();
            while (reader.hasNext()) {
                set.add(element.fromJson(reader));
            }
            reader.endArray();
            return Collections.unmodifiableSet(set);
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable Set<@Nullable E> value) throws IOException {
            writer.beginArray();
            if (value != null) {
                for (E item : value) {
                    element.toJson(writer, item);
                }
            }
            writer.endArray();
        }

        @Override
        public String toString() {
            return element + ".unmodifiableSet()";
        }
    }

    private static final class MapAdapter<V> extends JsonAdapter<Map<String, @Nullable V>> {
        private final JsonAdapter<V> value;

        MapAdapter(JsonAdapter<V> value) {
            this.value = value;
        }

        @Override
        public Map<String, @Nullable V> fromJson(JsonReader reader) throws IOException {
            Map<String, @Nullable V> map = new LinkedHashMap<>();
            reader.beginObject();
            while (reader.hasNext()) {
                map.put(reader.nextName(), value.fromJson(reader));
            }
            reader.endObject();
            return Collections.unmodifiableMap(map);
        }

        @Override
        public void toJson(JsonWriter writer, @Nullable Map<String, @Nullable V> map) throws IOException {
            writer.beginObject();
            if (map != null) {
                for (Map.Entry<String, @Nullable V> entry : map.entrySet()) {
                    writer.name(entry.getKey());
                    value.toJson(writer, entry.getValue());
                }
            }
            writer.endObject();
        }

        @Override
        public String toString() {
            return value + ".unmodifiableMap()";
        }
    }
}
