package dev.retrospec.runtime.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import dev.retrospec.runtime.Omittable;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link JsonOutAdapter} writes one value. Over Moshi's own UTF-8 writer, an object or array is written as
 * JSON text, into the writer's {@link JsonWriter#valueSink() value sink}: property names are encoded once per adapter
 * (by {@link JsonFields}) instead of escaped again on every write, and nested adapters of this kind share the output.
 * Text, numbers, booleans and nulls on their own, and everything over any other writer (one that indents, or one that
 * builds a value tree), go to the writer's own methods.
 * Either way the result is what Moshi's writer gives: the same text, a {@code null} with its name left out unless
 * the writer serializes nulls, non-finite numbers refused unless it is lenient, and no deeper nesting than Moshi
 * allows.
 *
 * <p>Names are held until their value comes, so that an optional property without a value leaves no trace. A writer
 * that is flattening (a polymorphic adapter around this one) is written through, not into. A value whose adapter is
 * not a {@link JsonOutAdapter} (a type the application mapped to a class with an adapter of its own) is written by
 * that adapter to a writer of its own, whose text is then taken over: it sees the writer's settings for nulls and
 * leniency, not its tags, and paths in its messages start at that value. Levels the writer had opened before this
 * output began are not counted against the nesting limit. Generated adapters use this class; applications need
 * not.
 */
public final class JsonOut {
    /** Moshi's writer refuses a 256th level of nesting; so does this output, counting the levels it is inside. */
    private static final int MAX_DEPTH = 255;

    /** The text goes on to the writer's sink in pieces about this size. */
    private static final long FLUSH_AT = 32 * 1024;

    private static final Class<?> UTF8_WRITER = JsonWriter.of(new Buffer()).getClass();

    /**
     * How deep the raw outputs this thread is already inside go: an output that writes a value through another
     * library's adapter hands it a writer of its own, and the outputs inside that one count on from here.
     */
    private static final ThreadLocal<int[]> OUTER = ThreadLocal.withInitial(() -> new int[1]);

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] NO_SCOPES = {};
    private static final int FOREIGN_NAME_LENGTH = "{\"v\":".length();
    private static final byte ARRAY = 1;
    private static final byte NONEMPTY_ARRAY = 2;
    private static final byte OBJECT = 3;
    private static final byte NONEMPTY_OBJECT = 4;

    /** The text written and not yet passed on; null while writing through {@link #writer}. */
    private @Nullable Buffer text;

    /** Where the text goes: the writer's value sink, opened when the value turns out to be an object or array. */
    private @Nullable BufferedSink sink;

    /** The writer every call goes to, until (and unless) the text is written straight into its sink. */
    private @Nullable JsonWriter writer;

    private final boolean mayWriteText;
    private final boolean serializeNulls;
    private final boolean lenient;
    private int outer;

    /** Whether an object or array was opened through the writer: what is inside it goes there too. */
    private boolean nestedInWriter;

    private byte[] scopes = NO_SCOPES;
    private int depth;
    private byte @Nullable [] pendingEncoded;
    private @Nullable String pendingName;

    private JsonOut(JsonWriter writer) {
        this.writer = writer;
        this.mayWriteText =
                writer.getClass() == UTF8_WRITER && writer.getIndent().isEmpty();
        this.serializeNulls = writer.getSerializeNulls();
        this.lenient = writer.isLenient();
    }

    /**
     * The adapter {@code moshi} has for {@code type}, in a form this class writes without a writer of its own: text,
     * numbers and booleans written as they are (read by Moshi's adapters), free-form values as far as they are JSON's
     * own kinds, and the placeholder Moshi hands out for a recursive type replaced by the real adapter at first use.
     * Generated adapters take the adapters of their properties from here, through {@link ValueAdapter}.
     */
    public static <T> JsonAdapter<T> adapter(Moshi moshi, Type type) {
        return NestedAdapters.of(moshi, type);
    }

    /**
     * Writes {@code value} as the writer's next value, with {@code adapter}. Through the writer's methods at first: a
     * value that is text, a number or a boolean stays there (it may be a map's key, or a null whose name the writer
     * leaves out); an object or array is written as text into the writer's sink where the writer allows it.
     */
    static <T> void write(JsonWriter writer, T value, JsonOutAdapter<T> adapter) throws IOException {
        JsonOut out = new JsonOut(writer);
        adapter.write(out, value);
        out.finish();
    }

    /**
     * At the first object or array of the value: whether to write it as text, and if so, open the writer's sink. Not
     * where the writer indents, builds a value tree or is flattening.
     */
    private boolean startText(JsonWriter writer) throws IOException {
        if (nestedInWriter || !mayWriteText || flattening(writer)) {
            nestedInWriter = true;
            return false;
        }
        outer = OUTER.get()[0];
        sink = writer.valueSink();
        text = new Buffer();
        scopes = new byte[16];
        this.writer = null;
        return true;
    }

    /**
     * Whether the writer is flattening (a polymorphic adapter around this one merges the object it writes into its
     * own, {@link JsonWriter#beginFlatten()}): then the object's braces must go through the writer. Asked by opening
     * a second flattening and seeing whether it changed anything; at the top of a document there is none.
     */
    private static boolean flattening(JsonWriter writer) {
        int outer;
        try {
            outer = writer.beginFlatten();
        } catch (IllegalStateException topLevel) {
            return false;
        }
        int inner = writer.beginFlatten();
        writer.endFlatten(outer);
        return outer == inner;
    }

    /** The name of the next value: property {@code index} of {@code fields}. */
    public JsonOut name(JsonFields fields, int index) {
        checkNoPendingName();
        if (writer == null) {
            pendingEncoded = fields.encoded(index);
        } else {
            pendingName = fields.name(index);
        }
        return this;
    }

    /** The name of the next value. */
    public JsonOut name(String name) {
        checkNoPendingName();
        pendingName = Objects.requireNonNull(name, "name == null");
        return this;
    }

    public JsonOut beginObject() throws IOException {
        JsonWriter writer = this.writer;
        if (writer != null && !startText(writer)) {
            named(writer).beginObject();
            return this;
        }
        beforeValue();
        push(OBJECT);
        buffer().writeByte('{');
        return this;
    }

    public JsonOut endObject() throws IOException {
        checkNoPendingName();
        if (writer != null) {
            writer.endObject();
            return this;
        }
        pop(OBJECT);
        buffer().writeByte('}');
        return this;
    }

    public JsonOut beginArray() throws IOException {
        JsonWriter writer = this.writer;
        if (writer != null && !startText(writer)) {
            named(writer).beginArray();
            return this;
        }
        beforeValue();
        push(ARRAY);
        buffer().writeByte('[');
        return this;
    }

    public JsonOut endArray() throws IOException {
        checkNoPendingName();
        if (writer != null) {
            writer.endArray();
            return this;
        }
        pop(ARRAY);
        buffer().writeByte(']');
        return this;
    }

    /** A {@code null}, left out with its name unless the writer serializes nulls. */
    public JsonOut nullValue() throws IOException {
        if (writer != null) {
            named(writer).nullValue();
            return this;
        }
        if (hasPendingName() && !serializeNulls) {
            clearPendingName();
            return this;
        }
        beforeValue();
        buffer().write(NULL);
        return this;
    }

    /** A {@code null} the description requires: written even where the writer leaves nulls out. */
    public JsonOut requiredNull() throws IOException {
        if (writer != null) {
            JsonWriter named = named(writer);
            boolean serializeNulls = named.getSerializeNulls();
            named.setSerializeNulls(true);
            try {
                named.nullValue();
            } finally {
                named.setSerializeNulls(serializeNulls);
            }
            return this;
        }
        beforeValue();
        buffer().write(NULL);
        return this;
    }

    public JsonOut value(@Nullable String value) throws IOException {
        if (value == null) {
            return nullValue();
        }
        if (writer != null) {
            named(writer).value(value);
            return this;
        }
        beforeValue();
        JsonText.string(buffer(), value);
        return this;
    }

    public JsonOut value(long value) throws IOException {
        if (writer != null) {
            named(writer).value(value);
            return this;
        }
        beforeValue();
        buffer().writeDecimalLong(value);
        return this;
    }

    public JsonOut value(double value) throws IOException {
        if (writer != null) {
            named(writer).value(value);
            return this;
        }
        if (!lenient && (Double.isNaN(value) || Double.isInfinite(value))) {
            throw new IllegalArgumentException("Numeric values must be finite, but was " + value);
        }
        beforeValue();
        buffer().writeUtf8(Double.toString(value));
        return this;
    }

    public JsonOut value(boolean value) throws IOException {
        if (writer != null) {
            named(writer).value(value);
            return this;
        }
        beforeValue();
        buffer().writeUtf8(value ? "true" : "false");
        return this;
    }

    public JsonOut value(@Nullable Boolean value) throws IOException {
        return value == null ? nullValue() : value(value.booleanValue());
    }

    /** A number as its {@code toString()} gives it, as Moshi writes one. */
    public JsonOut value(@Nullable Number value) throws IOException {
        if (value == null) {
            return nullValue();
        }
        if (writer != null) {
            named(writer).value(value);
            return this;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value(value.longValue());
        }
        String number = value.toString();
        if (!lenient && (number.equals("-Infinity") || number.equals("Infinity") || number.equals("NaN"))) {
            throw new IllegalArgumentException("Numeric values must be finite, but was " + number);
        }
        beforeValue();
        buffer().writeUtf8(number);
        return this;
    }

    /** A value written by {@code adapter}, which shares this output if it is a {@link JsonOutAdapter}. */
    public <T> JsonOut value(@Nullable T value, JsonAdapter<T> adapter) throws IOException {
        if (adapter instanceof JsonOutAdapter<T> own) {
            if (value == null) {
                return nullValue();
            }
            own.write(this, value);
        } else if (writer != null) {
            adapter.toJson(named(writer), value);
        } else {
            foreign(value, adapter);
        }
        return this;
    }

    /** JSON text, written as it is: the value must be one whole JSON value. */
    public JsonOut raw(String json) throws IOException {
        if (writer != null) {
            RawJson.write(named(writer), json);
            return this;
        }
        beforeValue();
        buffer().writeUtf8(json);
        return this;
    }

    // Property values as a generated adapter writes them: property `index` of `fields`, its name and its value. Where
    // the value is null, what JsonFields says of the property decides: an optional property is left out, name and
    // all; a required one that allows null gets a null that is always written; a required one that does not (a
    // lenient read kept the null) gets a null left out unless the writer serializes nulls.

    /** Property {@code index} with its text. */
    public JsonOut string(JsonFields fields, int index, @Nullable String value) throws IOException {
        return value == null ? absent(fields, index) : name(fields, index).value(value);
    }

    /** Property {@code index} with its number. */
    public JsonOut number(JsonFields fields, int index, long value) throws IOException {
        return name(fields, index).value(value);
    }

    /**
     * Property {@code index} with its number, as a {@code Float} writes (0.1, not widened to 0.10000000149011612):
     * where this class writes the text; a writer of values ({@code toJsonValue}) keeps numbers as it keeps them.
     */
    public JsonOut number(JsonFields fields, int index, float value) throws IOException {
        return name(fields, index).value(Float.valueOf(value));
    }

    /** Property {@code index} with its number. */
    public JsonOut number(JsonFields fields, int index, double value) throws IOException {
        return name(fields, index).value(value);
    }

    /** Property {@code index} with its number, as {@link #value(Number)} writes it. */
    public JsonOut number(JsonFields fields, int index, @Nullable Number value) throws IOException {
        return value == null ? absent(fields, index) : name(fields, index).value(value);
    }

    /** Property {@code index} with its boolean. */
    public JsonOut bool(JsonFields fields, int index, boolean value) throws IOException {
        return name(fields, index).value(value);
    }

    /** Property {@code index} with its boolean. */
    public JsonOut bool(JsonFields fields, int index, @Nullable Boolean value) throws IOException {
        return value == null ? absent(fields, index) : name(fields, index).value(value.booleanValue());
    }

    /** Property {@code index} with its value, written by {@code adapter} as {@link #value(Object, JsonAdapter)}. */
    public <T> JsonOut value(JsonFields fields, int index, @Nullable T value, JsonAdapter<T> adapter)
            throws IOException {
        return value == null ? absent(fields, index) : name(fields, index).value(value, adapter);
    }

    /**
     * Property {@code index}, optional and nullable, with text, a number or a boolean: left out when absent (or when
     * the caller left the component null), a {@code null} that is always written when the caller chose null.
     */
    public JsonOut omittable(JsonFields fields, int index, @Nullable Omittable<?> value) throws IOException {
        if (value == null || value.isAbsent()) {
            return this;
        }
        Object present = value.orNull();
        name(fields, index);
        return present == null ? requiredNull() : scalar(present);
    }

    /** As {@link #omittable(JsonFields, int, Omittable)}, for a value written by {@code adapter}. */
    public <T> JsonOut omittable(JsonFields fields, int index, @Nullable Omittable<T> value, JsonAdapter<T> adapter)
            throws IOException {
        if (value == null || value.isAbsent()) {
            return this;
        }
        T present = value.orNull();
        name(fields, index);
        return present == null ? requiredNull() : value(present, adapter);
    }

    private JsonOut absent(JsonFields fields, int index) throws IOException {
        if (!fields.isRequired(index)) {
            return this;
        }
        name(fields, index);
        return fields.isNullable(index) ? requiredNull() : nullValue();
    }

    /** Text, a number or a boolean, as {@link #value(String)}, {@link #value(Number)} or {@link #value(boolean)}. */
    JsonOut scalar(Object value) throws IOException {
        if (value instanceof String string) {
            return value(string);
        }
        if (value instanceof Number number) {
            return value(number);
        }
        if (value instanceof Boolean bool) {
            return value(bool.booleanValue());
        }
        throw new IllegalArgumentException(
                "not text, a number or a boolean: " + value.getClass().getName());
    }

    /**
     * A value another library's adapter writes: into a writer of its own, whose text is then taken over. For a
     * property, the writer gets the name too (as {@code "v"}), so that it leaves the value out, or keeps it, as it
     * would have here.
     */
    private <T> void foreign(@Nullable T value, JsonAdapter<T> adapter) throws IOException {
        checkDepth();
        Buffer json = new Buffer();
        JsonWriter nested = JsonWriter.of(json);
        nested.setSerializeNulls(serializeNulls);
        nested.setLenient(lenient);
        boolean property = hasPendingName();
        if (property) {
            nested.beginObject().name("v");
        }
        int[] outerDepth = OUTER.get();
        int saved = outerDepth[0];
        outerDepth[0] = outer + depth + 1; // the other writer's value is a level too
        try {
            adapter.toJson(nested, value);
        } finally {
            outerDepth[0] = saved;
        }
        if (property) {
            nested.endObject(); // {} where the value was left out, else {"v":value}
            if (json.size() == 2) {
                clearPendingName();
                return;
            }
            json.skip(FOREIGN_NAME_LENGTH);
            beforeValue();
            buffer().write(json, json.size() - 1);
            return;
        }
        if (json.size() == 0) {
            throw new IllegalStateException(adapter + " wrote no value");
        }
        beforeValue();
        buffer().writeAll(json);
    }

    private Buffer buffer() {
        return Objects.requireNonNull(text);
    }

    private JsonWriter named(JsonWriter writer) throws IOException {
        String name = pendingName;
        if (name != null) {
            pendingName = null;
            writer.name(name);
        }
        return writer;
    }

    private boolean hasPendingName() {
        return pendingEncoded != null || pendingName != null;
    }

    private void clearPendingName() {
        pendingEncoded = null;
        pendingName = null;
    }

    private void checkNoPendingName() {
        if (hasPendingName()) {
            throw new IllegalStateException("Nesting problem: a name without a value");
        }
    }

    /** Before a value in raw mode: the comma, and the name in an object. */
    private void beforeValue() throws IOException {
        Buffer out = buffer();
        if (out.size() >= FLUSH_AT) {
            // Whole segments only: a part-filled one moved on would stay part-filled in the sink's buffer.
            Objects.requireNonNull(sink).write(out, out.completeSegmentByteCount());
        }
        if (depth == 0) {
            checkNoPendingName();
            return;
        }
        byte scope = scopes[depth];
        if (scope >= OBJECT) {
            if (!hasPendingName()) {
                throw new IllegalStateException("Nesting problem: a value in an object without a name");
            }
            if (scope == NONEMPTY_OBJECT) {
                out.writeByte(',');
            } else {
                scopes[depth] = NONEMPTY_OBJECT;
            }
            byte[] encoded = pendingEncoded;
            if (encoded != null) {
                out.write(encoded);
                pendingEncoded = null;
            } else {
                JsonText.string(out, Objects.requireNonNull(pendingName));
                out.writeByte(':');
                pendingName = null;
            }
        } else {
            checkNoPendingName();
            if (scope == NONEMPTY_ARRAY) {
                out.writeByte(',');
            } else {
                scopes[depth] = NONEMPTY_ARRAY;
            }
        }
    }

    private void push(byte scope) {
        checkDepth();
        if (++depth == scopes.length) {
            scopes = Arrays.copyOf(scopes, depth * 2);
        }
        scopes[depth] = scope;
    }

    private void checkDepth() {
        if (outer + depth >= MAX_DEPTH) {
            throw new JsonDataException(
                    "Nesting too deep: more than " + MAX_DEPTH + " levels (does a value contain itself?)");
        }
    }

    private void pop(byte kind) {
        if (depth == 0 || (scopes[depth] >= OBJECT) != (kind == OBJECT)) {
            throw new IllegalStateException("Nesting problem: closing what was not opened");
        }
        depth--;
    }

    /** Passes the rest of the text on, checking that every object and array was closed. */
    private void finish() throws IOException {
        checkNoPendingName();
        BufferedSink sink = this.sink;
        if (sink == null) {
            return;
        }
        if (depth != 0) {
            throw new IllegalStateException("Nesting problem: " + depth + " unclosed objects or arrays");
        }
        Buffer out = buffer();
        sink.write(out, out.size());
        // Closed only when the value is whole: after a failure the writer refuses to go on, as Moshi's own does.
        sink.close();
    }
}
