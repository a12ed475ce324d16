package dev.retrospec.runtime;

/**
 * What every generated {@code oneOf}/{@code anyOf} sealed interface extends: so that a union sent as a path, query,
 * header or cookie parameter is written as the value it holds ({@code 42}, not {@code OfLong[value=42]}).
 */
public interface Union {
    /** A union's variant that wraps a value that is not an object: a string, a number, a list. */
    interface Wrapper extends Union {
        /** The wrapped value. */
        Object value();
    }
}
