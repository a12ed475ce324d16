package dev.retrospec.runtime.json;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads and writes a record whose {@link AdditionalProperties} component holds the names it does not declare. */
final class RecordWithAdditionalPropertiesAdapter<T> extends JsonAdapter<T> {
    private final Class<T> type;
    private final Constructor<T> constructor;
    private final RecordComponent[] components;
    private final String[] names;
    private final List<JsonAdapter<Object>> adapters;
    private final int extras;

    private RecordWithAdditionalPropertiesAdapter(Class<T> type, Moshi moshi, int extras) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.extras = extras;
        this.names = new String[components.length];
        List<JsonAdapter<Object>> adapters = new ArrayList<>();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Json json = component.getAnnotation(Json.class);
            names[i] = json != null ? json.name() : component.getName();
            // The extras' adapter reads one value of the map; the others read their component.
            adapters.add(
                    moshi.adapter(i == extras ? valueType(component.getGenericType()) : component.getGenericType()));
            parameterTypes[i] = component.getType();
        }
        this.adapters = List.copyOf(adapters);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no canonical constructor in " + type, e);
        }
    }

    /** The adapter for {@code type} if it is a record with an {@link AdditionalProperties} component, else null. */
    static @Nullable JsonAdapter<?> create(Type type, Moshi moshi) {
        if (!(type instanceof Class<?> raw) || !raw.isRecord()) {
            return null;
        }
        RecordComponent[] components = raw.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].isAnnotationPresent(AdditionalProperties.class)) {
                return new RecordWithAdditionalPropertiesAdapter<>(raw, moshi, i).nullSafe();
            }
        }
        return null;
    }

    /** The value type {@code V} of a {@code Map<String, V>}. */
    private static Type valueType(Type mapType) {
        return mapType instanceof java.lang.reflect.ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
    }

    @Override
    public T fromJson(JsonReader reader) throws IOException {
        @Nullable Object[] values = new Object[components.length];
        Map<String, @Nullable Object> extra = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            int index = indexOf(name);
            if (index >= 0) {
                values[index] = adapters.get(index).fromJson(reader);
            } else {
                extra.put(name, adapters.get(extras).fromJson(reader));
            }
        }
        reader.endObject();
        values[extras] = java.util.Collections.unmodifiableMap(extra); // in the order the JSON had them
        for (int i = 0; i < components.length; i++) {
            if (values[i] == null && components[i].getType().isPrimitive()) {
                throw new JsonDataException("Required value '" + components[i].getName() + "' (JSON name '" + names[i]
                        + "') missing at " + reader.getPath());
            }
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new LinkageError("cannot create " + type.getName(), e);
        } catch (InvocationTargetException e) {
            throw new JsonDataException("cannot create " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable T value) throws IOException {
        writer.beginObject();
        try {
            for (int i = 0; i < components.length; i++) {
                Object component = components[i].getAccessor().invoke(value);
                if (i == extras) {
                    if (component instanceof Map<?, ?> map) {
                        for (Map.Entry<?, ?> entry : map.entrySet()) {
                            writer.name(String.valueOf(entry.getKey()));
                            adapters.get(extras).toJson(writer, entry.getValue());
                        }
                    }
                } else if (component != null || writer.getSerializeNulls()) {
                    writer.name(names[i]);
                    adapters.get(i).toJson(writer, component);
                }
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new LinkageError("cannot read " + type.getName(), e);
        }
        writer.endObject();
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (i != extras && names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "JsonAdapter(" + type.getSimpleName() + " with additional properties)";
    }
}
