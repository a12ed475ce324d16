package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP operation as a Java method.
 *
 * @param path relative to the base URL, without a leading slash, with {@code {name}} placeholders
 * @param security the security schemes the operation accepts, or null if it uses the API's default
 */
public record Operation(
        String operationId,
        String javaName,
        String method,
        String path,
        String pointer,
        @Nullable String summary,
        @Nullable String description,
        boolean deprecated,
        List<Parameter> parameters,
        @Nullable Body body,
        Response success,
        List<Response> errors,
        @Nullable List<String> security) {
    public Operation {
        parameters = List.copyOf(parameters);
        errors = List.copyOf(errors);
        security = security == null ? null : List.copyOf(security);
    }

    /** Where a parameter goes. */
    public enum Location {
        PATH,
        QUERY,
        HEADER,
        COOKIE
    }

    /**
     * @param wireName the name on the wire; for path parameters the placeholder in {@link Operation#path()}, renamed
     *     where Retrofit would not accept the description's (it never reaches the wire)
     * @param defaultValue the schema's default as JSON text, for the documentation, or null
     */
    public record Parameter(
            String wireName,
            String javaName,
            Location location,
            TypeRef type,
            boolean required,
            @Nullable String description,
            boolean deprecated,
            Style style,
            @Nullable String defaultValue) {}

    /** How a parameter's value is serialized, as its {@code style} and {@code explode} say. */
    public enum Style {
        /** A single value; arrays in a query repeat the name ({@code form}, {@code explode: true}). */
        PLAIN,
        /** An array as one comma-separated value ({@code explode: false}, {@code simple}). */
        CSV,
        /** {@code spaceDelimited}. */
        SPACES,
        /** {@code pipeDelimited}. */
        PIPES,
        /** {@code deepObject}: {@code name[key]=value} for each key. */
        DEEP_OBJECT
    }

    /** How a request body is encoded. */
    public enum BodyKind {
        JSON,
        FORM,
        MULTIPART,
        BINARY,
        TEXT
    }

    /**
     * A request body: one value for JSON, binary and text bodies, or one field per property for form and multipart
     * bodies.
     */
    public record Body(
            BodyKind kind,
            String mediaType,
            boolean required,
            @Nullable TypeRef type,
            List<Field> fields,
            String javaName,
            @Nullable String description) {
        public Body {
            fields = List.copyOf(fields);
        }
    }

    /** A field of a form or multipart body. */
    public record Field(
            String wireName,
            String javaName,
            TypeRef type,
            boolean required,
            @Nullable String description) {}

    /**
     * A response: its status ({@code 200}, {@code 4XX}, {@code default}), its body type (null for none) and media
     * type.
     */
    public record Response(
            String status,
            @Nullable TypeRef type,
            @Nullable String mediaType,
            @Nullable String description,
            List<Header> headers) {
        public Response {
            headers = List.copyOf(headers);
        }
    }

    /** A response header the description declares: documented on the operation. */
    public record Header(
            String name, TypeRef type, @Nullable String description) {}
}
