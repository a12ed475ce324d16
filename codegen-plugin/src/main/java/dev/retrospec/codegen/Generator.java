package dev.retrospec.codegen;

import com.palantir.javapoet.JavaFile;
import dev.retrospec.codegen.emit.EmitOptions;
import dev.retrospec.codegen.emit.Emitter;
import dev.retrospec.codegen.load.LoadedSpec;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecLoader;
import dev.retrospec.codegen.load.SpecProblemsException;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.ModelBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

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
    LoadedSpec spec = SpecLoader.load(options.specFile(), options.specName());
    ModelBuilder.Result built = ModelBuilder.build(spec, new ModelBuilder.Options(options.clientName()));
    EmitOptions packages = new EmitOptions(options.packageName(),
        options.apiPackage() != null ? options.apiPackage() : options.packageName() + ".api",
        options.modelPackage() != null ? options.modelPackage() : options.packageName() + ".model");
    List<GeneratedFile> files = Emitter.emit(built.model(), packages).stream()
        .map(Generator::toFile)
        .sorted(Comparator.comparing(GeneratedFile::path))
        .toList();
    return new Result(built.model(), files, built.warnings());
  }

  /**
   * JavaPoet writes an annotation with one named member on three lines where it is not inline (enum constants);
   * {@code @Json(name = "...")} reads better on one.
   */
  private static final Pattern SPLIT_JSON_NAME =
      Pattern.compile("@Json\\(\\n\\s*(name = \"(?:[^\"\\\\]|\\\\.)*\")\\n\\s*\\)");

  private static GeneratedFile toFile(JavaFile file) {
    String path = (file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/")
        + file.typeSpec().name() + ".java";
    return new GeneratedFile(path, SPLIT_JSON_NAME.matcher(file.toString()).replaceAll("@Json($1)"));
  }
}
