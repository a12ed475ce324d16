package dev.retrospec.runtime;

import java.util.List;
import java.util.Objects;

/**
 * An array parameter sent as one delimited value, as OpenAPI's {@code explode: false},
 * {@code spaceDelimited} and {@code pipeDelimited} styles (and path and header arrays) want: {@code ids=1,2,3}
 * instead of {@code ids=1&ids=2&ids=3}. Each value is written the way a single parameter would be.
 */
public final class Delimited<T> {
    private final List<T> values;
    private final String delimiter;

    private Delimited(List<T> values, String delimiter) {
        this.values = List.copyOf(values);
        this.delimiter = delimiter;
    }

    /** Comma-separated: {@code form} with {@code explode: false}, and {@code simple} (path and header arrays). */
    public static <T> Delimited<T> csv(List<T> values) {
        return new Delimited<>(values, ",");
    }

    /** Space-separated: {@code spaceDelimited}. */
    public static <T> Delimited<T> spaces(List<T> values) {
        return new Delimited<>(values, " ");
    }

    /** Pipe-separated: {@code pipeDelimited}. */
    public static <T> Delimited<T> pipes(List<T> values) {
        return new Delimited<>(values, "|");
    }

    public List<T> values() {
        return values;
    }

    public String delimiter() {
        return delimiter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delimited<?> other && values.equals(other.values) && delimiter.equals(other.delimiter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, delimiter);
    }

    @Override
    public String toString() {
        return "Delimited" + values + " by '" + delimiter + "'";
    }
}
