package dev.retrospec.codegen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.GeneratedFile;
import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.emit.EmitOptions.CallStyle;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Golden files: generated sources compared with checked-in ones. Run with {@code -Dretrospec.updateGoldens=true}
 * to rewrite the expected files from the current output (then review the diff).
 */
public final class Goldens {
    public static final boolean UPDATE = Boolean.getBoolean("retrospec.updateGoldens");

    /** Compiled cases, one class loader each per JVM: see {@link #load}. */
    private static final Map<String, ClassLoader> LOADED = new ConcurrentHashMap<>();

    private Goldens() {}

    /**
     * A case generated, compiled and loaded, once per test JVM. Moshi's record adapter resolves constructors from
     * Moshi's own class loader, and the JVM then pins each generated type name to the first class it saw: a second
     * loader defining the same record would fail with "no such constructor".
     */
    public static ClassLoader load(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try {
                Path classes = Files.createTempDirectory("retrospec-" + n);
                return InMemoryJavac.load(Generator.generate(options(n)).files(), classes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SpecProblemsException e) {
                throw new AssertionError("golden case " + n + " does not generate", e);
            }
        });
    }

    /** Where the cases are, relative to the module. */
    public static final Path DIR = Path.of("src/test/golden");

    /** The names of the cases, sorted. */
    public static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(DIR)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** The options a case's {@code case.properties} says. */
    public static GeneratorOptions options(String name) throws IOException {
        Path dir = DIR.resolve(name);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("case.properties"))) {
            properties.load(reader);
        }
        Path spec = dir.resolve(properties.getProperty("spec", "spec.yaml")).normalize();
        return GeneratorOptions.builder(spec, properties.getProperty("packageName"))
                .apiPackage(properties.getProperty("apiPackage"))
                .modelPackage(properties.getProperty("modelPackage"))
                .clientName(properties.getProperty("clientName"))
                .typeMappings(mappings(properties.getProperty("typeMappings")))
                .schemaMappings(mappings(properties.getProperty("schemaMappings")))
                .callStyle(CallStyle.valueOf(properties.getProperty("callStyle", "CALL")))
                .build();
    }

    /** {@code key=value, key=value}. */
    private static Map<String, String> mappings(String text) {
        Map<String, String> map = new TreeMap<>();
        if (text != null) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }

    /** Asserts that {@code expectedDir} holds exactly {@code files}, byte for byte; or rewrites it. */
    public static void assertMatches(Path expectedDir, List<GeneratedFile> files) throws IOException {
        Map<String, String> actual = files.stream()
                .collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content, (a, b) -> a, TreeMap::new));
        if (UPDATE) {
            if (Files.exists(expectedDir)) {
                try (Stream<Path> old = Files.walk(expectedDir)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(Goldens::delete);
                }
            }
            for (Map.Entry<String, String> file : actual.entrySet()) {
                Path path = expectedDir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            return;
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(expectedDir)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                expected.put(
                        expectedDir.relativize(path).toString().replace('\\', '/'),
                        Files.readString(path, StandardCharsets.UTF_8));
            }
        }
        assertThat(actual.keySet()).as("generated files in %s", expectedDir).isEqualTo(expected.keySet());
        for (Map.Entry<String, String> file : expected.entrySet()) {
            assertThat(actual.get(file.getKey()))
                    .as("%s (rerun with -Dretrospec.updateGoldens=true to accept)", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
