package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.LoadedSpec;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecLoader;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small descriptions written in a test, loaded as the generator loads them, for one translator at a time. */
final class Descriptions {
    private Descriptions() {}

    /** A context over {@code yaml}: see {@link #load(String)}. */
    static ModelContext context(String yaml) {
        return context(yaml, ModelBuilder.Options.DEFAULTS);
    }

    static ModelContext context(String yaml, ModelBuilder.Options options) {
        LoadedSpec spec = load(yaml);
        return new ModelContext(spec.openApi(), spec.sources(), options);
    }

    /**
     * Loads {@code yaml} from a temporary file named test.yaml, after an OpenAPI 3.0 {@code openapi} and {@code info}
     * header unless it starts with its own.
     */
    static LoadedSpec load(String yaml) {
        try {
            Path dir = Files.createTempDirectory("retrospec-model-test");
            Path file = dir.resolve("test.yaml");
            String text = yaml.startsWith("openapi:")
                    ? yaml
                    : "openapi: 3.0.3\ninfo:\n  title: Test\n  version: '1'\n" + yaml;
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return SpecLoader.load(file, "test.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecProblemsException e) {
            throw new AssertionError("the test description does not load: " + e.getMessage(), e);
        }
    }

    /** The problems of a context, as users read them. */
    static List<String> problems(ModelContext context) {
        return context.problems().stream()
                .sorted(Problem.ORDER)
                .map(Problem::toString)
                .toList();
    }
}
