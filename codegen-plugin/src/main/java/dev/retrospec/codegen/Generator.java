package dev.retrospec.codegen;

import com.palantir.javapoet.JavaFile;
import dev.retrospec.codegen.emit.EmitOptions;
import dev.retrospec.codegen.emit.Emitter;
import dev.retrospec.codegen.load.LoadOptions;
import dev.retrospec.codegen.load.LoadedSpec;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecLoader;
import dev.retrospec.codegen.load.SpecProblemsException;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.ModelBuilder;
import dev.retrospec.codegen.model.TypeMappings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns an OpenAPI description into Java sources, in memory: {@code load -> model -> emit}. Nothing is written;
 * the caller decides where the files go, so a failure never leaves half an output behind.
 */
public final class Generator {
    private Generator() {}

    /** What a generation produced. */
    public record Result(ApiModel model, List<GeneratedFile> files, List<Problem> warnings) {}

    /** @throws SpecProblemsException with every error found, if the description cannot become a client */
    public static Result generate(GeneratorOptions options) throws SpecProblemsException {
        try {
            return generateOrOverflow(options);
        } catch (StackOverflowError e) {
            throw tooDeep(options);
        }
    }

    /**
     * What remains when a description nests deeper than a stack can follow in a place no ceiling of ours guards (the
     * parser's own recursion): a located refusal rather than an error that kills the build's JVM thread.
     */
    private static SpecProblemsException tooDeep(GeneratorOptions options) {
        return new SpecProblemsException(List.of(new Problem(
                Problem.Severity.ERROR,
                Problem.Kind.TOO_LARGE,
                options.specName(),
                0,
                0,
                "",
                "the description nests too deeply to be followed (the Java stack overflowed)")));
    }

    private static Result generateOrOverflow(GeneratorOptions options) throws SpecProblemsException {
        ModelBuilder.Result built = model(options);
        EmitOptions emit = new EmitOptions(
                options.packageName(),
                options.effectiveApiPackage(),
                options.effectiveModelPackage(),
                options.callStyle());
        // Rendering is most of a generation's time (JavaPoet renders each file twice, once for its imports) and each
        // file renders alone from immutable specs: in parallel, then sorted, so the result does not depend on it.
        List<JavaFile> javaFiles = Emitter.emit(built.model(), emit).parallelStream()
                .filter(file -> options.generateModels() || !file.packageName().equals(emit.modelPackage()))
                .filter(file -> options.generateApis() || file.packageName().equals(emit.modelPackage()))
                .toList();
        List<GeneratedFile> files = new ArrayList<>(
                javaFiles.parallelStream().map(Generator::toFile).toList());
        // Each package says once that its types are @NullMarked, instead of every file.
        javaFiles.stream()
                .map(JavaFile::packageName)
                .distinct()
                .forEach(packageName -> files.add(new GeneratedFile(
                        packageName.replace('.', '/') + "/package-info.java",
                        Emitter.packageInfo(packageName, built.model().source()))));
        files.sort(Comparator.comparing(GeneratedFile::path));
        return new Result(built.model(), List.copyOf(files), built.warnings());
    }

    /**
     * Loads and models the description without writing code: what {@code validate} checks.
     *
     * @throws SpecProblemsException with every error found, in the options (located at the option) or in the
     *     description; anything else thrown is a bug of Retrospec's
     */
    public static ModelBuilder.Result model(GeneratorOptions options) throws SpecProblemsException {
        try {
            return modelOrOverflow(options);
        } catch (StackOverflowError e) {
            throw tooDeep(options);
        }
    }

    private static ModelBuilder.Result modelOrOverflow(GeneratorOptions options) throws SpecProblemsException {
        List<Problem> optionProblems = new ArrayList<>(options.problems());
        TypeMappings mappings = TypeMappings.of(options.typeMappings(), options.schemaMappings(), optionProblems);
        if (!optionProblems.isEmpty()) {
            throw new SpecProblemsException(optionProblems);
        }
        LoadedSpec spec = SpecLoader.load(
                options.specFile(),
                options.specName(),
                options.remoteOrigin(),
                new LoadOptions(options.allowRemoteRefs(), Math.max(1, options.maxDescriptionNodes())));
        return ModelBuilder.build(
                spec, new ModelBuilder.Options(options.clientName(), mappings, options.maxGeneratedTypes()));
    }

    /** A rendered file at its path under the output directory. */
    public static GeneratedFile toFile(JavaFile file) {
        String path = (file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/")
                + file.typeSpec().name() + ".java";
        return new GeneratedFile(path, file.toString());
    }
}
