package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import dev.retrospec.codegen.testing.InMemoryJavac;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Descriptions past what javac takes in one place: records with more components than a constructor has parameter
 * slots, enums with more constants than a static initializer holds, operations with more parameters than a method
 * takes, unions and interfaces past the size of a method or a constant pool. Each must generate code that compiles,
 * or be refused with a problem that says where: never a javac error, never a crash.
 */
class ShapeLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    /** What a shape must come to. */
    enum Outcome {
        /** Generates, compiles, and says nothing. */
        COMPILES,
        /** Generates and compiles in a degraded form, with a warning that says where. */
        DEGRADED,
        /** Refused with an error that says where. */
        REFUSED
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                shape("a record of 300 strings", Outcome.COMPILES, d -> record(d, 300, "string", null)),
                shape("a record of 200 required int64s", Outcome.COMPILES, d -> record(d, 200, "integer", "int64")),
                shape("a record of 600 required int64s", Outcome.COMPILES, d -> record(d, 600, "integer", "int64")),
                shape("a record of 3000 strings", Outcome.REFUSED, d -> record(d, 3000, "string", null)),
                shape("an enum of 2000 values", Outcome.COMPILES, d -> enumOf(d, 2000)),
                shape("an enum of 5000 values", Outcome.DEGRADED, d -> enumOf(d, 5000)),
                shape("an operation of 300 parameters", Outcome.DEGRADED, d -> parameters(d, 300)),
                shape("a union of 1000 alternatives", Outcome.COMPILES, d -> union(d, 1000)),
                shape("a union of 3000 alternatives", Outcome.REFUSED, d -> union(d, 3000)),
                shape("a tag of 6000 operations", Outcome.COMPILES, d -> operations(d, 6000)));
    }

    private static Arguments shape(String name, Outcome outcome, Consumer<ObjectNode> shape) {
        return Arguments.of(name, outcome, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void compilesOrIsRefusedWithALocation(String name, Outcome outcome, Consumer<ObjectNode> shape) throws IOException {
        Path spec = write(shape);
        Generator.Result result;
        try {
            result = Generator.generate(
                    GeneratorOptions.builder(spec, "com.example.limits").build());
        } catch (SpecProblemsException e) {
            assertThat(outcome).as(e.getMessage()).isEqualTo(Outcome.REFUSED);
            assertThat(e.problems())
                    .filteredOn(p -> p.severity() == Problem.Severity.ERROR)
                    .isNotEmpty()
                    .allSatisfy(p -> {
                        assertThat(p.pointer()).startsWith("#/components/schemas/");
                        assertThat(p.line()).isPositive();
                    });
            return;
        }
        assertThat(outcome).isNotEqualTo(Outcome.REFUSED);
        if (outcome == Outcome.DEGRADED) {
            assertThat(result.warnings())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.pointer()).startsWith("#/"));
        } else {
            assertThat(result.warnings()).isEmpty();
        }
        Path sources = Path.of("target", "shape-limits", name.replace(' ', '-')); // to look at when it fails
        for (GeneratedFile file : result.files()) {
            Path source = sources.resolve(file.path());
            Files.createDirectories(source.getParent());
            Files.writeString(source, file.content(), StandardCharsets.UTF_8);
        }
        List<String> diagnostics = InMemoryJavac.compile(result.files(), dir.resolve("classes"));
        assertThat(diagnostics).filteredOn(d -> d.contains(": error: ")).isEmpty();
    }

    @Test
    void anObjectTooWideForARecordIsAClassWithABuilderThatEqualsAndReadsAndWritesLikeOne() throws Exception {
        Path spec = write(d -> record(d, 300, "string", null));
        Generator.Result result = Generator.generate(
                GeneratorOptions.builder(spec, "com.example.limits").build());
        ClassLoader loader = InMemoryJavac.load(result.files(), dir.resolve("classes"));
        Class<?> wide = loader.loadClass("com.example.limits.model.Wide");
        Class<?> factory = loader.loadClass("com.example.limits.model.json.JsonAdapters");
        Moshi moshi = new Moshi.Builder()
                .add((JsonAdapter.Factory) factory.getMethod("strict").invoke(null))
                .build();
        JsonAdapter<Object> json = moshi.adapter((java.lang.reflect.Type) wide);

        Object read = json.fromJson("{\"p0\":\"first\",\"p299\":\"last\",\"other\":1}");
        assertThat(wide.getMethod("p0").invoke(read)).isEqualTo("first");
        assertThat(wide.getMethod("p299").invoke(read)).isEqualTo("last");
        assertThat(wide.getMethod("p1").invoke(read)).isNull();
        assertThat(json.toJson(read)).isEqualTo("{\"p0\":\"first\",\"p299\":\"last\"}");

        Object builder = wide.getMethod("builder").invoke(null);
        builder.getClass().getMethod("p0", String.class).invoke(builder, "first");
        builder.getClass().getMethod("p299", String.class).invoke(builder, "last");
        Object built = builder.getClass().getMethod("build").invoke(builder);
        assertThat(built).isEqualTo(read).hasSameHashCodeAs(read);
        assertThat(built.toString()).startsWith("Wide[p0=first, p1=null").endsWith("p299=last]");
        builder.getClass().getMethod("p1", String.class).invoke(builder, "other");
        assertThat(builder.getClass().getMethod("build").invoke(builder)).isNotEqualTo(read);
    }

    private Path write(Consumer<ObjectNode> shape) throws IOException {
        ObjectNode description = NODES.objectNode();
        description.put("openapi", "3.0.3");
        description.putObject("info").put("title", "Limits").put("version", "1");
        description.putObject("paths");
        description.putObject("components").putObject("schemas");
        shape.accept(description);
        Path spec = dir.resolve("api.json");
        Files.writeString(spec, JSON.writeValueAsString(description), StandardCharsets.UTF_8);
        return spec;
    }

    private static ObjectNode get(ObjectNode description, String path, String schemaRef) {
        ObjectNode operation =
                ((ObjectNode) description.get("paths")).putObject(path).putObject("get");
        operation
                .putObject("responses")
                .putObject("200")
                .put("description", "ok")
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", schemaRef);
        return operation;
    }

    private static ObjectNode schemas(ObjectNode description) {
        return (ObjectNode) description.get("components").get("schemas");
    }

    private static void record(ObjectNode description, int count, String type, String format) {
        ObjectNode wide = schemas(description).putObject("Wide");
        wide.put("type", "object");
        ObjectNode properties = wide.putObject("properties");
        ArrayNode required = wide.putArray("required");
        for (int i = 0; i < count; i++) {
            ObjectNode property = properties.putObject("p" + i).put("type", type);
            if (format != null) {
                property.put("format", format);
                required.add("p" + i);
            }
        }
        get(description, "/wide", "#/components/schemas/Wide");
    }

    private static void enumOf(ObjectNode description, int count) {
        ObjectNode many = schemas(description).putObject("Many").put("type", "string");
        ArrayNode values = many.putArray("enum");
        for (int i = 0; i < count; i++) {
            values.add("value-" + i);
        }
        get(description, "/many", "#/components/schemas/Many");
    }

    private static void parameters(ObjectNode description, int count) {
        thing(description);
        ObjectNode operation = get(description, "/things", "#/components/schemas/Thing");
        operation.put("operationId", "findThings");
        ArrayNode parameters = operation.putArray("parameters");
        for (int i = 0; i < count; i++) {
            parameters
                    .addObject()
                    .put("name", "q" + i)
                    .put("in", "query")
                    .putObject("schema")
                    .put("type", "string");
        }
    }

    /** A small object the operations return. */
    private static void thing(ObjectNode description) {
        ObjectNode thing = schemas(description).putObject("Thing").put("type", "object");
        thing.putObject("properties").putObject("a").put("type", "string");
    }

    private static void union(ObjectNode description, int count) {
        ArrayNode oneOf = schemas(description).putObject("Either").putArray("oneOf");
        for (int i = 0; i < count; i++) {
            ObjectNode alternative = oneOf.addObject().put("type", "object").put("title", "Kind" + i);
            alternative.putArray("required").add("k" + i);
            alternative.putObject("properties").putObject("k" + i).put("type", "string");
        }
        get(description, "/either", "#/components/schemas/Either");
    }

    private static void operations(ObjectNode description, int count) {
        thing(description);
        for (int i = 0; i < count; i++) {
            ObjectNode operation = get(description, "/things/" + i, "#/components/schemas/Thing");
            operation.put("operationId", "thing" + i);
            operation.putArray("tags").add("things");
        }
    }
}
