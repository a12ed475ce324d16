package dev.retrospec.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * JsonIn's own parser against Moshi's reader: both walk the same JSON text with the same random choice of calls, and
 * every answer, every path and the point and kind of every failure must agree.
 */
class JsonInTest {
    private static final List<String> NAMES =
            List.of("id", "name", "", "ü", "na\"me", "\u2028", "a\\b", "\uD83D\uDE00", "tags", "x");
    private static final JsonFields FIELDS = new JsonFields(
            JsonReader.Options.of(NAMES.subList(0, 8).toArray(String[]::new)), "Test", JsonValues.Strictness.STRICT);

    @Test
    void readsWhatMoshiReadsOnRandomDocuments() throws IOException {
        Random random = new Random(20261130);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder();
            document(random, json, 0);
            compare(json.toString(), random.nextLong(), random.nextBoolean(), true);
        }
    }

    @Test
    void failsWhereMoshiFailsOnDamagedDocuments() throws IOException {
        Random random = new Random(77);
        String damage = "{}[]:,\"\\ x0-.eE+tfn/#'\u0001";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder();
            document(random, json, 0);
            int at = random.nextInt(json.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> json.insert(at, damage.charAt(random.nextInt(damage.length())));
                case 1 -> {
                    if (at < json.length()) {
                        json.deleteCharAt(at);
                    }
                }
                default -> json.setLength(at);
            }
            compare(json.toString(), random.nextLong(), random.nextBoolean());
        }
    }

    @Test
    void agreesWithMoshiOnTheEdgesOfTheGrammar() throws IOException {
        List<String> edges = List.of(
                "TRUE",
                "True",
                "nul",
                "nulll",
                "01",
                "-01",
                "1.",
                ".5",
                "-",
                "1e",
                "1e+",
                "+1",
                "1x",
                "1/",
                "0x10",
                "\"\\x\"",
                "\"\\u12G4\"",
                "\"\\u12\"",
                "\"\u0001\"",
                "\"\\\n\"",
                "'a'",
                "a",
                "// c\n1",
                "# c\n1",
                "/* c */ 1",
                "1 2",
                "",
                " ",
                "\uFEFF1",
                "[1,]",
                "[,1]",
                "[1 2]",
                "{\"a\":1,}",
                "{,}",
                "{\"a\"}",
                "{\"a\" 1}",
                "{1:1}",
                "{\"a\"=1}",
                "{'a':1}",
                "{a:1}",
                "[1];",
                "\"abc",
                "[\"a",
                "{\"a\":",
                "[true false]",
                "[-0, 0.0e0, 1E400, -1e-400]",
                "\"\\uD800\"",
                "[1]]");
        for (String json : edges) {
            for (long seed = 0; seed < 8; seed++) {
                compare(json, seed, seed % 2 == 0);
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void anIntegerTooLongToExpandIsRefusedNotExpanded() throws IOException {
        // 1e99999999 is an integer of a hundred million digits: toBigIntegerExact would take minutes.
        for (String json : List.of("1e99999999", "\"1E+99999999\"")) {
            assertThatThrownBy(() -> JsonValues.bigInteger(new Utf8In(new Buffer().writeUtf8(json))))
                    .isInstanceOf(JsonDataException.class)
                    .hasMessageContaining("at most 10000 digits");
        }
        assertThat(JsonValues.bigInteger(new Utf8In(new Buffer().writeUtf8("12e30"))))
                .isEqualTo(new java.math.BigInteger("12" + "0".repeat(30)));
    }

    @Test
    void readsLongTextAcrossTheWindow() throws IOException {
        String big = "é\u2028x\\\"".repeat(30_000);
        String json = "[" + quoted(big) + "," + "1".repeat(25) + "e-25, 12345678901234567]";
        compare(json, 1, true);
        Utf8In in = new Utf8In(new Buffer().writeUtf8(json));
        in.beginArray();
        assertThat(in.nextString()).isEqualTo(big);
        assertThat(in.nextDouble()).isEqualTo(Double.parseDouble("1".repeat(25) + "e-25"));
        assertThat(in.nextLong()).isEqualTo(12345678901234567L);
        in.endArray();
    }

    @Test
    void refusesAs255LevelsOfNestingAsMoshiDoes() throws IOException {
        for (int depth : new int[] {254, 255, 256, 300}) {
            String json = "[".repeat(depth) + "]".repeat(depth);
            compare(json, depth, false);
            compare(json, depth, true);
        }
        String deep = "[".repeat(256) + "]".repeat(256);
        assertThatThrownBy(() -> new Utf8In(new Buffer().writeUtf8(deep)).readJsonValue())
                .isInstanceOf(JsonDataException.class)
                .hasMessageStartingWith("Nesting too deep at $[0][0]");
    }

    @Test
    void aPeekedValueIsReadAgainAndItsPathContinuesTheOuterOne() throws IOException {
        Utf8In in = new Utf8In(chunked("{\"a\": [1, {\"b\": \"c\"}], \"d\": 2}", new Random(3)));
        in.beginObject();
        assertThat(in.nextName()).isEqualTo("a");
        JsonIn peek = in.peekJson();
        peek.beginArray();
        assertThat(peek.nextLong()).isEqualTo(1);
        peek.beginObject();
        assertThat(peek.getPath()).isEqualTo("$.a[1].");
        assertThatThrownBy(peek::nextInt).hasMessageContaining("at path $.a[1].");
        assertThat(in.readJsonValue()).isEqualTo(List.of(1.0, Map.of("b", "c")));
        assertThat(in.nextName()).isEqualTo("d");
        assertThat(in.nextJson()).isEqualTo("2");
        in.endObject();
        assertThat(in.peek()).isEqualTo(JsonReader.Token.END_DOCUMENT);
    }

    @Test
    void aForeignAdapterReadsTheValuesTextAndNullsReachIt() throws IOException {
        JsonAdapter<String> upper = new JsonAdapter<>() {
            @Override
            public String fromJson(JsonReader reader) throws IOException {
                if (reader.peek() == JsonReader.Token.NULL) {
                    reader.nextNull();
                    return "NULL";
                }
                reader.beginArray();
                String text = reader.nextString().toUpperCase(java.util.Locale.ROOT);
                reader.endArray();
                return text;
            }

            @Override
            public void toJson(JsonWriter writer, @Nullable String value) {
                throw new AssertionError("only reads");
            }
        };
        Utf8In in = new Utf8In(new Buffer().writeUtf8("[[\"a\"], null, [\"b\"]]"));
        in.beginArray();
        assertThat(in.read(upper)).isEqualTo("A");
        assertThat(in.read(upper)).isEqualTo("NULL");
        assertThat(in.read(upper)).isEqualTo("B");
        in.endArray();
    }

    @Test
    void theEntryPointReadsAWholeDocumentOnly() throws IOException {
        Moshi moshi = new Moshi.Builder().add(StandardJsonAdapters.FACTORY).build();
        JsonAdapter<List<String>> strings = moshi.adapter(Types.newParameterizedType(List.class, String.class));
        assertThat(strings).isInstanceOf(JsonOutAdapter.class);
        assertThat(JsonIn.read(new Buffer().writeUtf8(" [\"a\", \"b\"] \n"), strings))
                .containsExactly("a", "b");
        assertThat(JsonIn.read(new Buffer().writeUtf8("null"), strings)).isNull();
        assertThatThrownBy(() -> JsonIn.read(new Buffer().writeUtf8("[\"a\"] []"), strings))
                .isInstanceOf(JsonEncodingException.class);
        assertThatThrownBy(() -> JsonIn.read(new Buffer().writeUtf8("[\"a\", true]"), strings))
                .isInstanceOf(JsonDataException.class)
                .hasMessageContaining("$[1]");
        JsonAdapter<Object> any = moshi.adapter(Object.class);
        assertThat(JsonIn.read(new Buffer().writeUtf8("{\"a\": 1}"), any)).isEqualTo(Map.of("a", 1.0));
    }

    /** Walks {@code json} with Moshi's reader and with JsonIn's parser, making the same choices, and compares. */
    private static void compare(String json, long seed, boolean chunked) throws IOException {
        compare(json, seed, chunked, false);
    }

    /**
     * As above; with {@code raw}, values are also taken as text ({@code nextJson}), which only valid documents may
     * ask: Moshi passes malformed text on there without looking, where JsonIn refuses it.
     */
    private static void compare(String json, long seed, boolean chunked, boolean raw) throws IOException {
        List<String> expected = walk(JsonIn.of(JsonReader.of(new Buffer().writeUtf8(json))), new Random(seed), raw);
        BufferedSource source = chunked ? chunked(json, new Random(seed)) : new Buffer().writeUtf8(json);
        List<String> actual = walk(new Utf8In(source), new Random(seed), raw);
        assertThat(actual).as(json).isEqualTo(expected);
    }

    /** {@code json}'s bytes, handed out a few at a time. */
    private static BufferedSource chunked(String json, Random random) {
        Buffer all = new Buffer().writeUtf8(json);
        return Okio.buffer(new Source() {
            @Override
            public long read(Buffer sink, long byteCount) {
                if (all.size() == 0) {
                    return -1;
                }
                long count = Math.min(Math.min(byteCount, all.size()), 1 + random.nextInt(9));
                sink.write(all, count);
                return count;
            }

            @Override
            public Timeout timeout() {
                return Timeout.NONE;
            }

            @Override
            public void close() {}
        });
    }

    /** What a reader answers to a random sequence of calls that fits what it peeks, its paths included. */
    private static List<String> walk(JsonIn in, Random random, boolean raw) {
        List<String> log = new ArrayList<>();
        try {
            value(in, random, log, raw);
            log.add("end " + in.peek());
        } catch (JsonDataException | JsonEncodingException | EOFException e) {
            log.add(e.getClass().getSimpleName());
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("neither a data nor a syntax error", e);
        }
        return log;
    }

    private static void value(JsonIn in, Random random, List<String> log, boolean raw) throws IOException {
        JsonReader.Token token = in.peek();
        log.add(token + " " + in.getPath());
        int choice = random.nextInt(12);
        if (choice == 2 && token != JsonReader.Token.END_DOCUMENT) {
            // Read on a peek first (as a union tries a variant), and then for real.
            JsonIn peek = in.peekJson();
            value(peek, new Random(random.nextLong()), log, raw);
            log.add("peeked " + peek.getPath() + " " + peek.peek() + "; " + in.getPath() + " " + in.peek());
            token = in.peek();
            choice = random.nextInt(12);
        }
        if (choice == 3 && raw && token != JsonReader.Token.END_DOCUMENT) {
            log.add("json " + in.nextJson() + " " + in.getPath());
            return;
        }
        if (choice == 0) {
            in.skipValue();
            log.add("skipped " + in.getPath());
            return;
        }
        if (choice == 1 && token != JsonReader.Token.END_DOCUMENT) {
            log.add("tree " + in.readJsonValue());
            return;
        }
        switch (token) {
            case BEGIN_ARRAY -> {
                in.beginArray();
                while (in.hasNext()) {
                    value(in, random, log, raw);
                }
                in.endArray();
            }
            case BEGIN_OBJECT -> {
                in.beginObject();
                while (in.hasNext()) {
                    int index = in.select(FIELDS);
                    log.add("selected " + index + " " + in.getPath());
                    if (index < 0) {
                        if (random.nextBoolean()) {
                            in.skipName();
                        } else {
                            log.add("name " + in.nextName());
                        }
                    }
                    value(in, random, log, raw);
                }
                in.endObject();
            }
            case STRING, NUMBER -> {
                try {
                    log.add(
                            switch (random.nextInt(4)) {
                                case 0 -> "string " + in.nextString();
                                case 1 -> "long " + in.nextLong();
                                case 2 -> "int " + in.nextInt();
                                default -> "double " + in.nextDouble();
                            });
                } catch (JsonDataException refused) {
                    // The value stays, to be read again some other way.
                    log.add("refused " + in.getPath() + " " + in.peek());
                    log.add(random.nextBoolean() ? "string " + in.nextString() : "long " + in.nextLong());
                }
            }
            case BOOLEAN -> log.add("boolean " + (random.nextBoolean() ? in.nextBoolean() : in.nextString()));
            case NULL -> log.add("null " + (random.nextBoolean() ? in.nextNull() : in.nextString()));
            default -> in.nextString();
        }
        log.add("after " + in.getPath());
    }

    private static void document(Random random, StringBuilder json, int depth) {
        space(random, json);
        switch (random.nextInt(depth > 6 ? 3 : 6)) {
            case 0 -> string(random, json);
            case 1 -> number(random, json);
            case 2 -> json.append(List.of("true", "false", "null").get(random.nextInt(3)));
            case 3, 4 -> {
                json.append('{');
                int count = random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    space(random, json);
                    json.append(quoted(NAMES.get(random.nextInt(NAMES.size()))));
                    space(random, json);
                    json.append(':');
                    document(random, json, depth + 1);
                }
                space(random, json);
                json.append('}');
            }
            default -> {
                json.append('[');
                int count = random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    document(random, json, depth + 1);
                }
                space(random, json);
                json.append(']');
            }
        }
        space(random, json);
    }

    private static void space(Random random, StringBuilder json) {
        while (random.nextInt(4) == 0) {
            json.append(" \n\r\t".charAt(random.nextInt(4)));
        }
    }

    private static void string(Random random, StringBuilder json) {
        if (random.nextInt(3) == 0) {
            json.append('"');
            number(random, json);
            json.append('"');
            return;
        }
        json.append('"');
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 ->
                    json.append(List.of("\\n", "\\\"", "\\\\", "\\/", "\\t", "\\b", "\\f", "\\r", "\\'")
                            .get(random.nextInt(9)));
                case 1 -> json.append(String.format("\\u%04X", random.nextInt(0x10000)));
                case 2 -> json.append("é\uD83D\uDE00\u2028");
                default -> json.append((char) ('a' + random.nextInt(26)));
            }
        }
        json.append('"');
    }

    private static void number(Random random, StringBuilder json) {
        json.append(List.of(
                        "0",
                        "-0",
                        "1",
                        "-1",
                        "42",
                        "2147483647",
                        "2147483648",
                        "-2147483648",
                        "-2147483649",
                        "9223372036854775807",
                        "9223372036854775808",
                        "-9223372036854775808",
                        "-9223372036854775809",
                        "1.0",
                        "1.5",
                        "-0.0",
                        "1e3",
                        "1E+2",
                        "2e-3",
                        "1.25e2",
                        "123456789012345678901234567890",
                        "1e400",
                        "0.1",
                        "3.0e0",
                        "9007199254740993")
                .get(random.nextInt(25)));
    }

    /** {@code text} as a JSON string, escaped as Moshi's writer escapes it. */
    private static String quoted(String text) {
        Buffer out = new Buffer();
        JsonText.string(out, text);
        return out.readUtf8();
    }
}
