package dev.retrospec.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retrospec.codegen.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void writesEveryFileOfManyDirectoriesAndCleansUpAfterAFailureInOne() throws IOException {
        Path out = dir.resolve("out");
        List<GeneratedFile> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new GeneratedFile("p" + (i % 3) + "/T" + i + ".java", "class T" + i + " {}"));
        }
        OutputWriter.replace(out, many);
        assertThat(files(out)).hasSize(300);
        for (GeneratedFile file : many) {
            assertThat(Files.readString(out.resolve(file.path()))).isEqualTo(file.content());
        }

        // Directory p1 cannot be written (one of its files' names is taken by a directory); p0 and p2 can.
        List<GeneratedFile> broken = new ArrayList<>(many);
        broken.add(new GeneratedFile("p1/T1.java/Nested.java", "x"));
        assertThatThrownBy(() -> OutputWriter.replace(out, broken)).isInstanceOf(IOException.class);

        assertThat(files(dir)).hasSize(300).allMatch(f -> f.startsWith("out/"));
        assertThat(Files.readString(out.resolve("p1/T1.java"))).isEqualTo("class T1 {}");
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
