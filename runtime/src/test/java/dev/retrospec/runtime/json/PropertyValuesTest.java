package dev.retrospec.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import dev.retrospec.runtime.Omittable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The property methods of {@link JsonIn} and {@link JsonOut} against what {@link JsonFields} says of the property: a
 * {@code null} read where the description allows one, where it does not (strict and lenient), and a null written for
 * each of the four presences, through both readers (the runtime's parser and Moshi's) and with and without
 * serialized nulls.
 */
class PropertyValuesTest {
    private static final JsonReader.Options NAMES = JsonReader.Options.of("p");

    private interface Read {
        @Nullable
        Object read(JsonIn in, JsonFields fields) throws IOException;
    }

    /** Each read method with the value it gives for a null it takes, and for {@code 12} ({@code true} for booleans). */
    private record Kind(String name, Read read, @Nullable Object onNull, String json, Object value) {}

    /** Moshi's own, not a JsonOutAdapter: read and written by way of its text. */
    private static final JsonAdapter<String> STRINGS =
            new Moshi.Builder().build().adapter(String.class);

    private static final List<Kind> KINDS = List.of(
            new Kind("string", (in, f) -> in.string(f, 0), null, "12", "12"),
            new Kind("bool", (in, f) -> in.bool(f, 0), false, "true", true),
            new Kind("boolOrNull", (in, f) -> in.boolOrNull(f, 0), null, "true", true),
            new Kind("int32", (in, f) -> in.int32(f, 0), 0, "12", 12),
            new Kind("int32OrNull", (in, f) -> in.int32OrNull(f, 0), null, "12", 12),
            new Kind("int64", (in, f) -> in.int64(f, 0), 0L, "12", 12L),
            new Kind("int64OrNull", (in, f) -> in.int64OrNull(f, 0), null, "12", 12L),
            new Kind("float32", (in, f) -> in.float32(f, 0), 0F, "12", 12F),
            new Kind("float32OrNull", (in, f) -> in.float32OrNull(f, 0), null, "12", 12F),
            new Kind("float64", (in, f) -> in.float64(f, 0), 0D, "12", 12D),
            new Kind("float64OrNull", (in, f) -> in.float64OrNull(f, 0), null, "12", 12D),
            new Kind("decimal", (in, f) -> in.decimal(f, 0), null, "12", new BigDecimal("12")),
            new Kind("bigInteger", (in, f) -> in.bigInteger(f, 0), null, "12", BigInteger.valueOf(12)),
            new Kind("value", (in, f) -> in.value(f, 0, STRINGS), null, "\"12\"", "12"));

    /** Reads {@code {"p": ...}} with one kind's method, through the runtime's parser or through Moshi's reader. */
    private static @Nullable Object read(Kind kind, JsonFields fields, String json, boolean ownParser)
            throws IOException {
        List<@Nullable Object> got = new ArrayList<>();
        JsonOutAdapter<String> adapter = new JsonOutAdapter<>() {
            @Override
            protected String read(JsonIn in) throws IOException {
                in.beginObject();
                assertThat(in.select(fields)).isZero();
                got.add(kind.read().read(in, fields));
                in.endObject();
                return "read";
            }

            @Override
            protected void write(JsonOut out, String value) {
                throw new AssertionError("reads only");
            }
        };
        String document = "{\"p\":" + json + "}";
        String result = ownParser ? JsonIn.read(new Buffer().writeUtf8(document), adapter) : adapter.fromJson(document);
        assertThat(result).isEqualTo("read");
        return got.get(0);
    }

    @Test
    void readsEachKindAndTakesANullAsThePropertyAllows() throws IOException {
        for (boolean ownParser : new boolean[] {true, false}) {
            for (Kind kind : KINDS) {
                String what = kind.name() + (ownParser ? " (own parser)" : " (Moshi's reader)");
                JsonFields strict = new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT, 0);
                JsonFields nullable = new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT, 0).nullable(0);
                JsonFields lenient = new JsonFields(NAMES, "Test", JsonValues.Strictness.LENIENT, 0);
                assertThat(read(kind, strict, kind.json(), ownParser)).as(what).isEqualTo(kind.value());
                assertThat(read(kind, nullable, "null", ownParser)).as(what).isEqualTo(kind.onNull());
                assertThat(read(kind, lenient, "null", ownParser)).as(what).isEqualTo(kind.onNull());
                assertThatThrownBy(() -> read(kind, strict, "null", ownParser))
                        .as(what)
                        .isInstanceOf(JsonDataException.class)
                        .hasMessage("Non-null property 'p' of Test was null at $.p");
            }
        }
    }

    @Test
    void refusesToAllowNullForAPropertyItDoesNotHave() {
        assertThatThrownBy(() -> new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT).nullable(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Test has 1 properties, no property 1 to allow null");
        assertThatThrownBy(() -> new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT).nullable(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private interface Write {
        void write(JsonOut out, JsonFields fields) throws IOException;
    }

    /**
     * Where a write goes: Moshi's UTF-8 writer (JsonOut writes the text itself), an indenting one and a writer of
     * values (JsonOut calls their methods; the text compared is stripped of the indent, and the value tree is shown as
     * JSON text with its nulls).
     */
    private enum Target {
        UTF8,
        INDENTED,
        VALUES
    }

    /** Writes {@code {...}} with one property method to {@code target}, nulls serialized or not. */
    private static String write(Target target, JsonFields fields, boolean serializeNulls, Write write)
            throws IOException {
        JsonOutAdapter<String> adapter = new JsonOutAdapter<>() {
            @Override
            protected String read(JsonIn in) {
                throw new AssertionError("writes only");
            }

            @Override
            protected void write(JsonOut out, String value) throws IOException {
                out.beginObject();
                write.write(out, fields);
                out.endObject();
            }
        };
        if (target == Target.VALUES) {
            Object tree = serializeNulls ? adapter.serializeNulls().toJsonValue("x") : adapter.toJsonValue("x");
            return new Moshi.Builder()
                    .build()
                    .adapter(Object.class)
                    .serializeNulls()
                    .toJson(tree);
        }
        Buffer buffer = new Buffer();
        JsonWriter writer = JsonWriter.of(buffer);
        writer.setSerializeNulls(serializeNulls);
        if (target == Target.INDENTED) {
            writer.setIndent("  ");
        }
        adapter.toJson(writer, "x");
        return buffer.readUtf8().replaceAll("\\n *", "").replace("\": ", "\":");
    }

    private static String write(JsonFields fields, boolean serializeNulls, Write write) throws IOException {
        String text = write(Target.UTF8, fields, serializeNulls, write);
        for (Target target : List.of(Target.INDENTED, Target.VALUES)) {
            assertThat(write(target, fields, serializeNulls, write))
                    .as(target.name())
                    .isEqualTo(text);
        }
        return text;
    }

    private static final Map<String, Write> NULL_WRITES = Map.of(
            "string", (out, f) -> out.string(f, 0, null),
            "number", (out, f) -> out.number(f, 0, (Number) null),
            "bool", (out, f) -> out.bool(f, 0, (Boolean) null),
            "value", (out, f) -> out.value(f, 0, null, STRINGS));

    @Test
    void writesANullAsThePropertysPresenceSays() throws IOException {
        JsonFields required = new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT, 0);
        JsonFields requiredNullable = new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT, 0).nullable(0);
        JsonFields optional = new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT);
        for (Map.Entry<String, Write> entry : NULL_WRITES.entrySet()) {
            Write write = entry.getValue();
            String what = entry.getKey();
            // A required non-null property holding null (a lenient read kept it): a null like any other.
            assertThat(write(required, false, write)).as(what).isEqualTo("{}");
            assertThat(write(required, true, write)).as(what).isEqualTo("{\"p\":null}");
            // Required and nullable: the null is part of the message, always written.
            assertThat(write(requiredNullable, false, write)).as(what).isEqualTo("{\"p\":null}");
            assertThat(write(requiredNullable, true, write)).as(what).isEqualTo("{\"p\":null}");
            // Optional: left out, name and all, whatever the writer does with nulls.
            assertThat(write(optional, false, write)).as(what).isEqualTo("{}");
            assertThat(write(optional, true, write)).as(what).isEqualTo("{}");
        }
    }

    @Test
    void writesEachKindsValue() throws IOException {
        JsonFields fields = new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT);
        assertThat(write(fields, false, (out, f) -> out.string(f, 0, "a\"b"))).isEqualTo("{\"p\":\"a\\\"b\"}");
        assertThat(write(fields, false, (out, f) -> out.number(f, 0, 12))).isEqualTo("{\"p\":12}");
        // A writer of values keeps a float as a double and a BigDecimal as itself: compared as text only.
        for (Target target : List.of(Target.UTF8, Target.INDENTED)) {
            assertThat(write(target, fields, false, (out, f) -> out.number(f, 0, 0.1F)))
                    .isEqualTo("{\"p\":0.1}");
            assertThat(write(target, fields, false, (out, f) -> out.number(f, 0, new BigDecimal("1.10"))))
                    .isEqualTo("{\"p\":1.10}");
        }
        assertThat(write(fields, false, (out, f) -> out.number(f, 0, 0.5D))).isEqualTo("{\"p\":0.5}");
        assertThat(write(fields, false, (out, f) -> out.bool(f, 0, true))).isEqualTo("{\"p\":true}");
        assertThat(write(fields, false, (out, f) -> out.bool(f, 0, Boolean.FALSE)))
                .isEqualTo("{\"p\":false}");
        assertThat(write(fields, false, (out, f) -> out.value(f, 0, "v", STRINGS)))
                .isEqualTo("{\"p\":\"v\"}");
    }

    @Test
    void writesAnOmittablesThreeStates() throws IOException {
        JsonFields fields = new JsonFields(NAMES, "Test", JsonValues.Strictness.STRICT).nullable(0);
        for (boolean serializeNulls : new boolean[] {false, true}) {
            assertThat(write(fields, serializeNulls, (out, f) -> out.omittable(f, 0, null)))
                    .isEqualTo("{}");
            assertThat(write(fields, serializeNulls, (out, f) -> out.omittable(f, 0, Omittable.absent())))
                    .isEqualTo("{}");
            assertThat(write(fields, serializeNulls, (out, f) -> out.omittable(f, 0, Omittable.ofNull())))
                    .isEqualTo("{\"p\":null}");
            assertThat(write(fields, serializeNulls, (out, f) -> out.omittable(f, 0, Omittable.of(12L))))
                    .isEqualTo("{\"p\":12}");
            assertThat(write(fields, serializeNulls, (out, f) -> out.omittable(f, 0, Omittable.ofNull(), STRINGS)))
                    .isEqualTo("{\"p\":null}");
            assertThat(write(fields, serializeNulls, (out, f) -> out.omittable(f, 0, Omittable.of("v"), STRINGS)))
                    .isEqualTo("{\"p\":\"v\"}");
        }
    }
}
