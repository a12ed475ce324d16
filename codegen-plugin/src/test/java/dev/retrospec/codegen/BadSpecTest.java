package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code src/test/bad/<name>.yaml} (or {@code .json}) must fail with exactly the problems in
 * {@code <name>.expected}, one per line, as users see them.
 */
class BadSpecTest {
    static final Path BAD = Path.of("src/test/bad");

    static Stream<String> specs() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files
                    .map(f -> f.getFileName().toString())
                    .filter(f -> !f.endsWith(".expected"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void failsWithTheExactProblems(String file) throws IOException {
        Path spec = BAD.resolve(file);
        String name = file.substring(0, file.lastIndexOf('.'));
        List<String> expected = Files.readAllLines(BAD.resolve(name + ".expected"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();

        SpecProblemsException failure = catchThrowableOfType(
                SpecProblemsException.class,
                () -> Generator.generate(
                        GeneratorOptions.builder(spec, "com.example").build()));

        assertThat(failure).as("%s must not generate", file).isNotNull();
        assertThat(failure.problems().stream()
                        .sorted(Problem.ORDER)
                        .map(Problem::toString)
                        .toList())
                .isEqualTo(expected);
    }
}
