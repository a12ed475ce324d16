package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The layers of DESIGN.md, {@code load -> model -> emit -> maven}, checked on the sources: each package may only
 * import what its layer may know.
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/dev/retrospec");

  @ParameterizedTest(name = "{0} does not import {1}")
  @CsvSource({
      "codegen/load, com.palantir.javapoet",
      "codegen/load, org.apache.maven",
      "codegen/load, dev.retrospec.codegen.model",
      "codegen/load, dev.retrospec.codegen.emit",
      "codegen/model, com.palantir.javapoet",
      "codegen/model, org.apache.maven",
      "codegen/model, dev.retrospec.codegen.emit",
      "codegen/emit, io.swagger",
      "codegen/emit, org.apache.maven",
      "codegen/emit, dev.retrospec.codegen.load",
      "codegen/emit, java.nio.file",
      "codegen/emit, java.io.File",
      "maven, io.swagger",
      "maven, com.palantir.javapoet",
  })
  void packageDoesNotImport(String layer, String forbidden) throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(layer))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("import " + forbidden) || line.startsWith("import static " + forbidden)) {
            offenders.add(MAIN.relativize(file) + ": " + line);
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
