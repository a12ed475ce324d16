package dev.retrospec.codegen;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One generation request.
 *
 * @param specFile the description on disk
 * @param specName how messages name it: the path or {@code classpath:} location the user gave
 * @param packageName the client class's package; interfaces go to {@code .api}, models to {@code .model} unless
 *     {@code apiPackage} or {@code modelPackage} say otherwise
 * @param clientName the client class's simple name, or null to derive it from {@code info.title}
 */
public record GeneratorOptions(
    Path specFile,
    String specName,
    String packageName,
    @Nullable String apiPackage,
    @Nullable String modelPackage,
    @Nullable String clientName) {
  public GeneratorOptions {
    Objects.requireNonNull(specFile, "specFile == null");
    Objects.requireNonNull(specName, "specName == null");
    Objects.requireNonNull(packageName, "packageName == null");
  }

  public static GeneratorOptions of(Path specFile, String packageName) {
    return new GeneratorOptions(specFile, specFile.toString(), packageName, null, null, null);
  }
}
