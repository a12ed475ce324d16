package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A request body, by how it is encoded. */
public sealed interface Body {
    /** The media type the description gives, such as {@code application/json}. */
    String mediaType();

    /** Whether the description says the body must be sent. */
    boolean required();

    @Nullable
    String description();

    /** One value serialized as JSON. */
    record Json(
            String mediaType, boolean required, @Nullable String description, TypeRef type, String javaName)
            implements Body {}

    /** {@code application/x-www-form-urlencoded}: one field per property. */
    record Form(
            String mediaType, boolean required, @Nullable String description, List<Field> fields) implements Body {
        public Form {
            fields = List.copyOf(fields);
        }
    }

    /** {@code multipart/*}: one part per property. */
    record Multipart(
            String mediaType, boolean required, @Nullable String description, List<Field> fields) implements Body {
        public Multipart {
            fields = List.copyOf(fields);
        }
    }

    /** Raw bytes ({@code application/octet-stream}, images, ...). */
    record Binary(
            String mediaType, boolean required, @Nullable String description, String javaName) implements Body {}

    /** {@code text/*}: a string. */
    record Text(
            String mediaType, boolean required, @Nullable String description, String javaName) implements Body {}

    /** A field of a form or a part of a multipart body. */
    record Field(
            String wireName,
            String javaName,
            TypeRef type,
            boolean required,
            @Nullable String description) {}
}
