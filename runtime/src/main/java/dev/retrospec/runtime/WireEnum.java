package dev.retrospec.runtime;

/**
 * What every generated enum implements: each constant knows the text the API uses for it, which need not be a Java
 * name ({@code "in-progress"}, {@code "2"}). Parameters, form fields and JSON are written with it.
 */
public interface WireEnum {
    /** The value as the API sends it. */
    String value();
}
