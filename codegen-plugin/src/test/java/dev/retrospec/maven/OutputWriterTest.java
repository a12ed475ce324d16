package dev.retrospec.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retrospec.codegen.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheWholeDirectory() throws IOException {
        Path out = dir.resolve("out");
        OutputWriter.replace(
                out, List.of(new GeneratedFile("a/Old.java", "old"), new GeneratedFile("a/Kept.java", "1")));
        OutputWriter.replace(
                out, List.of(new GeneratedFile("a/Kept.java", "2"), new GeneratedFile("b/New.java", "new")));

        assertThat(files(out)).containsExactly("a/Kept.java", "b/New.java");
        assertThat(Files.readString(out.resolve("a/Kept.java"))).isEqualTo("2");
        assertThat(files(dir)).allMatch(f -> f.startsWith("out/")); // no staging or backup left behind
    }

    @Test
    void aFailedWriteLeavesThePreviousOutputAndNoDebris() throws IOException {
        Path out = dir.resolve("out");
        OutputWriter.replace(out, List.of(new GeneratedFile("a/Pet.java", "class Pet {}")));

        // The second file cannot be written: its parent path is taken by the first file.
        assertThatThrownBy(() -> OutputWriter.replace(
                        out,
                        List.of(
                                new GeneratedFile("a/Pet.java", "changed"),
                                new GeneratedFile("a/Pet.java/Broken.java", "x"))))
                .isInstanceOf(IOException.class);

        assertThat(files(dir)).containsExactly("out/a/Pet.java");
        assertThat(Files.readString(out.resolve("a/Pet.java"))).isEqualTo("class Pet {}");
    }

    @Test
    void refusesPathsOutsideTheOutputDirectory() {
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> OutputWriter.replace(out, List.of(new GeneratedFile("../escape.java", "x"))))
                .isInstanceOf(IOException.class)
                .hasMessage("generated path escapes the output directory: ../escape.java");
        assertThat(Files.exists(dir.resolve("escape.java"))).isFalse();
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
