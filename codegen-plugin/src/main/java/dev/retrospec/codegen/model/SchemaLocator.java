package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Schema Object a local {@code $ref} points at, wherever it sits: inside a component schema
 * ({@code #/components/schemas/Video/properties/id}, {@code .../oneOf/2}), in a response, request body, parameter or
 * header of the components or of an operation ({@code #/components/responses/Conflict/content/application~1json/schema}).
 * OpenAPI allows a reference to any Schema Object; real descriptions use it to say "the same type as that one".
 */
final class SchemaLocator {
    /** A schema found, the pointer it sits at (which keys its type, so that it is generated once), a name hint. */
    record Located(Schema<?> schema, String pointer, String hint) {}

    private final OpenAPI api;
    private final ModelContext context;

    SchemaLocator(ModelContext context) {
        this.api = context.api();
        this.context = context;
    }

    /** The schema at a local {@code $ref} ({@code #/...}), or null if there is none there. */
    @Nullable
    Located locate(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        String[] segments = ref.substring(2).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = Pointers.unescape(segments[i]);
        }
        Object at = api;
        String pointer = "#";
        String hint = "";
        for (int i = 0; i < segments.length && at != null; i++) {
            String segment = segments[i];
            pointer = Pointers.child(pointer, segment);
            if (at instanceof Schema<?> schema) {
                if (segment.equals("properties") && i + 1 < segments.length) {
                    String property = segments[++i];
                    pointer = Pointers.child(pointer, property);
                    hint = hint + context.typeName(property);
                    at = schema.getProperties() == null
                            ? null
                            : schema.getProperties().get(property);
                    continue;
                }
                at = schemaChild(schema, segment);
                continue;
            }
            if (isNamed(at, i, segments)) {
                hint = context.typeName(segment);
            }
            at = child(at, segment);
            if (at instanceof Operation operation && operation.getOperationId() != null) {
                hint = context.typeName(operation.getOperationId());
            }
        }
        return at instanceof Schema<?> schema ? new Located(schema, pointer, hint.isEmpty() ? "Schema" : hint) : null;
    }

    /** Whether {@code segments[i]} is a name chosen by the author: a component's key. */
    private static boolean isNamed(Object at, int i, String[] segments) {
        return at instanceof Map<?, ?> && i == 2 && segments[0].equals("components");
    }

    @SuppressWarnings("rawtypes") // swagger-parser's lists hold raw Schema
    private static @Nullable Object schemaChild(Schema<?> schema, String segment) {
        return switch (segment) {
            case "items" -> schema.getItems();
            case "not" -> schema.getNot();
            case "additionalProperties" -> schema.getAdditionalProperties() instanceof Schema<?> values ? values : null;
            case "allOf", "oneOf", "anyOf", "prefixItems" -> {
                List<Schema> list = segment.equals("allOf")
                        ? schema.getAllOf()
                        : segment.equals("oneOf")
                                ? schema.getOneOf()
                                : segment.equals("anyOf") ? schema.getAnyOf() : schema.getPrefixItems();
                yield list;
            }
            default -> null;
        };
    }

    private static @Nullable Object child(Object at, String segment) {
        if (at instanceof List<?> list) {
            int index = index(segment);
            return index < 0 || index >= list.size() ? null : list.get(index);
        }
        if (at instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (at instanceof OpenAPI openApi) {
            return switch (segment) {
                case "components" -> openApi.getComponents();
                case "paths" -> openApi.getPaths();
                case "webhooks" -> openApi.getWebhooks();
                default -> null;
            };
        }
        if (at instanceof Components components) {
            return switch (segment) {
                case "schemas" -> components.getSchemas();
                case "responses" -> components.getResponses();
                case "parameters" -> components.getParameters();
                case "requestBodies" -> components.getRequestBodies();
                case "headers" -> components.getHeaders();
                case "pathItems" -> components.getPathItems();
                default -> null;
            };
        }
        if (at instanceof PathItem item) {
            if (segment.equals("parameters")) {
                return item.getParameters();
            }
            try {
                return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(segment.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (at instanceof Operation operation) {
            return switch (segment) {
                case "parameters" -> operation.getParameters();
                case "requestBody" -> operation.getRequestBody();
                case "responses" -> operation.getResponses();
                default -> null;
            };
        }
        if (at instanceof ApiResponse response) {
            return switch (segment) {
                case "content" -> response.getContent();
                case "headers" -> response.getHeaders();
                default -> null;
            };
        }
        if (at instanceof RequestBody body) {
            return segment.equals("content") ? body.getContent() : null;
        }
        if (at instanceof Parameter parameter) {
            return switch (segment) {
                case "schema" -> parameter.getSchema();
                case "content" -> parameter.getContent();
                default -> null;
            };
        }
        if (at instanceof Header header) {
            return switch (segment) {
                case "schema" -> header.getSchema();
                case "content" -> header.getContent();
                default -> null;
            };
        }
        if (at instanceof MediaType media) {
            return segment.equals("schema") ? media.getSchema() : null;
        }
        return null;
    }

    private static int index(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
