package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.testing.Goldens;
import dev.retrospec.codegen.testing.InMemoryJavac;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    static Stream<String> cases() throws IOException {
        return Goldens.cases();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void generatesTheExpectedSources(String name) throws Exception {
        Generator.Result result = Generator.generate(Goldens.options(name));
        Goldens.assertMatches(Goldens.DIR.resolve(name).resolve("expected"), result.files());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void compilesWithoutAnyWarning(String name, @TempDir Path classes) throws Exception {
        List<String> diagnostics =
                InMemoryJavac.compile(Generator.generate(Goldens.options(name)).files(), classes);
        assertThat(diagnostics).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isDeterministic(String name) throws Exception {
        assertThat(Generator.generate(Goldens.options(name)).files())
                .isEqualTo(Generator.generate(Goldens.options(name)).files());
    }
}
