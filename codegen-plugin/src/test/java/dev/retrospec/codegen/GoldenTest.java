package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.testing.Goldens;
import dev.retrospec.codegen.testing.InMemoryJavac;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.retrospec.codegen.emit.EmitOptions.CallStyle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case under {@code src/test/golden/<case>/}: {@code case.properties} names the spec and the package;
 * {@code expected/} holds the sources it must generate. Each case must also compile with {@code -Xlint:all}
 * without a single diagnostic, and generate byte-identical files twice.
 */
class GoldenTest {
  static final Path GOLDEN = Path.of("src/test/golden");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  static GeneratorOptions options(String name) throws IOException {
    Path dir = GOLDEN.resolve(name);
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

  @ParameterizedTest
  @MethodSource("cases")
  void generatesTheExpectedSources(String name) throws Exception {
    Generator.Result result = Generator.generate(options(name));
    Goldens.assertMatches(GOLDEN.resolve(name).resolve("expected"), result.files());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void compilesWithoutAnyWarning(String name, @TempDir Path classes) throws Exception {
    List<String> diagnostics = InMemoryJavac.compile(Generator.generate(options(name)).files(), classes);
    assertThat(diagnostics).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void isDeterministic(String name) throws Exception {
    assertThat(Generator.generate(options(name)).files()).isEqualTo(Generator.generate(options(name)).files());
  }
}
