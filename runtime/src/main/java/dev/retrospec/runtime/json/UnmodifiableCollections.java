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
            return new ListAdapter<>(JsonOut.<Object>adapter(moshi, arguments[0]));
        }
        if (raw == Set.class) {
            return new SetAdapter<>(JsonOut.<Object>adapter(moshi, arguments[0]));
        }
        if (raw == Map.class && arguments[0] == String.class) {
            return new MapAdapter<>(JsonOut.<Object>adapter(moshi, arguments[1]));
        }
        return null;
    }

    private static final class ListAdapter<E> extends JsonOutAdapter<List<@Nullable E>> {
        private final JsonAdapter<E> element;

        ListAdapter(JsonAdapter<E> element) {
            this.element = element;
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
                out.value(item, element);
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

        SetAdapter(JsonAdapter<E> element) {
            this.element = element;
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
                out.value(item, element);
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

        MapAdapter(JsonAdapter<V> value) {
            this.value = value;
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
                out.name(entry.getKey()).value(entry.getValue(), value);
            }
            out.endObject();
        }

        @Override
        public String toString() {
            return value + ".unmodifiableMap()";
        }
    }
}
