package dev.retrospec.codegen.model;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Questions about swagger-parser's schemas that translators ask: what shape a schema has, whether it admits null. */
final class Schemas {
    private Schemas() {}

    static boolean isEnum(@Nullable Schema<?> schema) {
        return schema != null
                && schema.getEnum() != null
                && schema.getEnum().stream().anyMatch(Objects::nonNull);
    }

    static boolean isStringEnum(Schema<?> schema) {
        String type = primaryType(schema);
        return type == null || type.equals("string");
    }

    /** {@code allOf: [{$ref: X}]} with nothing else of substance: a way to add a description to a reference. */
    static boolean isRefWrapper(Schema<?> schema) {
        List<Schema> allOf = allOf(schema);
        return allOf.size() == 1
                && allOf.get(0) != null
                && allOf.get(0).get$ref() != null
                && (schema.getProperties() == null || schema.getProperties().isEmpty());
    }

    /** The {@code allOf} parts, or an empty list. */
    @SuppressWarnings("rawtypes") // swagger-parser's lists hold raw Schema
    static List<Schema> allOf(Schema<?> schema) {
        return schema.getAllOf() == null ? List.of() : schema.getAllOf();
    }

    /** The {@code oneOf} alternatives, or if there are none the {@code anyOf} ones, or null if neither is there. */
    @SuppressWarnings("rawtypes") // swagger-parser's lists hold raw Schema
    static @Nullable List<Schema> oneOfOrAnyOf(Schema<?> schema) {
        return schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf();
    }

    /** {@code "oneOf"} or {@code "anyOf"}: the keyword {@link #oneOfOrAnyOf} read. */
    static String oneOfOrAnyOfKeyword(Schema<?> schema) {
        return schema.getOneOf() != null ? "oneOf" : "anyOf";
    }

    /**
     * The one real alternative of {@code oneOf/anyOf: [X, {type: null}]}, OpenAPI 3.1's way of writing a nullable
     * X, or null if the schema is not of that shape.
     */
    @SuppressWarnings("rawtypes") // swagger-parser's lists hold raw Schema
    static @Nullable Schema<?> nonNullAlternative(Schema<?> schema) {
        List<Schema> alternatives = oneOfOrAnyOf(schema);
        if (alternatives == null || alternatives.size() != 2) {
            return null;
        }
        Schema<?> first = alternatives.get(0);
        Schema<?> second = alternatives.get(1);
        if (first == null || second == null) {
            return null;
        }
        if (isNullType(first)) {
            return second;
        }
        return isNullType(second) ? first : null;
    }

    static boolean isNullType(Schema<?> schema) {
        return (schema.get$ref() == null && "null".equals(primaryType(schema)))
                || (schema.getTypes() != null && schema.getTypes().equals(Set.of("null")));
    }

    /**
     * The schema's type, ignoring {@code null} in an OpenAPI 3.1 type array. Of several others, {@code number} where
     * they are {@code integer} and {@code number}, and none (any JSON value) otherwise: {@code [string, integer]} is
     * neither a string nor a number.
     */
    static @Nullable String primaryType(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        Set<String> typeSet = schema.getTypes();
        if (typeSet == null) {
            return null;
        }
        List<String> types =
                typeSet.stream().filter(t -> !t.equals("null")).sorted().toList();
        if (types.isEmpty()) {
            return typeSet.contains("null") ? "null" : null;
        }
        if (types.size() == 1) {
            return types.get(0);
        }
        return types.equals(List.of("integer", "number")) ? "number" : null;
    }

    /** Whether the schema itself says null is a value: {@code nullable}, a {@code null} type, a union with null. */
    static boolean admitsNull(Schema<?> schema) {
        return Boolean.TRUE.equals(schema.getNullable())
                || (schema.getTypes() != null && schema.getTypes().contains("null"))
                || nonNullAlternative(schema) != null;
    }

    /** A schema that only adds constraints ({@code required: [a]}), with no type or shape of its own. */
    static boolean isConstraintOnly(Schema<?> schema) {
        return schema.get$ref() == null
                && primaryType(schema) == null
                && schema.getProperties() == null
                && schema.getItems() == null
                && schema.getEnum() == null
                && schema.getAllOf() == null
                && schema.getOneOf() == null
                && schema.getAnyOf() == null
                && schema.getAdditionalProperties() == null;
    }

    /** The description, or the title where there is none. */
    /**
     * A schema's description, or its title; a {@code const} (OpenAPI 3.1) is typed as its value's type and said here,
     * {@code Always `"record"`.}, unless the description already names the value.
     */
    static @Nullable String description(Schema<?> schema) {
        String text = schema.getDescription() != null ? schema.getDescription() : schema.getTitle();
        Object constant = schema.getConst();
        if (constant == null) {
            return text;
        }
        String value = constant instanceof String s ? "\"" + s + "\"" : String.valueOf(constant);
        if (text != null && text.contains(String.valueOf(constant))) {
            return text;
        }
        return (text == null || text.isBlank() ? "" : text.strip() + "\n\n") + "Always `" + value + "`.";
    }

    /** A schema's {@code default} as JSON-ish text for the documentation, or null. */
    static @Nullable String defaultText(@Nullable Schema<?> schema) {
        if (schema == null || schema.getDefault() == null) {
            return null;
        }
        Object value = schema.getDefault();
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    static boolean isDeprecated(Schema<?> schema) {
        return Boolean.TRUE.equals(schema.getDeprecated());
    }
}
