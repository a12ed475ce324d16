package dev.retrospec.codegen.emit;

import java.util.Objects;

/**
 * Where the emitted code goes and how operations return.
 *
 * @param basePackage the client class's package
 * @param apiPackage the Retrofit interfaces' package
 * @param modelPackage the records' and enums' package
 */
public record EmitOptions(String basePackage, String apiPackage, String modelPackage, CallStyle callStyle) {
    /** What an operation method returns. */
    public enum CallStyle {
        /** {@code Call<T>}: Retrofit's own; execute or enqueue. */
        CALL,
        /** {@code CompletableFuture<T>}: completes with the body, or exceptionally with {@code HttpException}. */
        COMPLETABLE_FUTURE
    }

    public EmitOptions {
        Objects.requireNonNull(basePackage, "basePackage == null");
        Objects.requireNonNull(apiPackage, "apiPackage == null");
        Objects.requireNonNull(modelPackage, "modelPackage == null");
        Objects.requireNonNull(callStyle, "callStyle == null");
    }

    /** The package of the JSON adapters for the model's types: beside the model, not in it. */
    public String jsonPackage() {
        return modelPackage + ".json";
    }

    /** {@code base}, {@code base.api} and {@code base.model}, returning {@code Call<T>}. */
    public static EmitOptions of(String basePackage) {
        return new EmitOptions(basePackage, basePackage + ".api", basePackage + ".model", CallStyle.CALL);
    }
}
