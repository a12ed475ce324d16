package dev.retrospec.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.squareup.moshi.adapters.PolymorphicJsonAdapterFactory;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonOut} against Moshi's own writer: random trees of objects, arrays, text (all of UTF-16, unpaired
 * surrogates and control characters included), numbers, nulls and omitted values, written both ways, must give the
 * same bytes, with and without serialized nulls, indented (where JsonOut passes every call on) and as a value tree.
 */
class JsonOutTest {
    private sealed interface Node {}

    private record Obj(Map<String, Node> members) implements Node {}

    private record Arr(List<Node> items) implements Node {}

    private record Text(@Nullable String text) implements Node {}

    private record Int(long value) implements Node {}

    private record Dbl(double value) implements Node {}

    private record Num(Number value) implements Node {}

    private record Bool(boolean value) implements Node {}

    private record Null() implements Node {}

    /** A null written even where the writer leaves nulls out. */
    private record RequiredNull() implements Node {}

    /** An optional property without a value: no name, no value. */
    private record Absent() implements Node {}

    /** A value written by an adapter that is not a JsonOutAdapter. */
    private record Foreign(Node node) implements Node {}

    /** An array written by an adapter that is not a JsonOutAdapter, around a value it writes through JsonOut. */
    private record Bounce(Node node) implements Node {}

    /** The test's adapters only write; asked to read, they fail the test. */
    private abstract static class Writing<T> extends JsonAdapter<T> {
        @Override
        public T fromJson(JsonReader reader) {
            throw new AssertionError("an adapter of this test that only writes was asked to read");
        }
    }

    /** As {@link Writing}, writing through JsonOut. */
    private abstract static class WritingOut<T> extends JsonOutAdapter<T> {
        @Override
        protected T read(JsonIn in) {
            throw new AssertionError("an adapter of this test that only writes was asked to read");
        }
    }

    /** Writes through JsonOut; names alternately encoded ahead (through JsonFields) and given as text. */
    private static final JsonOutAdapter<Node> OUT = new WritingOut<>() {
        @Override
        protected void write(JsonOut out, Node node) throws IOException {
            if (node instanceof Obj obj) {
                List<String> names = new ArrayList<>(obj.members().keySet());
                JsonFields fields = new JsonFields(
                        JsonReader.Options.of(names.toArray(String[]::new)), "Obj", JsonValues.Strictness.STRICT);
                out.beginObject();
                for (int i = 0; i < names.size(); i++) {
                    Node value = obj.members().get(names.get(i));
                    if (value instanceof Absent) {
                        out.string(fields, i, null); // optional: left out, name and all
                        continue;
                    }
                    if (i % 2 == 0) {
                        out.name(fields, i);
                    } else {
                        out.name(names.get(i));
                    }
                    write(out, value);
                }
                out.endObject();
            } else if (node instanceof Arr arr) {
                out.beginArray();
                for (Node item : arr.items()) {
                    write(out, item);
                }
                out.endArray();
            } else if (node instanceof Text text) {
                out.value(text.text());
            } else if (node instanceof Int i) {
                out.value(i.value());
            } else if (node instanceof Dbl d) {
                out.value(d.value());
            } else if (node instanceof Num n) {
                out.value(n.value());
            } else if (node instanceof Bool b) {
                out.value(b.value());
            } else if (node instanceof Null) {
                out.nullValue();
            } else if (node instanceof RequiredNull) {
                out.requiredNull();
            } else if (node instanceof Foreign f) {
                out.value(f.node(), MOSHI);
            } else if (node instanceof Bounce b) {
                out.value(b.node(), BOUNCE);
            } else {
                throw new AssertionError(node);
            }
        }
    };

    /** Writes the same calls straight to Moshi's writer. */
    private static final JsonAdapter<Node> MOSHI = new Writing<>() {
        @Override
        public void toJson(JsonWriter writer, @Nullable Node node) throws IOException {
            if (node == null || node instanceof Null) {
                writer.nullValue();
            } else if (node instanceof Obj obj) {
                writer.beginObject();
                for (Map.Entry<String, Node> member : obj.members().entrySet()) {
                    if (!(member.getValue() instanceof Absent)) {
                        toJson(writer.name(member.getKey()), member.getValue());
                    }
                }
                writer.endObject();
            } else if (node instanceof Arr arr) {
                writer.beginArray();
                for (Node item : arr.items()) {
                    toJson(writer, item);
                }
                writer.endArray();
            } else if (node instanceof Text text) {
                writer.value(text.text());
            } else if (node instanceof Int i) {
                writer.value(i.value());
            } else if (node instanceof Dbl d) {
                writer.value(d.value());
            } else if (node instanceof Num n) {
                writer.value(n.value());
            } else if (node instanceof Bool b) {
                writer.value(b.value());
            } else if (node instanceof RequiredNull) {
                boolean serializeNulls = writer.getSerializeNulls();
                writer.setSerializeNulls(true);
                writer.nullValue();
                writer.setSerializeNulls(serializeNulls);
            } else if (node instanceof Foreign f) {
                toJson(writer, f.node());
            } else if (node instanceof Bounce b) {
                writer.beginArray();
                toJson(writer, b.node());
                writer.endArray();
            } else {
                throw new AssertionError(node);
            }
        }
    };

    /** Not a JsonOutAdapter: an array around a value it hands back to {@link #OUT}, on its own writer. */
    private static final JsonAdapter<Node> BOUNCE = new Writing<>() {
        @Override
        public void toJson(JsonWriter writer, @Nullable Node node) throws IOException {
            writer.beginArray();
            OUT.toJson(writer, node);
            writer.endArray();
        }
    };

    private static String text(Random random) {
        int length = random.nextInt(12);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> out.append((char) random.nextInt(0x20)); // control characters
                case 1 -> out.append("\"\\/\u2028\u2029\u007f".charAt(random.nextInt(6)));
                case 2 -> out.append((char) random.nextInt(0x10000)); // any UTF-16 unit, lone surrogates too
                case 3 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a pair
                default -> out.append((char) (' ' + random.nextInt(95)));
            }
        }
        return out.toString();
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : -0.0;
    }

    private static Node node(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 13 : 8);
        return switch (kind) {
            case 0 -> new Text(random.nextInt(8) == 0 ? null : text(random));
            case 1 -> new Int(random.nextBoolean() ? random.nextLong() : random.nextInt(1000) - 500);
            case 2 ->
                new Dbl(
                        random.nextBoolean()
                                ? random.nextDouble() * 1e6
                                : finite(Double.longBitsToDouble(random.nextLong())));
            case 3 ->
                new Num(
                        random.nextBoolean()
                                ? new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(30))
                                : (Number) Float.valueOf(random.nextFloat()));
            case 4 -> new Bool(random.nextBoolean());
            case 5 -> new Null();
            case 6 -> new RequiredNull();
            case 7 -> new Text(text(random));
            case 8, 9 -> {
                Map<String, Node> members = new LinkedHashMap<>();
                int size = random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    members.put(text(random), random.nextInt(5) == 0 ? new Absent() : node(random, depth - 1));
                }
                yield new Obj(members);
            }
            case 10 -> {
                List<Node> items = new ArrayList<>();
                int size = random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    items.add(node(random, depth - 1));
                }
                yield new Arr(items);
            }
            case 11 -> new Foreign(node(random, depth - 1));
            default -> new Bounce(node(random, depth - 1));
        };
    }

    /** The text with every character outside printable ASCII as a Java escape, for a readable failure. */
    private static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.chars()
                .forEach(c -> out.append(c >= ' ' && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
        return out.toString();
    }

    private static String write(JsonAdapter<Node> adapter, Node node, boolean serializeNulls, String indent)
            throws IOException {
        Buffer buffer = new Buffer();
        JsonWriter writer = JsonWriter.of(buffer);
        writer.setSerializeNulls(serializeNulls);
        writer.setIndent(indent);
        adapter.toJson(writer, node);
        writer.close();
        return buffer.readUtf8();
    }

    @Test
    void writesWhatMoshisWriterWrites() throws IOException {
        Random random = new Random(20261130);
        for (int i = 0; i < 20_000; i++) {
            Node node = node(random, 4);
            boolean serializeNulls = random.nextBoolean();
            String indent = random.nextInt(4) == 0 ? "  " : "";
            assertThat(visible(write(OUT, node, serializeNulls, indent)))
                    .as("%s, serializeNulls %s, indent '%s'", visible(node.toString()), serializeNulls, indent)
                    .isEqualTo(visible(write(MOSHI, node, serializeNulls, indent)));
        }
    }

    @Test
    void buildsTheValueTreeMoshiBuilds() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Node node = node(random, 4);
            assertThat(OUT.toJsonValue(node)).as("%s", node).isEqualTo(MOSHI.toJsonValue(node));
        }
        // A long stays a long in the tree: nothing goes through text and back as a double.
        assertThat(OUT.toJsonValue(new Arr(List.of(new Int(9007199254740993L)))))
                .isEqualTo(List.of(9007199254740993L));
    }

    @Test
    void insideAnotherAdaptersWritingAndAroundIt() throws IOException {
        // A list written by Moshi's own adapter, each element through JsonOut; and a map of them, keys from Moshi.
        Moshi moshi = new Moshi.Builder()
                .add((type, annotations, m) -> type == Node.class ? OUT : null)
                .build();
        JsonAdapter<Map<String, List<Node>>> adapter = moshi.adapter(Types.newParameterizedType(
                Map.class, String.class, Types.newParameterizedType(List.class, Node.class)));
        Map<String, List<Node>> value = new LinkedHashMap<>();
        value.put("a", List.of(new Int(1), new Obj(Map.of("x", new Absent())), new Null()));
        value.put("b", List.of());
        assertThat(adapter.toJson(value)).isEqualTo("{\"a\":[1,{},null],\"b\":[]}");
    }

    @Test
    void refusesNonFiniteNumbersUnlessLenient() throws IOException {
        for (Node node : List.<Node>of(
                new Dbl(Double.NaN), new Dbl(Double.NEGATIVE_INFINITY), new Num(Double.POSITIVE_INFINITY))) {
            Node inArray = new Arr(List.of(node));
            assertThatThrownBy(() -> OUT.toJson(inArray))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Numeric values must be finite");
            assertThat(OUT.lenient().toJson(inArray)).isEqualTo(MOSHI.lenient().toJson(inArray));
        }
    }

    @Test
    void refusesNestingDeeperThanMoshiAllowsWithoutOverflowingTheStack() {
        Node deep = new Int(1);
        for (int i = 0; i < 300; i++) {
            deep = new Arr(List.of(deep));
        }
        Node tooDeep = deep;
        assertThatThrownBy(() -> OUT.toJson(tooDeep))
                .isInstanceOf(JsonDataException.class)
                .hasMessageContaining("Nesting too deep");
        // Through another library's adapter at every level, each on a writer of its own: counted across them.
        Node bounced = new Int(1);
        for (int i = 0; i < 300; i++) {
            bounced = new Bounce(bounced);
        }
        Node tooDeepBounced = bounced;
        assertThatThrownBy(() -> OUT.toJson(tooDeepBounced))
                .isInstanceOf(JsonDataException.class)
                .hasMessageContaining("Nesting too deep");
        // And the count is given back: the same thread writes a shallow value afterwards.
        assertThat(OUT.toJson(new Bounce(new Bounce(new Int(2))))).isEqualTo("[[2]]");
    }

    /** Node as plain Java values: maps, lists, text, numbers, booleans and nulls, as free-form JSON is held. */
    private static @Nullable Object plain(Node node) {
        if (node instanceof Obj obj) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            obj.members().forEach((name, value) -> {
                if (!(value instanceof Absent)) {
                    map.put(name, plain(value));
                }
            });
            return map;
        }
        if (node instanceof Arr arr) {
            List<@Nullable Object> list = new ArrayList<>();
            arr.items().forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node instanceof Foreign f) {
            return plain(f.node());
        }
        if (node instanceof Bounce b) {
            return java.util.Collections.singletonList(plain(b.node()));
        }
        return node instanceof Text t
                ? t.text()
                : node instanceof Int i
                        ? (Object) i.value()
                        : node instanceof Dbl d
                                ? (Object) d.value()
                                : node instanceof Num n
                                        ? n.value()
                                        : node instanceof Bool b ? (Object) b.value() : null;
    }

    @Test
    void freeFormValuesAreWrittenAsMoshiWritesThem() throws IOException {
        Type listOfObject = Types.newParameterizedType(List.class, Object.class);
        JsonAdapter<List<@Nullable Object>> ours =
                new Moshi.Builder().add(StandardJsonAdapters.FACTORY).build().adapter(listOfObject);
        JsonAdapter<List<@Nullable Object>> moshis = new Moshi.Builder()
                .add(BigDecimal.class, new BigDecimalText())
                .build()
                .adapter(listOfObject);
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            List<@Nullable Object> value = new ArrayList<>();
            value.add(plain(node(random, 4)));
            boolean serializeNulls = random.nextBoolean();
            assertThat(visible(serializeNulls ? ours.serializeNulls().toJson(value) : ours.toJson(value)))
                    .isEqualTo(visible(serializeNulls ? moshis.serializeNulls().toJson(value) : moshis.toJson(value)));
        }
    }

    /** What the runtime's standard adapters do for a BigDecimal, for Moshi alone to compare with. */
    private static final class BigDecimalText extends Writing<BigDecimal> {
        @Override
        public void toJson(JsonWriter writer, @Nullable BigDecimal value) throws IOException {
            writer.value(value);
        }
    }

    @Test
    void insideAPolymorphicAdapterThatFlattensTheObject() throws IOException {
        Moshi moshi = new Moshi.Builder()
                .add(PolymorphicJsonAdapterFactory.of(Node.class, "type").withSubtype(Obj.class, "obj"))
                .add((type, annotations, m) -> type == Obj.class ? OUT : null)
                .build();
        Node node = new Obj(Map.of("a", new Int(1)));
        assertThat(moshi.adapter(Node.class).toJson(node)).isEqualTo("{\"type\":\"obj\",\"a\":1}");
        assertThat(moshi.adapter(Node.class).indent(" ").toJson(node))
                .isEqualTo("{\n \"type\": \"obj\",\n \"a\": 1\n}");
    }

    @Test
    void aLongArrayReachesTheSinkAsItIsWritten() throws IOException {
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            items.add(new Text("item " + i));
        }
        long[] firstWriteAt = {-1};
        Buffer written = new Buffer();
        okio.Sink sink = new okio.ForwardingSink(written) {
            @Override
            public void write(Buffer source, long byteCount) throws IOException {
                if (firstWriteAt[0] < 0) {
                    firstWriteAt[0] = written.size() + byteCount;
                }
                super.write(source, byteCount);
            }
        };
        try (JsonWriter writer = JsonWriter.of(okio.Okio.buffer(sink))) {
            OUT.toJson(writer, new Arr(items));
        }
        assertThat(written.size()).isGreaterThan(1_000_000);
        assertThat(firstWriteAt[0]).isPositive().isLessThan(written.size() / 10);
    }

    @Test
    void afterAFailureTheWriterRefusesToGoOn() throws IOException {
        JsonWriter writer = JsonWriter.of(new Buffer());
        writer.beginObject().name("a");
        assertThatThrownBy(() -> OUT.toJson(writer, new Arr(List.of(new Dbl(1), new Dbl(Double.NaN)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.name("b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anApplicationsAdapterStillReadsANullItsOwnWay() throws IOException {
        JsonAdapter<Node> nullIsZero = new JsonAdapter<>() {
            @Override
            public Node fromJson(JsonReader reader) throws IOException {
                if (reader.peek() == JsonReader.Token.NULL) {
                    reader.nextNull();
                    return new Int(0);
                }
                return new Int(reader.nextLong());
            }

            @Override
            public void toJson(JsonWriter writer, @Nullable Node value) throws IOException {
                MOSHI.toJson(writer, value);
            }
        };
        Moshi moshi = new Moshi.Builder()
                .add((type, annotations, m) -> type == Node.class ? nullIsZero : null)
                .build();
        JsonAdapter<Node> nested = JsonOut.adapter(moshi, Node.class);

        assertThat(nested.fromJson("null")).isEqualTo(new Int(0));
        assertThat(nested.fromJson("7")).isEqualTo(new Int(7));
    }

    @Test
    void aTextValueMayBeAMapsKeyAndATopLevelNullLeavesItsNameOut() throws IOException {
        // Moshi's own map adapter: the key through promoteValueToName, the value after the writer's pending name.
        Moshi moshi = new Moshi.Builder()
                .add(StandardJsonAdapters.FACTORY)
                .add((type, annotations, m) -> type == Node.class ? OUT : null)
                .build();
        Map<java.util.UUID, Integer> byId = Map.of(new java.util.UUID(0, 1), 1);
        assertThat(moshi.<Map<java.util.UUID, Integer>>adapter(
                                Types.newParameterizedType(Map.class, java.util.UUID.class, Integer.class))
                        .toJson(byId))
                .isEqualTo("{\"00000000-0000-0000-0000-000000000001\":1}");
        JsonAdapter<Map<Object, Node>> nodes =
                moshi.adapter(Types.newParameterizedType(Map.class, Object.class, Node.class));
        Map<Object, Node> value = new LinkedHashMap<>();
        value.put("a", new Null());
        value.put("b", new Int(2));
        assertThat(nodes.toJson(value)).isEqualTo("{\"b\":2}");
        assertThat(nodes.serializeNulls().toJson(value)).isEqualTo("{\"a\":null,\"b\":2}");
    }

    @Test
    void aValueInAnObjectNeedsAName() {
        JsonOutAdapter<Node> nameless = new WritingOut<>() {
            @Override
            protected void write(JsonOut out, Node value) throws IOException {
                out.beginObject().value(1L).endObject();
            }
        };
        assertThatThrownBy(() -> nameless.toJson(new Null())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> nameless.indent("  ").toJson(new Null())).isInstanceOf(IllegalStateException.class);
    }
}
