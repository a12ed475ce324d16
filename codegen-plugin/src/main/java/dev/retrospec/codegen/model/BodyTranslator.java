package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.model.Body.Field;
import dev.retrospec.codegen.model.SchemaTranslator.PropertySet;
import dev.retrospec.codegen.model.SchemaTranslator.PropertySource;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Request bodies by their media type: JSON values, form fields, multipart parts, raw bytes, text. */
final class BodyTranslator {
    private final ModelContext context;
    private final SchemaTranslator schemas;

    BodyTranslator(ModelContext context, SchemaTranslator schemas) {
        this.context = context;
        this.schemas = schemas;
    }

    /** How a media type is encoded. */
    enum Encoding {
        JSON,
        FORM,
        MULTIPART,
        BINARY,
        TEXT
    }

    static Encoding encoding(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return Encoding.FORM;
        }
        if (type.startsWith("multipart/")) {
            return Encoding.MULTIPART;
        }
        if (type.contains("json") || type.equals("*/*")) {
            return Encoding.JSON;
        }
        if (type.startsWith("text/")) {
            return Encoding.TEXT;
        }
        return Encoding.BINARY;
    }

    /** The first JSON media type of {@code content}, or its first one. */
    static String preferredMediaType(Content content) {
        for (String type : content.keySet()) {
            if (encoding(type) == Encoding.JSON) {
                return type;
            }
        }
        return content.keySet().iterator().next();
    }

    /**
     * @param names the Java names taken in the method, which the body's names join
     */
    @Nullable
    Body translate(@Nullable RequestBody requestBody, String pointer, String operationId, Set<String> names) {
        if (requestBody == null) {
            return null;
        }
        if (requestBody.get$ref() != null) {
            Components components = context.api().getComponents();
            requestBody = context.component(
                    requestBody.get$ref(),
                    "requestBodies",
                    components == null ? null : components.getRequestBodies(),
                    pointer);
            if (requestBody == null) {
                return null;
            }
        }
        Content content = requestBody.getContent();
        if (content == null || content.isEmpty()) {
            return null;
        }
        String mediaType = preferredMediaType(content);
        MediaType media = content.get(mediaType);
        Schema<?> schema = media == null ? null : media.getSchema();
        String at = Pointers.child(Pointers.child(pointer, "content"), mediaType);
        boolean required = Boolean.TRUE.equals(requestBody.getRequired());
        String description = requestBody.getDescription();
        String hint = context.typeName(operationId) + "Request";
        return switch (encoding(mediaType)) {
            case FORM -> new Body.Form(mediaType, required, description, fields(schema, at, hint, names));
            case MULTIPART -> new Body.Multipart(mediaType, required, description, fields(schema, at, hint, names));
            case BINARY -> new Body.Binary(mediaType, required, description, Names.unique("body", names));
            case TEXT -> new Body.Text(mediaType, required, description, Names.unique("body", names));
            case JSON -> {
                TypeRef type = schemas.typeOf(schema, Pointers.child(at, "schema"), hint);
                yield new Body.Json(mediaType, required, description, type, Names.unique("body", names));
            }
        };
    }

    /** One field per property of a form's or multipart body's schema, required ones first. */
    private List<Field> fields(@Nullable Schema<?> schema, String at, String hint, Set<String> names) {
        PropertySet properties = schema == null
                ? new PropertySet(new LinkedHashMap<>(), new LinkedHashSet<>())
                : schemas.properties(schema, Pointers.child(at, "schema"));
        String owner = schema != null && schema.get$ref() != null
                ? context.typeName(Pointers.unescape(
                        schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1)))
                : hint;
        List<PropertySource> ordered = new ArrayList<>();
        properties.byName().values().stream()
                .filter(p -> properties.required().contains(p.wireName()))
                .forEach(ordered::add);
        properties.byName().values().stream()
                .filter(p -> !properties.required().contains(p.wireName()))
                .forEach(ordered::add);
        List<Field> fields = new ArrayList<>();
        for (PropertySource property : ordered) {
            TypeRef type = schemas.typeOf(
                    property.schema(), property.pointer(), owner + context.typeName(property.wireName()));
            fields.add(new Field(
                    context.literal(property.wireName(), property.pointer()),
                    Names.unique(context.memberName(property.wireName()), names),
                    type,
                    properties.required().contains(property.wireName()),
                    Schemas.description(property.schema())));
        }
        return fields;
    }
}
