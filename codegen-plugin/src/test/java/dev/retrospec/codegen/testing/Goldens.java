package dev.retrospec.codegen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Golden files: generated sources compared with checked-in ones. Run with {@code -Dretrospec.updateGoldens=true}
 * to rewrite the expected files from the current output (then review the diff).
 */
public final class Goldens {
  public static final boolean UPDATE = Boolean.getBoolean("retrospec.updateGoldens");

  private Goldens() {}

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
        expected.put(expectedDir.relativize(path).toString().replace('\\', '/'),
            Files.readString(path, StandardCharsets.UTF_8));
      }
    }
    assertThat(actual.keySet()).as("generated files in %s", expectedDir).isEqualTo(expected.keySet());
    for (Map.Entry<String, String> file : expected.entrySet()) {
      assertThat(actual.get(file.getKey())).as("%s (rerun with -Dretrospec.updateGoldens=true to accept)",
          file.getKey()).isEqualTo(file.getValue());
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
