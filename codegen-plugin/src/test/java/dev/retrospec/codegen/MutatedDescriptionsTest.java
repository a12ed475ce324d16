package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Descriptions as real ones are broken: a description of our own (every golden and bad case) or of the shared corpus,
 * with one random node deleted, one random value nulled or one key written twice, must either generate or be refused
 * with located problems; nothing else may escape the generator, and swagger-parser must not crash under it. Seeded
 * and bounded ({@code -Dretrospec.fuzz.seed}, {@code -Dretrospec.fuzz.runs} per description): each failure says the
 * seed, the file and the mutation that made it.
 */
class MutatedDescriptionsTest {
    private static final long SEED = Long.getLong("retrospec.fuzz.seed", 20_260_514L);
    private static final int RUNS = Integer.getInteger("retrospec.fuzz.runs", 12);
    /** Corpus descriptions tried in verify, and the largest taken: the rest is for a soak with the properties set. */
    private static final int CORPUS_FILES = Integer.getInteger("retrospec.fuzz.corpusFiles", 8);

    private static final long CORPUS_MAX_BYTES = 60_000;
    private static final Path CORPUS = Path.of(System.getProperty("retrospec.corpus", "../../shared/corpus"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    enum Mutation {
        DELETE,
        NULL,
        DUPLICATE_KEY
    }

    @Test
    void ourDescriptionsMutatedGenerateOrAreRefusedWithLocatedProblems() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path spec : ourDescriptions()) {
            mutateAndGenerate(spec, true, failures);
        }
        assertThat(failures).as("mutations that escaped the generator").isEmpty();
    }

    @Test
    void corpusDescriptionsMutatedGenerateOrAreRefusedWithLocatedProblems() throws IOException {
        assumeTrue(
                Files.isDirectory(CORPUS),
                "no corpus at " + CORPUS.toAbsolutePath().normalize()
                        + " (set -Dretrospec.corpus=<folder>): mutating our own descriptions only");
        List<Path> candidates;
        try (Stream<Path> files = Files.walk(CORPUS)) {
            candidates = files.filter(MutatedDescriptionsTest::isDescription)
                    .filter(f -> size(f) <= CORPUS_MAX_BYTES)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < Math.min(CORPUS_FILES, candidates.size()); i++) {
            mutateAndGenerate(candidates.get(random.nextInt(candidates.size())), false, failures);
        }
        assertThat(failures).as("mutations that escaped the generator").isEmpty();
    }

    /**
     * Mutates {@code spec} {@link #RUNS} times and generates each mutant, in a copy of the folder of {@code spec} when
     * {@code withFolder} (so that its relative references resolve), alone otherwise.
     */
    private void mutateAndGenerate(Path spec, boolean withFolder, List<String> failures) throws IOException {
        JsonNode original = read(spec);
        if (!(original instanceof ObjectNode)) {
            return;
        }
        Path folder = Files.createTempDirectory(dir, "case");
        if (withFolder) {
            copyFolder(spec.getParent(), folder);
        }
        Random random = new Random(SEED ^ spec.toString().hashCode());
        for (int run = 0; run < RUNS; run++) {
            JsonNode tree = original.deepCopy();
            List<Place> places = new ArrayList<>();
            collect(tree, "#", places);
            Place place = places.get(random.nextInt(places.size()));
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            String text = mutate(
                    tree,
                    place,
                    mutation,
                    places.get(random.nextInt(places.size())).value());
            Path target = folder.resolve(spec.getFileName());
            Files.writeString(target, text, StandardCharsets.UTF_8);
            String what =
                    spec + " with " + mutation + " at " + place.pointer() + " (seed " + SEED + ", run " + run + ")";
            try {
                Generator.generate(
                        GeneratorOptions.builder(target, "com.example.fuzz").build());
            } catch (SpecProblemsException e) {
                for (Problem problem : e.problems()) {
                    if (problem.message().contains("swagger-parser failed")) {
                        failures.add(what + ": " + problem);
                    }
                }
            } catch (RuntimeException | Error e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                failures.add(what + ": " + trace.toString().lines().limit(12).reduce("", (a, b) -> a + "\n" + b));
            }
        }
    }

    /** A value in the tree, the container holding it, and its key or index there. */
    record Place(String pointer, JsonNode container, String key, int index, JsonNode value) {}

    private static void collect(JsonNode node, String pointer, List<Place> into) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = Pointers.child(pointer, field.getKey());
                into.add(new Place(child, object, field.getKey(), -1, field.getValue()));
                collect(field.getValue(), child, into);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = Pointers.child(pointer, i);
                into.add(new Place(child, array, "", i, array.get(i)));
                collect(array.get(i), child, into);
            }
        }
    }

    /** The description with one mutation, as JSON (which YAML readers read too). */
    private static String mutate(JsonNode tree, Place place, Mutation mutation, JsonNode other) throws IOException {
        switch (mutation) {
            case DELETE -> {
                if (place.container() instanceof ObjectNode object) {
                    object.remove(place.key());
                } else {
                    ((ArrayNode) place.container()).remove(place.index());
                }
            }
            case NULL -> {
                if (place.container() instanceof ObjectNode object) {
                    object.set(place.key(), NullNode.getInstance());
                } else {
                    ((ArrayNode) place.container()).set(place.index(), NullNode.getInstance());
                }
            }
            case DUPLICATE_KEY -> {
                // written below: the tree cannot hold a key twice
            }
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            write(generator, tree, mutation == Mutation.DUPLICATE_KEY ? place : null, other);
        }
        return out.toString();
    }

    /** Writes {@code node}; at {@code duplicate}, its key a second time with {@code other} as the value. */
    private static void write(JsonGenerator out, JsonNode node, Place duplicate, JsonNode other) throws IOException {
        if (node instanceof ObjectNode object) {
            out.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.writeFieldName(field.getKey());
                write(out, field.getValue(), duplicate, other);
                if (duplicate != null
                        && duplicate.container() == object
                        && duplicate.key().equals(field.getKey())) {
                    out.writeFieldName(field.getKey());
                    JSON.writeTree(out, other);
                }
            }
            out.writeEndObject();
        } else if (node instanceof ArrayNode array) {
            out.writeStartArray();
            for (JsonNode element : array) {
                write(out, element, duplicate, other);
            }
            out.writeEndArray();
        } else {
            JSON.writeTree(out, node);
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static List<Path> ourDescriptions() throws IOException {
        List<Path> specs = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/test/golden")), Files.walk(BadSpecTest.BAD))) {
            files.filter(f -> f.toString().endsWith("spec.yaml")
                            || f.toString().endsWith("spec.json")
                            || f.endsWith("multi-file/api.yaml")
                            || (f.getParent().equals(BadSpecTest.BAD)
                                    && f.toString().endsWith(".yaml")))
                    .sorted()
                    .forEach(specs::add);
        }
        specs.add(Path.of("../spec/src/main/resources/microtek/api.yaml"));
        return specs;
    }

    private static JsonNode read(Path spec) throws IOException {
        try {
            return (spec.toString().endsWith(".json") ? JSON : YAML).readTree(spec.toFile());
        } catch (IOException | RuntimeException e) {
            return NullNode.getInstance(); // not a description that parses: nothing to mutate
        }
    }

    private static boolean isDescription(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
