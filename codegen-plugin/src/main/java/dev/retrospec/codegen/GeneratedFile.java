package dev.retrospec.codegen;

/** A generated source file: its path under the output directory ({@code com/example/Pet.java}) and its text. */
public record GeneratedFile(String path, String content) {}
