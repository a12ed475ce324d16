package dev.retrospec.codegen.load;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something wrong or unusual in an OpenAPI description (or in the options it is generated with), and where it is.
 *
 * @param kind what kind of problem it is: code decides on this, never on the message
 * @param file the file as the user named it (a path or {@code classpath:...}), or the option's name
 * @param line 1-based, or 0 if unknown
 * @param column 1-based, or 0 if unknown
 * @param pointer JSON pointer as a URI fragment ({@code #/paths/~1pets/get}), or empty
 */
public record Problem(Severity severity, Kind kind, String file, int line, int column, String pointer, String message) {
    public enum Severity {
        /** Generation cannot produce correct code. */
        ERROR,
        /** Generation goes on with a sound fallback. */
        WARNING,
        /** Worth knowing, nothing wrong: a name Retrospec chose differently from the description's, say. */
        INFO
    }

    /** Who noticed a problem. */
    public enum Origin {
        /** swagger-parser, whose messages are translated and located here. */
        PARSER,
        /** Retrospec itself. */
        RETROSPEC
    }

    /** The kinds of problem Retrospec reports; each has a case in the generator's {@code bad/} tests. */
    public enum Kind {
        /** The description file is not there. */
        NO_SUCH_FILE,
        /** The description file cannot be read. */
        UNREADABLE,
        /** YAML or JSON that does not parse. */
        SYNTAX,
        /** Parses, but is neither OpenAPI 3.x nor Swagger 2.0. */
        NOT_OPENAPI,
        /** Past a ceiling: nodes with YAML aliases expanded, generated types, nesting. */
        TOO_LARGE,
        /** A {@code $ref} to a URL while remote references are not allowed. */
        REMOTE_REFERENCE,
        /** Text that would become code in generators that do not escape it: a comment end, a Unicode escape. */
        SUSPICIOUS_TEXT,
        /** Something swagger-parser says about the description. */
        PARSER_MESSAGE(Origin.PARSER),
        /** swagger-parser's view of a reference Retrospec reports more precisely. */
        PARSER_REFERENCE(Origin.PARSER),
        /** An element swagger-parser left out of its model. */
        PARSER_DROPPED(Origin.PARSER),
        /** A {@code $ref} that resolves to nothing. */
        UNRESOLVED_REFERENCE,
        /** A {@code $ref} to something of another kind than the place needs (a response where a schema belongs). */
        UNSUPPORTED_REFERENCE,
        /** A {@code $ref} to a file that is not there. */
        MISSING_REFERENCED_FILE,
        /** A {@code $ref} to a file the parser could not read. */
        UNREADABLE_REFERENCED_FILE,
        /** A {@code $ref} that leads back to itself without an object in between. */
        REFERENCE_CYCLE,
        /** Two operations with one {@code operationId}. */
        DUPLICATE_OPERATION_ID,
        /** A path parameter whose name is not a placeholder of the path. */
        PATH_PARAMETER_NOT_IN_PATH,
        /** A placeholder of the path that no parameter describes. */
        PLACEHOLDER_WITHOUT_PARAMETER,
        /** A parameter without a name or a valid {@code in}. */
        INVALID_PARAMETER,
        /** A header parameter OpenAPI says to ignore ({@code Accept}, {@code Content-Type}, {@code Authorization}). */
        IGNORED_HEADER,
        /** A {@code type} OpenAPI does not define. */
        UNKNOWN_TYPE,
        /** An array without {@code items}. */
        ARRAY_WITHOUT_ITEMS,
        /** A discriminator whose property no variant has. */
        DISCRIMINATOR_WITHOUT_PROPERTY,
        /** A discriminator over alternatives that are not objects. */
        DISCRIMINATOR_NOT_OBJECTS,
        /** A discriminator mapping to something that is not a variant. */
        DISCRIMINATOR_MAPPING,
        /** Union alternatives that accept the same JSON, so that the later one is never chosen. */
        AMBIGUOUS_UNION,
        /** A security scheme the generated client cannot satisfy by itself. */
        UNSUPPORTED_SECURITY_SCHEME,
        /** An OAuth2 client credentials flow without a usable token URL. */
        INVALID_TOKEN_URL,
        /** Two names that cannot both be kept, and that Retrospec may not rename. */
        NAME_COLLISION,
        /** An option of the generator (package, client name, mapping) that is not valid. */
        INVALID_OPTION,
        /** A name the generated code could not take as the description has it, renamed deterministically. */
        RENAMED,
        /** A Retrospec extension ({@code x-retrospec-...}) whose value does not fit the description it is in. */
        INVALID_EXTENSION,
        /** Something the generator cannot express, or can express only in a degraded form. */
        UNSUPPORTED;

        private final Origin origin;

        Kind() {
            this(Origin.RETROSPEC);
        }

        Kind(Origin origin) {
            this.origin = origin;
        }

        public Origin origin() {
            return origin;
        }
    }

    /** Errors first, then by file, line and pointer: the order problems are reported in. */
    public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::severity)
            .thenComparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparing(Problem::pointer)
            .thenComparing(Problem::message);

    public Problem {
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(pointer, "pointer == null");
        Objects.requireNonNull(message, "message == null");
    }

    /** A problem with an option of the generator rather than with the description: located at the option. */
    public static Problem option(String option, String message) {
        return new Problem(Severity.ERROR, Kind.INVALID_OPTION, option, 0, 0, "", message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
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
                .append(severity.name().toLowerCase(java.util.Locale.ROOT))
                .append(": ");
        if (!pointer.isEmpty()) {
            out.append(pointer).append(": ");
        }
        return out.append(message).toString();
    }
}
