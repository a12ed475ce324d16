package dev.retrospec.bench.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;

/**
 * A realistic payload built from a description's own schema: an array of {@code count} objects, every property
 * present with a value of its type and format (enums take their declared values, nested objects are filled in the
 * same way, nullable ones are null in every other object), and values that differ from one object to the next.
 * Deterministic: the same schema and count give the same bytes.
 */
final class Payload {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final OffsetDateTime EPOCH = OffsetDateTime.of(2021, 10, 10, 8, 30, 0, 0, ZoneOffset.UTC);
  private static final int MAX_DEPTH = 4;

  private final JsonNode schemas;

  private Payload(JsonNode schemas) {
    this.schemas = schemas;
  }

  /** {@code count} objects of {@code #/components/schemas/<schema>}, as UTF-8 JSON. */
  static byte[] of(Path spec, String schema, int count) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Payload payload = new Payload(mapper.readTree(spec.toFile()).path("components").path("schemas"));
    JsonNode root = payload.schemas.get(schema);
    if (root == null) {
      throw new IllegalArgumentException(spec + " has no #/components/schemas/" + schema);
    }
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; i < count; i++) {
      array.add(payload.value(root, schema, i, 0));
    }
    return mapper.writeValueAsBytes(array);
  }

  private JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return schema;
  }

  private JsonNode value(JsonNode schema, String name, int item, int depth) {
    schema = resolve(schema);
    if (schema.path("nullable").asBoolean() && depth > 0 && item % 2 == 1) {
      return NODES.nullNode();
    }
    if (schema.has("allOf")) {
      ObjectNode merged = NODES.objectNode();
      for (JsonNode part : schema.get("allOf")) {
        JsonNode value = value(part, name, item, depth);
        if (value.isObject()) {
          merged.setAll((ObjectNode) value);
        }
      }
      return merged;
    }
    for (String union : new String[] {"oneOf", "anyOf"}) {
      if (schema.has(union)) {
        return value(schema.get(union).get(0), name, item, depth);
      }
    }
    JsonNode values = schema.get("enum");
    if (values != null && values.size() > 0) {
      JsonNode value = values.get(item % values.size());
      return value.isNull() ? values.get(0) : value;
    }
    String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
    return switch (type) {
      case "object" -> object(schema, item, depth);
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i <= item % 3 && depth < MAX_DEPTH; i++) {
          array.add(value(schema.path("items"), name, item + i, depth + 1));
        }
        yield array;
      }
      case "integer" -> NODES.numberNode(item * 7919L + name.length());
      case "number" -> NODES.numberNode(item * 0.25 + name.length());
      case "boolean" -> NODES.booleanNode((item + name.length()) % 2 == 0);
      default -> NODES.textNode(string(schema.path("format").asText(""), name, item));
    };
  }

  private JsonNode object(JsonNode schema, int item, int depth) {
    ObjectNode object = NODES.objectNode();
    JsonNode properties = schema.path("properties");
    if (properties.isEmpty()) {
      object.put("key", "value-" + item);
      return object;
    }
    JsonNode required = schema.path("required");
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      boolean isRequired = false;
      for (JsonNode r : required) {
        isRequired |= r.asText().equals(property.getKey());
      }
      if (depth >= MAX_DEPTH && !isRequired) {
        continue;
      }
      object.set(property.getKey(), value(property.getValue(), property.getKey(), item, depth + 1));
    }
    return object;
  }

  private static String string(String format, String name, int item) {
    return switch (format) {
      case "date-time" -> EPOCH.plusMinutes(item * 97L + name.length()).toString();
      case "date" -> LocalDate.of(2021, 10, 10).plusDays(item).toString();
      case "uri", "url" -> "https://api.github.com/repos/octo-org/repository-" + item + "/" + name.replace("_url", "");
      case "email" -> "octocat-" + item + "@github.com";
      case "uuid" -> new java.util.UUID(item, name.hashCode()).toString();
      default -> name.endsWith("_url") ? "https://api.github.com/repos/octo-org/repository-" + item + "/" + name
          : name + " of object " + item;
    };
  }
}
