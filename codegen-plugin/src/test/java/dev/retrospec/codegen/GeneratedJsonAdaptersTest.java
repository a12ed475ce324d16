package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.retrospec.codegen.testing.Goldens;
import dev.retrospec.runtime.Omittable;
import dev.retrospec.runtime.json.JsonIn;
import dev.retrospec.runtime.json.StandardJsonAdapters;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adapters generated for the golden models, used as a client uses them: through the generated factory, with no
 * reflective adapter anywhere (a factory added last fails on any model type the generated one did not serve).
 */
class GeneratedJsonAdaptersTest {
    private static ClassLoader models;
    private static ClassLoader zoo;
    private static Moshi strict;
    private static Moshi lenient;
    private static Moshi zooMoshi;

    @BeforeAll
    static void compileTheGoldens() throws Exception {
        models = Goldens.load("models");
        zoo = Goldens.load("polymorphism");
        strict = moshi(models, "strict");
        lenient = moshi(models, "lenient");
        zooMoshi = moshi(zoo, "strict");
    }

    /** Moshi with a model package's generated factory, its standard adapters, and nothing reflective reachable. */
    private static Moshi moshi(ClassLoader loader, String strictness) throws Exception {
        String factory = loader == models
                ? "com.example.models.model.json.JsonAdapters"
                : "com.example.zoo.model.json.JsonAdapters";
        Method create = loader.loadClass(factory).getMethod(strictness);
        return new Moshi.Builder()
                .add((JsonAdapter.Factory) create.invoke(null))
                .add(StandardJsonAdapters.FACTORY)
                .add((type, annotations, moshi) -> {
                    Class<?> raw = Types.getRawType(type);
                    if (raw.getName().startsWith("com.example.")) {
                        throw new AssertionError("a reflective adapter was asked for " + type);
                    }
                    return null;
                })
                .build();
    }

    private static JsonAdapter<Object> adapter(Moshi moshi, ClassLoader loader, String type) throws Exception {
        String pkg = loader == models ? "com.example.models.model." : "com.example.zoo.model.";
        return bothWays(moshi.adapter((Type) loader.loadClass(pkg + type)));
    }

    /**
     * {@code adapter}, whose reads of JSON text are made twice and must agree: through Moshi's reader (as an
     * application calling Moshi reads) and by the runtime's own parser (as the generated client reads a response), the
     * same value or the same failure with the same message.
     */
    private static <T> JsonAdapter<T> bothWays(JsonAdapter<T> adapter) {
        return new JsonAdapter<>() {
            @Override
            public @Nullable T fromJson(JsonReader reader) throws IOException {
                if (!reader.getClass().getSimpleName().equals("JsonUtf8Reader")) {
                    return adapter.fromJson(reader); // a value tree: Moshi's reader only
                }
                String json;
                try (BufferedSource source = reader.nextSource()) {
                    json = source.readUtf8();
                }
                Object own;
                try {
                    own = JsonIn.read(new Buffer().writeUtf8(json), adapter);
                } catch (IOException | RuntimeException e) {
                    own = e;
                }
                T moshis;
                try {
                    moshis = adapter.fromJson(JsonReader.of(new Buffer().writeUtf8(json)));
                } catch (IOException | RuntimeException e) {
                    assertThat(own).as("the runtime's parser on " + json).isInstanceOf(e.getClass());
                    assertThat(((Exception) own).getMessage()).isEqualTo(e.getMessage());
                    throw e;
                }
                assertThat(own).as("the runtime's parser on " + json).isEqualTo(moshis);
                return moshis;
            }

            @Override
            public void toJson(JsonWriter writer, @Nullable T value) throws IOException {
                adapter.toJson(writer, value);
            }
        };
    }

    private static final String THING = "{\"requiredValue\":\"a\",\"requiredNullable\":null,\"owner\":null,\"count\":3,"
            + "\"when\":\"2026-11-29T10:00:00Z\"";

    @Test
    void aMissingRequiredPropertyFailsWithItsPathAndSchema() throws Exception {
        JsonAdapter<List<Object>> things = GeneratedJsonAdaptersTest.<List<Object>>bothWays(strict.adapter(
                Types.newParameterizedType(List.class, models.loadClass("com.example.models.model.Thing"))));

        assertThatThrownBy(() -> things.fromJson("[" + THING + "}, {\"requiredValue\":\"b\",\"requiredNullable\":null,"
                        + "\"owner\":null,\"when\":\"2026-11-29T10:00:00Z\"}]"))
                .isInstanceOf(JsonDataException.class)
                .hasMessage("Required property 'count' of Thing missing at $[1].count");
    }

    @Test
    void aNullWhereTheDescriptionAllowsNoneFailsWithItsPath() throws Exception {
        assertThatThrownBy(() -> adapter(strict, models, "Thing").fromJson(THING + ",\"optionalValue\":null}"))
                .isInstanceOf(JsonDataException.class)
                .hasMessage("Non-null property 'optionalValue' of Thing was null at $.optionalValue");
    }

    @Test
    void leniencyReadsWhatAServerGotWrong() throws Exception {
        Object thing = adapter(lenient, models, "Thing").fromJson("{\"requiredValue\":null,\"optionalValue\":null}");

        assertThat(thing.toString())
                .startsWith("Thing[requiredValue=null, requiredNullable=null, owner=null,"
                        + " optionalValue=null, optionalNullable=absent, count=0,");
    }

    @Test
    void anOptionalNullablePropertyKeepsAbsentNullAndValueApart() throws Exception {
        JsonAdapter<Object> things = adapter(strict, models, "Thing");
        Method optionalNullable =
                models.loadClass("com.example.models.model.Thing").getMethod("optionalNullable");

        Object absent = things.fromJson(THING + "}");
        Object explicitNull = things.fromJson(THING + ",\"optionalNullable\":null}");
        Object value = things.fromJson(THING + ",\"optionalNullable\":\"x\"}");

        assertThat(optionalNullable.invoke(absent)).isEqualTo(Omittable.absent());
        assertThat(optionalNullable.invoke(explicitNull)).isEqualTo(Omittable.ofNull());
        assertThat(optionalNullable.invoke(value)).isEqualTo(Omittable.of("x"));
        // Written back exactly, also by a Moshi that leaves nulls out: the null was the sender's choice.
        assertThat(things.toJson(absent)).doesNotContain("optionalNullable");
        assertThat(things.toJson(explicitNull)).contains("\"optionalNullable\":null");
        assertThat(things.toJson(value)).contains("\"optionalNullable\":\"x\"");
        assertThat(things.serializeNulls().toJson(absent)).doesNotContain("optionalNullable");
    }

    @Test
    void numbersAreReadExactly() throws Exception {
        Object thing = adapter(strict, models, "Thing")
                .fromJson(THING + ",\"big\":9007199254740993,\"price\":0.1000000000000000055511151231257827}");

        assertThat(thing.toString())
                .contains("big=9007199254740993")
                .contains("price=0.1000000000000000055511151231257827");
        assertThat(adapter(strict, models, "Thing").toJson(thing))
                .contains("\"big\":9007199254740993")
                .contains("\"price\":0.1000000000000000055511151231257827");
    }

    @Test
    void listsAreUnmodifiableAndBytesCompareByValue() throws Exception {
        JsonAdapter<Object> things = adapter(strict, models, "Thing");
        String json = THING + ",\"tags\":[\"x\",\"y\"],\"blob\":\"AQID\"}";
        Object first = things.fromJson(json);
        Object second = things.fromJson(json);

        @SuppressWarnings("unchecked") // the record's tags() is a List<String>
        List<String> tags = (List<String>) first.getClass().getMethod("tags").invoke(first);
        assertThatThrownBy(() -> tags.add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void numbersInUnionsAndUnknownsKeepEveryDigit() throws Exception {
        JsonAdapter<List<Object>> shapes = bothWays(
                zooMoshi.adapter(Types.newParameterizedType(List.class, zoo.loadClass("com.example.zoo.model.Shape"))));
        String json = "[[9007199254740993,1],{\"id\":9007199254740993,\"v\":42}]";

        List<Object> read = shapes.fromJson(json);

        assertThat(read.get(0).toString()).isEqualTo("OfLongList[value=[9007199254740993, 1]]");
        assertThat(shapes.toJson(read)).isEqualTo(json);
    }

    @Test
    void aFloatVariantIsWrittenAsTheFloatItHolds() throws Exception {
        // Written as a Number: through a double, 0.1F would go out as 0.10000000149011612.
        JsonAdapter<Object> reading = adapter(zooMoshi, zoo, "Reading");

        Object read = reading.fromJson("0.1");

        assertThat(read.toString()).isEqualTo("OfFloat[value=0.1]");
        assertThat(reading.toJson(read)).isEqualTo("0.1");
        assertThat(reading.fromJson("\"n/a\"").toString()).isEqualTo("OfString[value=n/a]");
    }

    @Test
    @Timeout(30)
    void aUnionNestedInItsOwnVariantsIsReadOncePerLevel() throws Exception {
        // Nesting is an array of Nestings or an array of strings, told apart only by reading. Each level tries the
        // first on a peek and takes what it read: reading it again after the peek doubled the work at every level,
        // and 60 levels would not finish.
        JsonAdapter<Object> nesting = adapter(zooMoshi, zoo, "Nesting");
        String json = "[".repeat(60) + "\"x\"" + "]".repeat(60);

        Object read = nesting.fromJson(json);

        assertThat(read.getClass().getSimpleName()).isEqualTo("OfNestingList");
        assertThat(nesting.toJson(read)).isEqualTo(json);
        assertThat(nesting.fromJson("[[], [\"a\"], [[\"b\"]]]").getClass().getSimpleName())
                .isEqualTo("OfNestingList");
        assertThat(nesting.toJson(nesting.fromJson("[\"a\", [\"b\"]]"))).isEqualTo("[\"a\",[\"b\"]]");
        // Malformed text inside a variant tried on a peek is a syntax error either way, not a variant that failed.
        JsonAdapter<Object> unwrapped = zooMoshi.adapter((Type) zoo.loadClass("com.example.zoo.model.Nesting"));
        String malformed = "[[\"a\"], [1, }";
        assertThatThrownBy(() -> unwrapped.fromJson(malformed)).isInstanceOf(JsonEncodingException.class);
        assertThatThrownBy(() -> JsonIn.read(new Buffer().writeUtf8(malformed), unwrapped))
                .isInstanceOf(JsonEncodingException.class);
    }

    @Test
    void aVariantSentOnItsOwnStillSaysWhatItIs() throws Exception {
        Object cat = adapter(zooMoshi, zoo, "Pet").fromJson("{\"petType\":\"cat\",\"name\":\"Tom\",\"indoor\":true}");

        assertThat(adapter(zooMoshi, zoo, "Cat").toJson(cat))
                .isEqualTo("{\"petType\":\"cat\",\"name\":\"Tom\",\"indoor\":true}");
    }

    /** Wide's JSON with every property: strings, longs and booleans by the golden's pattern. */
    private static String wide(int leaveOut) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 70; i++) {
            if (i == leaveOut) {
                continue;
            }
            String value =
                    i % 3 == 0 ? "\"v" + i + "\"" : i % 3 == 1 ? Long.toString(9_007_199_254_740_993L + i) : "true";
            json.append(json.length() == 1 ? "" : ",")
                    .append("\"p%02d\":".formatted(i))
                    .append(value);
        }
        return json.append('}').toString();
    }

    @Test
    void aRecordTooWideForAHotConstructorCallReadsAndWritesEveryProperty() throws Exception {
        JsonAdapter<Object> wide = adapter(strict, models, "Wide");

        Object read = wide.fromJson(wide(-1));

        assertThat(wide.toJson(read)).isEqualTo(wide(-1));
        assertThat(read.toString()).contains("p64=9007199254741057").contains("p69=v69");
    }

    @Test
    void requiredPropertiesPastTheSixtyFourthAreCheckedToo() throws Exception {
        JsonAdapter<Object> wide = adapter(strict, models, "Wide");

        assertThatThrownBy(() -> wide.fromJson(wide(65)))
                .isInstanceOf(JsonDataException.class)
                .hasMessage("Required property 'p65' of Wide missing at $.p65");
        assertThatThrownBy(() -> wide.fromJson(wide(0))).hasMessage("Required property 'p00' of Wide missing at $.p00");
        // A required boolean left out: leniency reads false.
        assertThat(adapter(lenient, models, "Wide").fromJson(wide(65)).toString())
                .contains("p65=false");
        assertThatThrownBy(() -> wide.fromJson(wide(-1).replace("\"p03\":\"v3\"", "\"p03\":null")))
                .hasMessage("Non-null property 'p03' of Wide was null at $.p03");
    }

    @Test
    void aWideRecordKeepsItsAdditionalProperties() throws Exception {
        JsonAdapter<Object> roomy = adapter(strict, models, "Roomy");

        Object read = roomy.fromJson("{\"r39\":\"last\",\"extra\":7,\"r00\":\"first\"}");

        assertThat(read.toString()).contains("r00=first").contains("r39=last").contains("={extra=7}");
        assertThat(roomy.toJson(read)).isEqualTo("{\"r00\":\"first\",\"r39\":\"last\",\"extra\":7}");
        assertThatThrownBy(() -> roomy.fromJson("{\"r00\":\"first\"}"))
                .hasMessage("Required property 'r39' of Roomy missing at $.r39");
    }

    @Test
    void omittableNumbersAndBooleansKeepAbsentNullAndValueApart() throws Exception {
        JsonAdapter<Object> maybe = adapter(strict, models, "Maybe");

        for (String json : new String[] {
            "{}",
            "{\"count\":null,\"ratio\":null,\"enabled\":null}",
            "{\"count\":7,\"ratio\":0.1000000000000000055511151231257827,\"enabled\":false}",
            "{\"ratio\":2,\"enabled\":true}"
        }) {
            assertThat(maybe.toJson(maybe.fromJson(json))).isEqualTo(json);
        }
        assertThat(maybe.fromJson("{\"enabled\":null}").toString())
                .isEqualTo("Maybe[count=absent, ratio=absent, enabled=null]");
    }

    @Test
    void aRecursiveTreeIsWrittenAsDeepAsMoshiAllowsAndTheSameIndentedOrNot() throws Exception {
        JsonAdapter<Object> tree = adapter(strict, models, "Tree");
        // 127 trees, each an object holding a list: 254 levels, one short of Moshi's limit.
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 127; i++) {
            json.append("{\"value\":\"").append(i).append("\",\"children\":[");
        }
        json.append("]}".repeat(127));
        Object read = tree.fromJson(json.toString());

        assertThat(tree.toJson(read)).isEqualTo(json.toString());
        assertThat(tree.indent(" ").toJson(read).replaceAll("\\s", "")).isEqualTo(json.toString());
        assertThat(tree.fromJsonValue(tree.toJsonValue(read))).isEqualTo(read);
    }
}
