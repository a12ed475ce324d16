package dev.retrospec.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Components that are another component plus {@code nullable} (GitHub's {@code nullable-simple-user} beside
 * {@code simple-user}): one type, so that a value of the one can be passed where the other is expected, and a
 * reference to the copy is a {@code @Nullable} use of the original. Two schemas are copies when they are equal once
 * {@code nullable}, a {@code null} type, {@code title}, {@code description}, examples and extensions are set aside
 * at their top level.
 */
final class NullableCopies {
    private NullableCopies() {}

    /** Each copy's key to the key of the component it copies; the first in document order where there are several. */
    static Map<String, String> find(Map<String, Schema<?>> components) {
        Map<String, String> copies = new TreeMap<>();
        Map<String, List<String>> bySignature = new HashMap<>();
        for (Map.Entry<String, Schema<?>> entry : components.entrySet()) {
            Schema<?> schema = entry.getValue();
            if (schema != null && schema.get$ref() == null && !Schemas.admitsNull(schema)) {
                bySignature
                        .computeIfAbsent(signature(schema), k -> new java.util.ArrayList<>())
                        .add(entry.getKey());
            }
        }
        for (Map.Entry<String, Schema<?>> entry : components.entrySet()) {
            Schema<?> copy = entry.getValue();
            if (copy == null
                    || copy.get$ref() != null
                    || !Schemas.admitsNull(copy)
                    || Schemas.nonNullAlternative(copy) != null
                    || copy.getProperties() == null) {
                continue;
            }
            JsonNode shape = null;
            for (String original : bySignature.getOrDefault(signature(copy), List.of())) {
                if (shape == null) {
                    shape = shape(copy);
                }
                if (shape.equals(shape(Objects.requireNonNull(components.get(original))))) {
                    copies.put(entry.getKey(), original);
                    break;
                }
            }
        }
        return copies;
    }

    /** A cheap key that copies share: the type and the names of the properties and of those required. */
    private static String signature(Schema<?> schema) {
        return Schemas.primaryType(schema)
                + " "
                + (schema.getProperties() == null
                        ? "-"
                        : new TreeSet<>(schema.getProperties().keySet()))
                + " " + (schema.getRequired() == null ? "-" : new TreeSet<>(schema.getRequired()));
    }

    /** The schema as JSON without what a nullable copy may change. */
    private static JsonNode shape(Schema<?> schema) {
        JsonNode tree = Json.mapper().valueToTree(schema);
        if (!(tree instanceof ObjectNode object)) {
            return tree;
        }
        ObjectNode shape = object.deepCopy();
        for (String name : List.of("nullable", "title", "description", "example", "examples", "extensions")) {
            shape.remove(name);
        }
        shape.remove(shape.properties().stream()
                .map(Map.Entry::getKey)
                .filter(name -> name.startsWith("x-"))
                .toList());
        withoutNull(shape, "type");
        withoutNull(shape, "types");
        return shape;
    }

    private static void withoutNull(ObjectNode shape, String field) {
        @Nullable JsonNode types = shape.get(field);
        if (types instanceof ArrayNode array) {
            ArrayNode rest = array.arrayNode();
            array.forEach(t -> {
                if (!"null".equals(t.asText())) {
                    rest.add(t);
                }
            });
            shape.set(field, rest.size() == 1 ? rest.get(0) : rest);
        }
    }
}
