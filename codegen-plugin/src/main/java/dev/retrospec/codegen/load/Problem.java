package dev.retrospec.codegen.load;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something wrong or unusual in an OpenAPI description, and where it is.
 *
 * @param file the file as the user named it (a path or {@code classpath:...})
 * @param line 1-based, or 0 if unknown
 * @param column 1-based, or 0 if unknown
 * @param pointer JSON pointer as a URI fragment ({@code #/paths/~1pets/get}), or empty
 */
public record Problem(Severity severity, String file, int line, int column, String pointer, String message) {
    public enum Severity {
        /** Generation cannot produce correct code. */
        ERROR,
        /** Generation goes on with a sound fallback. */
        WARNING
    }

    /** Errors first, then by file, line and pointer: the order problems are reported in. */
    public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::severity)
            .thenComparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparing(Problem::pointer)
            .thenComparing(Problem::message);

    public Problem {
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(pointer, "pointer == null");
        Objects.requireNonNull(message, "message == null");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Like javac: {@code api.yaml:12:5: error: #/paths/~1pets/get: message}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ")
                .append(severity == Severity.ERROR ? "error" : "warning")
                .append(": ");
        if (!pointer.isEmpty()) {
            out.append(pointer).append(": ");
        }
        return out.append(message).toString();
    }
}
