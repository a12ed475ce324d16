package dev.retrospec.runtime;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@code deepObject} query parameter: {@code DeepObject.of("filter", Map.of("color", "red"))} goes out as
 * {@code filter[color]=red}. A map, so Retrofit can send it with {@code @QueryMap}.
 */
public final class DeepObject extends AbstractMap<String, String> {
    private final Map<String, String> entries;

    private DeepObject(Map<String, String> entries) {
        this.entries = entries;
    }

    /** {@code name[key]=value} for each entry, in the map's order; null values are left out. */
    public static DeepObject of(String name, Map<String, ?> values) {
        Objects.requireNonNull(name, "name == null");
        Map<String, String> entries = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                entries.put(name + "[" + key + "]", String.valueOf(value));
            }
        });
        return new DeepObject(entries);
    }

    private static final DeepObject NONE = new DeepObject(Map.of());

    /** No entry: an optional {@code deepObject} parameter not sent (Retrofit refuses a null query map). */
    public static DeepObject none() {
        return NONE;
    }

    /** {@code value}, or {@link #none()} if it is null. */
    public static DeepObject orNone(@Nullable DeepObject value) {
        return value != null ? value : NONE;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return entries.entrySet();
    }
}
