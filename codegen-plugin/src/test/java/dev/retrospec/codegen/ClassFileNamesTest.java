package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.model.Names;
import dev.retrospec.codegen.testing.Goldens;
import dev.retrospec.codegen.testing.InMemoryJavac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code long-names} golden names its types in a script of three UTF-8 bytes a character, as long as names go,
 * and nests them as deep as generated code nests (a parameter object's builder in an interface, a union's wrappers):
 * compiled to disk, every class file keeps a name common file systems accept.
 */
class ClassFileNamesTest {
    @Test
    void everyClassFileNameStaysUnderTheFileSystemLimit(@TempDir Path classes) throws Exception {
        List<String> diagnostics = InMemoryJavac.compile(
                Generator.generate(Goldens.options("long-names")).files(), classes);
        assertThat(diagnostics).isEmpty();
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class"))
                    .toList();
        }
        assertThat(names).anyMatch(name -> name.contains("$") && bytes(name) > 200); // the case reaches the limit
        assertThat(names)
                .allSatisfy(name -> assertThat(bytes(name))
                        .as(name)
                        .isLessThanOrEqualTo(Names.MAX_CLASS_FILE_BYTES + 1) // + a number: shortened names met
                        .isLessThan(255));
    }

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
