package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP operation as a Java method.
 *
 * @param path relative to the base URL, without a leading slash, with {@code {name}} placeholders
 * @param parameters path parameters first, then the other required ones, then the optional ones; the method takes
 *     them in this order, with the body after the required ones
 * @param security the security schemes the operation accepts, or null if it uses the API's default
 * @param paging how the results come in pages, or null if they do not (or it cannot be told)
 * @param idempotencyKey the header the operation takes an idempotency key in ({@code Idempotency-Key}), which makes
 *     a POST or PATCH safe to retry; or null
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
        @Nullable List<String> security,
        @Nullable Paging paging,
        @Nullable String idempotencyKey) {
    public Operation {
        parameters = List.copyOf(parameters);
        errors = List.copyOf(errors);
        security = security == null ? null : List.copyOf(security);
    }

    /** Whether the response is a stream of server-sent events ({@code text/event-stream}). */
    public boolean streamsEvents() {
        return "text/event-stream".equals(success.mediaType());
    }

    /** The parameters that come before the body: path parameters and other required ones. */
    public List<Parameter> requiredParameters() {
        return parameters.stream().filter(Parameter::required).toList();
    }

    /** The parameters that come after the body. */
    public List<Parameter> optionalParameters() {
        return parameters.stream().filter(p -> !p.required()).toList();
    }

    /** Where a parameter goes. */
    public enum Location {
        PATH,
        QUERY,
        HEADER,
        COOKIE
    }

    /**
     * A parameter of the operation.
     *
     * @param wireName the name on the wire; for path parameters the placeholder in {@link Operation#path()}, renamed
     *     where Retrofit would not accept the description's (it never reaches the wire)
     * @param required whether the caller must give it; path parameters always are
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

        /** Whether the body is text ({@code text/*}), read as a string. */
        public boolean isText() {
            return mediaType != null && mediaType.startsWith("text/");
        }
    }

    /** A response header the description declares: documented on the operation. */
    public record Header(
            String name, TypeRef type, @Nullable String description) {}
}
