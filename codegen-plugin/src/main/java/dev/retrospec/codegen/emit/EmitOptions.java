package dev.retrospec.codegen.emit;

import java.util.Objects;

/**
 * Where the emitted code goes.
 *
 * @param basePackage the client class's package
 * @param apiPackage the Retrofit interfaces' package
 * @param modelPackage the records' and enums' package
 */
public record EmitOptions(String basePackage, String apiPackage, String modelPackage) {
  public EmitOptions {
    Objects.requireNonNull(basePackage, "basePackage == null");
    Objects.requireNonNull(apiPackage, "apiPackage == null");
    Objects.requireNonNull(modelPackage, "modelPackage == null");
  }

  /** {@code base}, {@code base.api} and {@code base.model}. */
  public static EmitOptions of(String basePackage) {
    return new EmitOptions(basePackage, basePackage + ".api", basePackage + ".model");
  }
}
