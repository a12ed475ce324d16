package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.retrospec.runtime.Omittable;
import java.io.IOException;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * The adapter of a value a generated adapter holds (a property that is not text, a number or a boolean, a union's
 * variant, an additional property), with {@link JsonIn}'s and {@link JsonOut}'s reads and writes of it bound to it:
 * {@code this.ownerAdapter.read(in, fields, 3)} in place of {@code in.value(fields, 3, this.ownerAdapter)}. Each call
 * is a method of this class's type, not a generic method, so javac infers nothing at the thousands of such calls in a
 * large client: inference was the largest part of compiling the generated adapters. Generated adapters use this
 * class; applications need not.
 *
 * @param <T> the value's type
 */
public final class ValueAdapter<T> {
    private final JsonAdapter<T> adapter;

    /** Takes {@code moshi}'s adapter for {@code type}, in the form {@link JsonOut#adapter(Moshi, Type)} gives. */
    public ValueAdapter(Moshi moshi, Type type) {
        this.adapter = JsonOut.adapter(moshi, type);
    }

    /** The value here, as {@link JsonIn#read(JsonAdapter)} reads it. */
    public @Nullable T read(JsonIn in) throws IOException {
        return in.read(adapter);
    }

    /** Property {@code index}'s value, as {@link JsonIn#value(JsonFields, int, JsonAdapter)} reads it. */
    public @Nullable T read(JsonIn in, JsonFields fields, int index) throws IOException {
        return in.value(fields, index, adapter);
    }

    /** The value here if this adapter reads it, as {@link JsonValues#attempt(JsonIn, JsonAdapter)} tries it. */
    public JsonValues.@Nullable Attempt<T> attempt(JsonIn in) throws IOException {
        return JsonValues.attempt(in, adapter);
    }

    /** Writes {@code value} as the next value, as {@link JsonOut#value(Object, JsonAdapter)} does. */
    public void write(JsonOut out, @Nullable T value) throws IOException {
        out.value(value, adapter);
    }

    /** Writes property {@code index}, as {@link JsonOut#value(JsonFields, int, Object, JsonAdapter)} does. */
    public void write(JsonOut out, JsonFields fields, int index, @Nullable T value) throws IOException {
        out.value(fields, index, value, adapter);
    }

    /** Writes three-state property {@code index}, as {@link JsonOut#omittable(JsonFields, int, Omittable, JsonAdapter)}. */
    public void omittable(JsonOut out, JsonFields fields, int index, @Nullable Omittable<T> value) throws IOException {
        out.omittable(fields, index, value, adapter);
    }

    @Override
    public String toString() {
        return "ValueAdapter(" + adapter + ")";
    }
}
