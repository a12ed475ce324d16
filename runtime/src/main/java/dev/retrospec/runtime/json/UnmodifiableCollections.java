package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
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
            return new CollectionAdapter<Object, List<@Nullable Object>>(
                    JsonOut.adapter(moshi, arguments[0]),
                    ArrayList::new,
                    Collections::<@Nullable Object>unmodifiableList,
                    "List");
        }
        if (raw == Set.class) {
            return new CollectionAdapter<Object, Set<@Nullable Object>>(
                    JsonOut.adapter(moshi, arguments[0]),
                    LinkedHashSet::new,
                    Collections::<@Nullable Object>unmodifiableSet,
                    "Set");
        }
        if (raw == Map.class && arguments[0] == String.class) {
            return new MapAdapter<>(JsonOut.<Object>adapter(moshi, arguments[1]));
        }
        return null;
    }

    /** A list or a set: collected in the JSON's order, then made unmodifiable. */
    private static final class CollectionAdapter<E, C extends Collection<@Nullable E>> extends JsonOutAdapter<C> {
        private final JsonAdapter<E> element;
        private final Supplier<C> empty;
        private final UnaryOperator<C> unmodifiable;
        private final String name;

        CollectionAdapter(JsonAdapter<E> element, Supplier<C> empty, UnaryOperator<C> unmodifiable, String name) {
            this.element = element;
            this.empty = empty;
            this.unmodifiable = unmodifiable;
            this.name = name;
        }

        @Override
        protected C read(JsonIn reader) throws IOException {
            C collection = empty.get();
            reader.beginArray();
            while (reader.hasNext()) {
                collection.add(reader.read(element));
            }
            reader.endArray();
            return unmodifiable.apply(collection);
        }

        @Override
        protected void write(JsonOut out, C value) throws IOException {
            out.beginArray();
            for (E item : value) {
                out.value(item, element);
            }
            out.endArray();
        }

        @Override
        public String toString() {
            return element + ".unmodifiable" + name + "()";
        }
    }

    private static final class MapAdapter<V> extends JsonOutAdapter<Map<String, @Nullable V>> {
        private final JsonAdapter<V> value;

        MapAdapter(JsonAdapter<V> value) {
            this.value = value;
        }

        @Override
        protected Map<String, @Nullable V> read(JsonIn reader) throws IOException {
            Map<String, @Nullable V> map = new LinkedHashMap<>();
            reader.beginObject();
            while (reader.hasNext()) {
                map.put(reader.nextName(), reader.read(value));
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
