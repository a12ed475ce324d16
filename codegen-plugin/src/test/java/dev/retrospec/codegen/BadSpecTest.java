package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import dev.retrospec.codegen.testing.Goldens;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per kind of problem Retrospec reports. A case is {@code src/test/bad/<name>.yaml} (or {@code .json}), or
 * a folder {@code src/test/bad/<name>/} whose description is {@code api.yaml}; {@code <name>.properties} beside it
 * may set options ({@code packageName}, {@code apiPackage}, {@code modelPackage}, {@code clientName},
 * {@code typeMappings}, {@code schemaMappings}, or {@code spec} for another file). Generation must report exactly the
 * problems in {@code <name>.expected}, one per line, as users see them: errors fail, warnings come with the code.
 * {@code -Dretrospec.updateGoldens=true} rewrites the expected files (then review the diff).
 */
class BadSpecTest {
    static final Path BAD = Path.of("src/test/bad");

    /** Kinds no description can show in a test: each with why. */
    private static final Map<Problem.Kind, String> NOT_REPRODUCIBLE =
            Map.of(Problem.Kind.UNREADABLE, "an I/O error while reading a file that exists; tests run as root");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files
                    .map(f -> f.getFileName().toString())
                    .filter(f -> !f.endsWith(".expected"))
                    .map(f -> f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : f)
                    .distinct()
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(String name) throws IOException {
        if (Goldens.UPDATE) {
            Files.write(
                    BAD.resolve(name + ".expected"),
                    problems(name).stream().map(Problem::toString).toList(),
                    StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(BAD.resolve(name + ".expected"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();

        assertThat(expected).as("%s.expected lists the problems", name).isNotEmpty();
        assertThat(problems(name).stream().map(Problem::toString).toList()).isEqualTo(expected);
    }

    @Test
    void everyKindOfProblemHasACase() throws IOException {
        Set<Problem.Kind> covered = EnumSet.noneOf(Problem.Kind.class);
        for (String name : cases().toList()) {
            problems(name).forEach(p -> covered.add(p.kind()));
        }
        Set<Problem.Kind> missing = EnumSet.allOf(Problem.Kind.class);
        missing.removeAll(covered);
        missing.removeAll(NOT_REPRODUCIBLE.keySet());
        assertThat(missing)
                .as("kinds of problem without a case in src/test/bad")
                .isEmpty();
    }

    /** What generating the case reports: the problems that stopped it, or the warnings that came with the code. */
    private static List<Problem> problems(String name) throws IOException {
        Properties options = new Properties();
        Path properties = BAD.resolve(name + ".properties");
        if (Files.exists(properties)) {
            try (Reader reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                options.load(reader);
            }
        }
        Path spec = BAD.resolve(options.getProperty("spec", specFile(name)));
        GeneratorOptions generatorOptions = GeneratorOptions.builder(
                        spec, options.getProperty("packageName", "com.example"))
                .specName(BAD.relativize(spec).toString())
                .apiPackage(options.getProperty("apiPackage"))
                .modelPackage(options.getProperty("modelPackage"))
                .clientName(options.getProperty("clientName"))
                .typeMappings(mappings(options.getProperty("typeMappings")))
                .schemaMappings(mappings(options.getProperty("schemaMappings")))
                .maxGeneratedTypes(Integer.parseInt(options.getProperty("maxGeneratedTypes", "25000")))
                .build();
        try {
            return sorted(Generator.generate(generatorOptions).warnings());
        } catch (SpecProblemsException e) {
            return sorted(e.problems());
        }
    }

    private static String specFile(String name) {
        if (Files.isDirectory(BAD.resolve(name))) {
            return name + "/api.yaml";
        }
        return Files.exists(BAD.resolve(name + ".json")) ? name + ".json" : name + ".yaml";
    }

    private static List<Problem> sorted(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Problem.ORDER);
        return sorted;
    }

    /** {@code key=value, key=value}. */
    private static Map<String, String> mappings(String text) {
        Map<String, String> map = new TreeMap<>();
        if (text != null) {
            for (String pair : text.split(",", -1)) {
                int eq = pair.indexOf('=');
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }
}
