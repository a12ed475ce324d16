package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.LoadedSpec;
import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SourceMap;
import dev.retrospec.codegen.load.SpecLoader;
import dev.retrospec.codegen.load.SpecProblemsException;
import dev.retrospec.codegen.model.Operation.Body;
import dev.retrospec.codegen.model.Operation.BodyKind;
import dev.retrospec.codegen.model.Operation.Field;
import dev.retrospec.codegen.model.Operation.Location;
import dev.retrospec.codegen.model.Operation.Parameter;
import dev.retrospec.codegen.model.Operation.Response;
import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a parsed description into an {@link ApiModel}: resolves references, flattens {@code allOf}, names every
 * type, method, parameter and property, and reports what it cannot handle with a JSON pointer and line.
 */
public final class ModelBuilder {
    private static final String SCHEMAS = "#/components/schemas/";
    private static final java.util.regex.Pattern RETROFIT_PLACEHOLDER =
            java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]*");
    /** Header parameters OpenAPI says to ignore: the client decides them. */
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

    /** Choices that change the model. */
    public record Options(@Nullable String clientName, TypeMappings mappings) {
        public static final Options DEFAULTS = new Options(null, TypeMappings.NONE);
    }

    private final OpenAPI api;
    private final SourceMap sources;
    private final Options options;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Schema<?>> componentSchemas;
    /** Java names of wire names, worked out once per generation: the same few hundred names recur thousands of times. */
    private final Map<String, String> javaTypeNames = new HashMap<>();

    private final Map<String, String> javaMemberNames = new HashMap<>();
    private final Map<String, String> componentTypeNames = new HashMap<>();
    private final Map<String, TypeDef> types = new LinkedHashMap<>();
    private final Set<String> typeNames = new HashSet<>();
    private final Set<String> builtComponents = new HashSet<>();
    private final Set<String> expandingAliases = new HashSet<>();
    /** Component key to the components that extend it with allOf. */
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    private record Membership(String union, @Nullable String discriminator) {}

    /** Inline objects and enums already named, by pointer: a schema reached twice is one type. */
    private final Map<String, TypeRef> inlineTypes = new HashMap<>();

    private ModelBuilder(LoadedSpec spec, Options options) {
        this.api = spec.openApi();
        this.sources = spec.sources();
        this.options = options;
        this.problems.addAll(spec.warnings());
        Components components = api.getComponents();
        Map<String, Schema<?>> schemas = new LinkedHashMap<>();
        if (components != null && components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> schemas.put(name, schema));
        }
        this.componentSchemas = schemas;
    }

    /** The model, and the warnings met on the way; throws if there is any error. */
    public static Result build(LoadedSpec spec, Options options) throws SpecProblemsException {
        ModelBuilder builder = new ModelBuilder(spec, options);
        ApiModel model = builder.build();
        List<Problem> problems = withoutEchoes(builder.problems).stream()
                .distinct()
                .sorted(Problem.ORDER)
                .toList();
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new SpecProblemsException(problems);
        }
        return new Result(model, problems);
    }

    /**
     * swagger-parser's complaints about references in an element we report a reference error for say the same thing
     * less precisely (it names {@code schema} where the broken {@code $ref} is in {@code schema/items}): keep ours.
     */
    private static List<Problem> withoutEchoes(List<Problem> problems) {
        Set<String> errorScopes = new HashSet<>();
        problems.stream()
                .filter(p -> p.isError() && p.message().startsWith("$ref"))
                .forEach(p -> errorScopes.add(scope(p.pointer())));
        return problems.stream()
                .filter(p -> p.isError()
                        || !p.message().endsWith(SpecLoader.PARSER_SUFFIX)
                        || !SpecLoader.REFERENCE_COMPLAINT.matcher(p.message()).find()
                        || !errorScopes.contains(scope(p.pointer())))
                .toList();
    }

    /** The schema or operation a pointer is in: its first three segments. */
    private static String scope(String pointer) {
        String[] segments = pointer.split("/", 5);
        return String.join("/", java.util.Arrays.copyOf(segments, Math.min(segments.length, 4)));
    }

    /** A model and the warnings that came with it. */
    public record Result(ApiModel model, List<Problem> warnings) {}

    private ApiModel build() {
        findChildren();
        // Schemas already named as Java names them first, so that "Pet" is Pet even if "pet" comes before it.
        for (boolean exact : new boolean[] {true, false}) {
            for (String key : componentSchemas.keySet()) {
                if (options.mappings().forSchema(key) == null
                        && isNamedType(key, componentSchemas.get(key))
                        && typeName(key).equals(key) == exact
                        && !componentTypeNames.containsKey(key)) {
                    componentTypeNames.put(key, Names.unique(typeName(key), typeNames));
                }
            }
        }
        for (String key : componentSchemas.keySet()) {
            if (componentTypeNames.containsKey(key)) {
                buildComponent(key);
            }
        }
        List<SecurityScheme> schemes = securitySchemes();
        List<String> defaultSecurity = flatten(api.getSecurity());
        List<Service> services = services();
        String title = api.getInfo() == null || api.getInfo().getTitle() == null
                ? ""
                : api.getInfo().getTitle();
        String clientName =
                options.clientName() != null ? options.clientName() : typeName(title.isBlank() ? "Api" : title);
        if (typeNames.contains(clientName.toLowerCase(Locale.ROOT))) {
            clientName = Names.unique(clientName + "Client", typeNames);
        }
        joinUnions();
        List<TypeDef> sorted = types.values().stream()
                .sorted(Comparator.comparing(TypeDef::name))
                .toList();
        return new ApiModel(
                clientName,
                title,
                api.getInfo() == null ? null : api.getInfo().getVersion(),
                api.getInfo() == null ? null : api.getInfo().getDescription(),
                sources.displayName(),
                serverUrls(),
                schemes,
                defaultSecurity,
                services,
                sorted);
    }

    // ---------------------------------------------------------------------------------------------- types

    /** Whether a component schema becomes a Java type of its own (rather than standing for a built-in one). */
    private boolean isNamedType(String key, @Nullable Schema<?> schema) {
        if (schema == null || schema.get$ref() != null) {
            return false;
        }
        if (isEnum(schema) || isUnion(key, schema)) {
            return true;
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            return !isRefWrapper(schema);
        }
        String type = primaryType(schema);
        return (type == null || type.equals("object"))
                && schema.getProperties() != null
                && !schema.getProperties().isEmpty();
    }

    private void buildComponent(String key) {
        if (!builtComponents.add(key)) {
            return;
        }
        Schema<?> schema = componentSchemas.get(key);
        String name = componentTypeNames.get(key);
        if (schema == null || name == null) {
            return;
        }
        String pointer = Pointers.child("#/components/schemas", key);
        if (isEnum(schema)) {
            types.put(name, enumDef(name, schema, pointer));
        } else if (isUnion(key, schema)) {
            types.put(name, unionDef(name, schema, pointer, key));
        } else {
            types.put(name, objectDef(name, schema, pointer, List.of()));
        }
    }

    // -------------------------------------------------------------------------------------------- unions

    /**
     * Makes every record variant implement its unions, once all types exist (a record may be built before an inline
     * union that lists it), and drops a discriminator property from the records of that union: the Java type says
     * it, and Moshi's polymorphic adapter writes it.
     */
    private void joinUnions() {
        Map<String, List<Membership>> memberships = new LinkedHashMap<>();
        for (TypeDef type : types.values()) {
            if (type instanceof TypeDef.UnionDef union) {
                for (TypeDef.Variant variant : union.variants()) {
                    if (variant.wrapped() == null) {
                        memberships
                                .computeIfAbsent(variant.javaName(), k -> new ArrayList<>())
                                .add(new Membership(union.name(), union.discriminator()));
                    }
                }
            }
        }
        List<Property> dropped = new ArrayList<>();
        memberships.forEach((name, unions) -> {
            if (types.get(name) instanceof ObjectDef record) {
                List<Property> properties = record.properties().stream()
                        .filter(p -> unions.stream().noneMatch(u -> p.wireName().equals(u.discriminator())))
                        .toList();
                List<String> implemented = new ArrayList<>(record.implementsUnions());
                unions.stream()
                        .map(Membership::union)
                        .filter(u -> !implemented.contains(u))
                        .forEach(implemented::add);
                types.put(
                        name,
                        new ObjectDef(
                                record.name(),
                                record.pointer(),
                                record.description(),
                                record.deprecated(),
                                properties,
                                record.additionalProperties(),
                                implemented));
                record.properties().stream()
                        .filter(p -> !properties.contains(p))
                        .forEach(dropped::add);
            }
        });
        // An inline enum such as `petType: {enum: [cat]}` on a dropped discriminator has nothing left to type.
        Set<String> stillUsed = new HashSet<>();
        for (TypeDef type : types.values()) {
            if (type instanceof ObjectDef record) {
                record.properties().forEach(p -> namesIn(p.type(), stillUsed));
            } else if (type instanceof TypeDef.UnionDef union) {
                union.variants().forEach(v -> {
                    stillUsed.add(v.javaName());
                    if (v.wrapped() != null) {
                        namesIn(v.wrapped(), stillUsed);
                    }
                });
            }
        }
        for (Property property : dropped) {
            Set<String> names = new HashSet<>();
            namesIn(property.type(), names);
            for (String typeName : names) {
                TypeDef def = types.get(typeName);
                if (def != null && def.pointer().contains("/properties/") && !stillUsed.contains(typeName)) {
                    types.remove(typeName);
                }
            }
        }
    }

    private static void namesIn(TypeRef type, Set<String> into) {
        if (type instanceof TypeRef.Named named) {
            into.add(named.name());
        } else if (type instanceof TypeRef.ListOf list) {
            namesIn(list.element(), into);
        } else if (type instanceof TypeRef.MapOf map) {
            namesIn(map.value(), into);
        }
    }

    /** A real {@code oneOf}/{@code anyOf}, or a discriminator base that components extend with allOf. */
    private boolean isUnion(@Nullable String key, Schema<?> schema) {
        if (!alternatives(schema).isEmpty()) {
            return true;
        }
        return key != null && schema.getDiscriminator() != null && children.containsKey(key);
    }

    /**
     * The alternatives of a {@code oneOf}/{@code anyOf} that picks between types: empty for the nullable pattern
     * ({@code [X, {type: null}]}, see {@link #nonNullAlternative}) and for alternatives that only add constraints
     * ({@code anyOf: [{required: [a]}, {required: [b]}]}), which leave the schema an ordinary object.
     */
    private static List<Schema> alternatives(Schema<?> schema) {
        List<Schema> alternatives =
                schema.getOneOf() != null && !schema.getOneOf().isEmpty()
                        ? schema.getOneOf()
                        : schema.getAnyOf() != null ? schema.getAnyOf() : List.of();
        List<Schema> types =
                alternatives.stream().filter(a -> a != null && !isNullType(a)).toList();
        if (types.size() < 2 || types.stream().allMatch(ModelBuilder::isConstraintOnly)) {
            return List.of();
        }
        return types;
    }

    private static boolean isConstraintOnly(Schema<?> schema) {
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

    /** Which components extend which with allOf: the variants of a discriminator base. */
    private void findChildren() {
        for (Map.Entry<String, Schema<?>> entry : componentSchemas.entrySet()) {
            List<Schema> parts = entry.getValue().getAllOf();
            if (parts == null) {
                continue;
            }
            for (Schema<?> part : parts) {
                String parent = componentKey(part.get$ref());
                if (parent != null && !parent.equals(entry.getKey())) {
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(entry.getKey());
                }
            }
        }
    }

    /** The component keys of a union's alternatives that are references, or its allOf children. */
    private List<String> variantKeys(String key, Schema<?> schema) {
        List<Schema> alternatives = alternatives(schema);
        if (alternatives.isEmpty()) {
            return children.getOrDefault(key, List.of());
        }
        List<String> keys = new ArrayList<>();
        for (Schema<?> alternative : alternatives) {
            String ref = componentKey(alternative.get$ref());
            if (ref != null) {
                keys.add(ref);
            }
        }
        return keys;
    }

    private static @Nullable String componentKey(@Nullable String ref) {
        if (ref == null
                || !ref.startsWith(SCHEMAS)
                || ref.substring(SCHEMAS.length()).contains("/")) {
            return null;
        }
        return Pointers.unescape(ref.substring(SCHEMAS.length()));
    }

    private TypeDef.UnionDef unionDef(String name, Schema<?> schema, String pointer, @Nullable String key) {
        List<Schema> alternatives = alternatives(schema);
        String discriminator = schema.getDiscriminator() == null
                ? null
                : schema.getDiscriminator().getPropertyName();
        Map<String, String> mapping =
                schema.getDiscriminator() == null || schema.getDiscriminator().getMapping() == null
                        ? Map.of()
                        : schema.getDiscriminator().getMapping();
        List<TypeDef.Variant> variants = new ArrayList<>();
        Set<String> variantNames = new HashSet<>();
        List<String> references = new ArrayList<>();
        if (alternatives.isEmpty() && key != null) {
            for (String child : children.getOrDefault(key, List.of())) {
                references.add(child);
            }
        }
        int index = 0;
        List<Object> alternativesOrChildren = new ArrayList<>(alternatives.isEmpty() ? references : alternatives);
        for (Object source : alternativesOrChildren) {
            index++;
            Schema<?> alternative = source instanceof Schema<?> s ? s : null;
            if (alternative != null && isRefWrapper(alternative)) {
                alternative = alternative.getAllOf().get(0); // allOf: [{$ref: X}] with a description: X itself
            }
            String variantKey = source instanceof String s
                    ? s
                    : componentKey(
                            Objects.requireNonNull(alternative, "alternative").get$ref());
            String at = alternative == null
                    ? Pointers.child("#/components/schemas", Objects.requireNonNull(variantKey))
                    : Pointers.child(
                            Pointers.child(pointer, schema.getOneOf() != null ? "oneOf" : "anyOf"),
                            (schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf()).indexOf(alternative));
            TypeDef.Variant variant;
            String record = variantKey == null ? null : componentTypeNames.get(variantKey);
            Schema<?> target = variantKey == null ? null : componentSchemas.get(variantKey);
            if (record != null
                    && target != null
                    && variantKey != null
                    && !isEnum(target)
                    && !isUnion(variantKey, target)) {
                buildComponent(variantKey);
                variant = new TypeDef.Variant(record, null, labels(variantKey, mapping, discriminator));
            } else if (alternative != null
                    && alternative.get$ref() == null
                    && (alternative.getProperties() != null || alternative.getAllOf() != null)
                    && alternatives(alternative).isEmpty()) {
                String title = alternative.getTitle() != null ? typeName(alternative.getTitle()) : "Option" + index;
                String inline = Names.unique(name + title, typeNames);
                types.put(inline, objectDef(inline, alternative, at, List.of()));
                variant = new TypeDef.Variant(inline, null, List.of());
            } else {
                TypeRef wrapped = variantKey != null && alternative == null
                        ? refType(SCHEMAS + variantKey, at)
                        : typeOf(alternative, at, name + "Option" + index);
                variant = new TypeDef.Variant(
                        Names.unique("Of" + wrapperName(wrapped), variantNames), wrapped, List.of());
            }
            if (variant.wrapped() == null
                    && !variantNames.add(variant.javaName().toLowerCase(Locale.ROOT))) {
                continue; // the same record listed twice
            }
            variants.add(variant);
        }
        if (discriminator != null && variants.stream().anyMatch(v -> v.wrapped() != null)) {
            problems.add(sources.warning(
                    pointer,
                    "discriminator '" + discriminator + "' with alternatives that are not"
                            + " objects; telling them apart by their shape instead"));
            discriminator = null;
        }
        return new TypeDef.UnionDef(
                name,
                pointer,
                description(schema),
                Boolean.TRUE.equals(schema.getDeprecated()),
                variants,
                discriminator);
    }

    /** The discriminator values for a component variant: its mapping entries, or its schema name if none. */
    private static List<String> labels(String variantKey, Map<String, String> mapping, @Nullable String discriminator) {
        if (discriminator == null) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            String target = entry.getValue();
            String targetKey = target.startsWith("#") ? componentKey(target) : target;
            if (variantKey.equals(targetKey)) {
                labels.add(entry.getKey());
            }
        }
        return labels.isEmpty() ? List.of(variantKey) : labels;
    }

    private static String wrapperName(TypeRef type) {
        if (type instanceof TypeRef.Named n) {
            return n.name();
        }
        if (type instanceof TypeRef.External e) {
            return e.qualifiedName().substring(e.qualifiedName().lastIndexOf('.') + 1);
        }
        if (type instanceof TypeRef.ListOf l) {
            return wrapperName(l.element()) + "List";
        }
        if (type instanceof TypeRef.MapOf m) {
            return wrapperName(m.value()) + "Map";
        }
        return switch (((TypeRef.Primitive) type).kind()) {
            case STRING, TIME -> "String";
            case BOOLEAN -> "Boolean";
            case INT32 -> "Integer";
            case INT64 -> "Long";
            case FLOAT -> "Float";
            case DOUBLE -> "Double";
            case DECIMAL -> "BigDecimal";
            case BIG_INTEGER -> "BigInteger";
            case DATE -> "LocalDate";
            case DATE_TIME -> "OffsetDateTime";
            case UUID -> "Uuid";
            case URI -> "Uri";
            case BYTES, BINARY -> "Bytes";
            case ANY -> "Value";
        };
    }

    /** The type of a schema used somewhere; inline objects and enums become types named {@code hint}. */
    private TypeRef typeOf(@Nullable Schema<?> schema, String pointer, String hint) {
        if (schema == null) {
            return TypeRef.ANY;
        }
        if (schema.get$ref() != null) {
            return refType(schema.get$ref(), pointer);
        }
        if (isRefWrapper(schema)) {
            return typeOf(schema.getAllOf().get(0), Pointers.child(Pointers.child(pointer, "allOf"), 0), hint);
        }
        Schema<?> nonNull = nonNullAlternative(schema);
        if (nonNull != null) {
            String key = schema.getOneOf() != null ? "oneOf" : "anyOf";
            List<Schema> alternatives = schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf();
            return typeOf(nonNull, Pointers.child(Pointers.child(pointer, key), alternatives.indexOf(nonNull)), hint);
        }
        TypeRef known = inlineTypes.get(pointer);
        if (known != null) {
            return known;
        }
        if (isEnum(schema)) {
            if (isStringEnum(schema)) {
                String name = Names.unique(typeName(hint), typeNames);
                inlineTypes.put(pointer, new TypeRef.Named(name));
                types.put(name, enumDef(name, schema, pointer));
                return new TypeRef.Named(name);
            }
            return scalar(schema, pointer);
        }
        if (!alternatives(schema).isEmpty()) {
            String name = Names.unique(typeName(hint), typeNames);
            inlineTypes.put(pointer, new TypeRef.Named(name));
            types.put(name, unionDef(name, schema, pointer, null));
            return new TypeRef.Named(name);
        }
        List<Schema> single = schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf();
        if (single != null && single.size() == 1 && schema.getProperties() == null) {
            return typeOf(
                    single.get(0),
                    Pointers.child(Pointers.child(pointer, schema.getOneOf() != null ? "oneOf" : "anyOf"), 0),
                    hint);
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()
                || schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            String name = Names.unique(typeName(hint), typeNames);
            inlineTypes.put(pointer, new TypeRef.Named(name));
            types.put(name, objectDef(name, schema, pointer, List.of()));
            return new TypeRef.Named(name);
        }
        String type = primaryType(schema);
        if ("array".equals(type)) {
            Schema<?> items = schema.getItems();
            if (items == null) {
                problems.add(sources.warning(pointer, "array without items; using a list of Object"));
            }
            return new TypeRef.ListOf(
                    typeOf(items, Pointers.child(pointer, "items"), hint + "Item"),
                    Boolean.TRUE.equals(schema.getUniqueItems()));
        }
        if ("object".equals(type) || type == null && schema.getAdditionalProperties() != null) {
            Object additional = schema.getAdditionalProperties();
            if (additional instanceof Schema<?> valueSchema) {
                return new TypeRef.MapOf(
                        typeOf(valueSchema, Pointers.child(pointer, "additionalProperties"), hint + "Value"));
            }
            return new TypeRef.MapOf(TypeRef.ANY);
        }
        return scalar(schema, pointer);
    }

    private TypeRef scalar(Schema<?> schema, String pointer) {
        TypeRef type = builtIn(schema, pointer);
        if (type instanceof TypeRef.Primitive primitive) {
            String mapped = options.mappings().forKind(primitive.kind());
            if (mapped != null) {
                return new TypeRef.External(mapped);
            }
        }
        return type;
    }

    private TypeRef builtIn(Schema<?> schema, String pointer) {
        String type = primaryType(schema);
        String format = schema.getFormat() == null ? "" : schema.getFormat().toLowerCase(Locale.ROOT);
        if (type == null && schema.getConst() != null) {
            Object constant = schema.getConst(); // OpenAPI 3.1 const without a type: the value's type
            type = constant instanceof String
                    ? "string"
                    : constant instanceof Boolean
                            ? "boolean"
                            : constant instanceof Integer || constant instanceof Long
                                    ? "integer"
                                    : constant instanceof Number ? "number" : null;
        }
        if (type == null) {
            return TypeRef.ANY;
        }
        return switch (type) {
            case "string" ->
                switch (format) {
                    case "date" -> new TypeRef.Primitive(TypeRef.Kind.DATE);
                    case "date-time" -> new TypeRef.Primitive(TypeRef.Kind.DATE_TIME);
                    case "time" -> new TypeRef.Primitive(TypeRef.Kind.TIME);
                    case "uuid" -> new TypeRef.Primitive(TypeRef.Kind.UUID);
                    case "uri", "url" -> new TypeRef.Primitive(TypeRef.Kind.URI);
                    case "byte" -> new TypeRef.Primitive(TypeRef.Kind.BYTES);
                    case "binary" -> TypeRef.BINARY;
                    default -> TypeRef.STRING;
                };
            case "integer" -> new TypeRef.Primitive(format.equals("int32") ? TypeRef.Kind.INT32 : TypeRef.Kind.INT64);
            case "number" ->
                new TypeRef.Primitive(
                        switch (format) {
                            case "float" -> TypeRef.Kind.FLOAT;
                            case "double" -> TypeRef.Kind.DOUBLE;
                            case "int32" -> TypeRef.Kind.INT32;
                            case "int64" -> TypeRef.Kind.INT64;
                            default -> TypeRef.Kind.DECIMAL;
                        });
            case "boolean" -> new TypeRef.Primitive(TypeRef.Kind.BOOLEAN);
            default -> {
                problems.add(sources.warning(pointer, "unknown type '" + type + "'; using Object"));
                yield TypeRef.ANY;
            }
        };
    }

    private TypeRef refType(String ref, String pointer) {
        if (!ref.startsWith(SCHEMAS)) {
            problems.add(sources.error(pointer, unsupportedRef(ref)));
            return TypeRef.ANY;
        }
        String rest = ref.substring(SCHEMAS.length());
        if (rest.contains("/")) {
            return deepRef(ref, rest, pointer);
        }
        String key = Pointers.unescape(rest);
        String mapped = options.mappings().forSchema(key);
        if (mapped != null) {
            return new TypeRef.External(mapped);
        }
        Schema<?> target = componentSchemas.get(key);
        if (target == null) {
            problems.add(sources.error(
                    pointer, "$ref '" + ref + "' does not resolve: no schema '" + key + "' in components.schemas"));
            return TypeRef.ANY;
        }
        String name = componentTypeNames.get(key);
        if (name != null) {
            buildComponent(key);
            return new TypeRef.Named(name);
        }
        if (!expandingAliases.add(key)) {
            problems.add(sources.warning(
                    pointer, "schema '" + key + "' refers to itself without an object in" + " between; using Object"));
            return TypeRef.ANY;
        }
        try {
            return typeOf(target, Pointers.child("#/components/schemas", key), key);
        } finally {
            expandingAliases.remove(key);
        }
    }

    /**
     * A reference into a schema rather than to one: {@code #/components/schemas/Video/properties/id}. Real APIs use
     * it to say "the same type as that property"; it resolves to whatever that property's type is.
     */
    private TypeRef deepRef(String ref, String rest, String pointer) {
        String[] segments = rest.split("/");
        String key = Pointers.unescape(segments[0]);
        Schema<?> target = componentSchemas.get(key);
        String targetPointer = Pointers.child("#/components/schemas", key);
        String hint = key;
        for (int i = 1; target != null && i < segments.length; i++) {
            String segment = Pointers.unescape(segments[i]);
            targetPointer = Pointers.child(targetPointer, segment);
            if (segment.equals("items")) {
                target = target.getItems();
            } else if (segment.equals("additionalProperties")
                    && target.getAdditionalProperties() instanceof Schema<?> s) {
                target = s;
            } else if (segment.equals("properties") && i + 1 < segments.length && target.getProperties() != null) {
                String property = Pointers.unescape(segments[++i]);
                targetPointer = Pointers.child(targetPointer, property);
                hint = hint + typeName(property);
                target = target.getProperties().get(property);
            } else if ((segment.equals("allOf") || segment.equals("oneOf") || segment.equals("anyOf"))
                    && i + 1 < segments.length) {
                List<Schema> parts = segment.equals("allOf")
                        ? target.getAllOf()
                        : segment.equals("oneOf") ? target.getOneOf() : target.getAnyOf();
                int index = Integer.parseInt(segments[++i]);
                targetPointer = Pointers.child(targetPointer, index);
                target = parts == null || index >= parts.size() ? null : parts.get(index);
            } else {
                target = null;
            }
        }
        if (target == null) {
            problems.add(sources.error(pointer, "$ref '" + ref + "' does not resolve: nothing at that place"));
            return TypeRef.ANY;
        }
        return typeOf(target, targetPointer, hint);
    }

    /** Why a reference that is not into #/components/schemas cannot be followed. */
    private String unsupportedRef(String ref) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        if (!file.isEmpty() && !file.contains("://")) {
            String missing = sources.missingFile(file);
            if (missing != null) {
                return "$ref '" + ref + "' names a file that does not exist: " + missing;
            }
            return "$ref '" + ref + "' could not be read by the parser";
        }
        return "$ref '" + ref + "' does not point into #/components/schemas";
    }

    private ObjectDef objectDef(String name, Schema<?> schema, String pointer, List<String> unions) {
        Map<String, PropertySource> collected = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        collectProperties(schema, pointer, collected, required, new HashSet<>());
        List<Property> properties = new ArrayList<>();
        Set<String> memberNames = new HashSet<>();
        for (PropertySource source : collected.values()) {
            Schema<?> property = source.schema();
            if (property == null) {
                continue;
            }
            String javaName = Names.unique(memberName(source.wireName()), memberNames);
            TypeRef type = typeOf(property, source.pointer(), name + typeName(source.wireName()));
            properties.add(new Property(
                    source.wireName(),
                    javaName,
                    type,
                    required.contains(source.wireName()),
                    isNullable(property),
                    description(property),
                    Boolean.TRUE.equals(property.getDeprecated()),
                    Boolean.TRUE.equals(property.getReadOnly()),
                    Boolean.TRUE.equals(property.getWriteOnly()),
                    defaultText(property)));
        }
        TypeRef additional = null;
        Object allowed = schema.getAdditionalProperties();
        if (!properties.isEmpty() && (Boolean.TRUE.equals(allowed) || allowed instanceof Schema<?>)) {
            additional = allowed instanceof Schema<?> values
                    ? typeOf(values, Pointers.child(pointer, "additionalProperties"), name + "Value")
                    : TypeRef.ANY;
        }
        return new ObjectDef(
                name,
                pointer,
                description(schema),
                Boolean.TRUE.equals(schema.getDeprecated()),
                properties,
                additional,
                unions);
    }

    /** A schema's {@code default} as JSON-ish text for the documentation, or null. */
    private static @Nullable String defaultText(@Nullable Schema<?> schema) {
        if (schema == null || schema.getDefault() == null) {
            return null;
        }
        Object value = schema.getDefault();
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private record PropertySource(String wireName, Schema<?> schema, String pointer) {}

    /** The properties of a schema and of everything it {@code allOf}-includes, nearest definition winning. */
    private void collectProperties(
            Schema<?> schema,
            String pointer,
            Map<String, PropertySource> into,
            Set<String> required,
            Set<String> visiting) {
        if (schema.get$ref() != null) {
            String ref = schema.get$ref();
            if (!ref.startsWith(SCHEMAS) || ref.substring(SCHEMAS.length()).contains("/")) {
                if (ref.startsWith(SCHEMAS)) {
                    return; // a reference into a schema contributes no properties of its own to an allOf
                }
                problems.add(sources.error(pointer, unsupportedRef(ref)));
                return;
            }
            String key = Pointers.unescape(ref.substring(SCHEMAS.length()));
            Schema<?> target = componentSchemas.get(key);
            if (target == null) {
                problems.add(sources.error(
                        pointer, "$ref '" + ref + "' does not resolve: no schema '" + key + "' in components.schemas"));
                return;
            }
            if (visiting.add(key)) {
                collectProperties(target, Pointers.child("#/components/schemas", key), into, required, visiting);
                visiting.remove(key);
            }
            return;
        }
        if (schema.getAllOf() != null) {
            for (int i = 0; i < schema.getAllOf().size(); i++) {
                collectProperties(
                        schema.getAllOf().get(i),
                        Pointers.child(Pointers.child(pointer, "allOf"), i),
                        into,
                        required,
                        visiting);
            }
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> entry : schema.getProperties().entrySet()) {
                into.put(
                        entry.getKey(),
                        new PropertySource(
                                entry.getKey(),
                                entry.getValue(),
                                Pointers.child(Pointers.child(pointer, "properties"), entry.getKey())));
            }
        }
        if (schema.getRequired() != null) {
            required.addAll(schema.getRequired());
        }
    }

    private EnumDef enumDef(String name, Schema<?> schema, String pointer) {
        List<EnumValue> values = new ArrayList<>();
        Set<String> constants = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Object value : schema.getEnum()) {
            if (value == null) {
                continue; // a nullable enum lists null: that is nullability, not a constant
            }
            String wire = String.valueOf(value);
            if (seen.add(wire)) {
                values.add(new EnumValue(Names.unique(Names.constantName(wire), constants), wire));
            }
        }
        String unknown = Names.unique("UNKNOWN", constants);
        return new EnumDef(
                name, pointer, description(schema), Boolean.TRUE.equals(schema.getDeprecated()), values, unknown);
    }

    // ----------------------------------------------------------------------------------------- operations

    private List<Service> services() {
        Map<String, List<Operation>> byTag = new LinkedHashMap<>();
        Map<String, String> tagDescriptions = new HashMap<>();
        if (api.getTags() != null) {
            api.getTags().forEach(tag -> {
                byTag.put(tag.getName(), new ArrayList<>());
                tagDescriptions.put(tag.getName(), tag.getDescription());
            });
        }
        Map<String, Set<String>> methodNames = new HashMap<>();
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
                String pathPointer = Pointers.child("#/paths", path.getKey());
                PathItem item = path.getValue();
                for (Map.Entry<PathItem.HttpMethod, io.swagger.v3.oas.models.Operation> entry :
                        item.readOperationsMap().entrySet()) {
                    io.swagger.v3.oas.models.Operation op = entry.getValue();
                    String method = entry.getKey().name();
                    String tag = op.getTags() == null || op.getTags().isEmpty()
                            ? "default"
                            : op.getTags().get(0);
                    Set<String> names = methodNames.computeIfAbsent(tag, t -> new HashSet<>());
                    Operation operation = operation(
                            path.getKey(),
                            item,
                            method,
                            op,
                            Pointers.child(pathPointer, method.toLowerCase(Locale.ROOT)),
                            names);
                    byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(operation);
                }
            }
        }
        List<Service> services = new ArrayList<>();
        Set<String> serviceNames = new HashSet<>();
        Set<String> accessors = new HashSet<>();
        for (Map.Entry<String, List<Operation>> tag : byTag.entrySet()) {
            if (tag.getValue().isEmpty()) {
                continue;
            }
            String name = Names.unique(typeName(tag.getKey()) + "Api", serviceNames);
            if (typeNames.contains(name.toLowerCase(Locale.ROOT))) {
                name = Names.unique(name + "Service", serviceNames);
            }
            String accessor = Names.unique(memberName(tag.getKey()), accessors);
            services.add(new Service(name, accessor, tag.getKey(), tagDescriptions.get(tag.getKey()), tag.getValue()));
        }
        return services;
    }

    private Operation operation(
            String path,
            PathItem item,
            String method,
            io.swagger.v3.oas.models.Operation op,
            String pointer,
            Set<String> methodNames) {
        String operationId = op.getOperationId() != null && !op.getOperationId().isBlank()
                ? op.getOperationId()
                : method.toLowerCase(Locale.ROOT) + " " + path;
        String javaName = Names.unique(memberName(operationId), methodNames);
        Set<String> parameterNames = new HashSet<>();
        Map<String, String> renamedPlaceholders = new LinkedHashMap<>();
        List<Parameter> parameters = parameters(item, op, pointer, operationId, parameterNames, renamedPlaceholders);
        Body body = body(op.getRequestBody(), Pointers.child(pointer, "requestBody"), operationId, parameterNames);
        ApiResponses responses = op.getResponses();
        Response success = null;
        List<Response> errors = new ArrayList<>();
        if (responses != null) {
            for (Map.Entry<String, ApiResponse> entry : responses.entrySet()) {
                String status = entry.getKey();
                Response response = response(
                        status,
                        entry.getValue(),
                        Pointers.child(Pointers.child(pointer, "responses"), status),
                        operationId);
                if (status.startsWith("2")) {
                    if (success == null || success.type() == null && response.type() != null) {
                        success = response;
                    }
                } else if (!status.equals("default")
                        || responses.keySet().stream().anyMatch(s -> s.startsWith("2"))) {
                    errors.add(response);
                } else if (success == null) {
                    success = response; // only a default response: it describes the success too
                }
            }
        }
        if (success == null) {
            success = new Response("200", null, null, null, List.of());
        }
        List<String> security = op.getSecurity() == null ? null : flatten(op.getSecurity());
        String relative = relativePath(path);
        for (Map.Entry<String, String> rename : renamedPlaceholders.entrySet()) {
            relative = relative.replace("{" + rename.getKey() + "}", "{" + rename.getValue() + "}");
        }
        return new Operation(
                operationId,
                javaName,
                method,
                relative,
                pointer,
                op.getSummary(),
                op.getDescription(),
                Boolean.TRUE.equals(op.getDeprecated()),
                parameters,
                body,
                success,
                errors,
                security);
    }

    /**
     * The operation's parameters, path ones first, then required, then optional; path placeholders Retrofit would
     * refuse are renamed, recorded in {@code renamedPlaceholders} (description name to new name).
     */
    private List<Parameter> parameters(
            PathItem item,
            io.swagger.v3.oas.models.Operation op,
            String pointer,
            String operationId,
            Set<String> names,
            Map<String, String> renamedPlaceholders) {
        Map<String, Parameter> byKey = new LinkedHashMap<>();
        addParameters(item.getParameters(), Pointers.parent(pointer) + "/parameters", operationId, byKey);
        addParameters(op.getParameters(), Pointers.child(pointer, "parameters"), operationId, byKey);
        List<Parameter> ordered = new ArrayList<>();
        // Path parameters first, then required ones, then optional ones; each group in document order.
        byKey.values().stream().filter(p -> p.location() == Location.PATH).forEach(ordered::add);
        byKey.values().stream()
                .filter(p -> p.location() != Location.PATH && p.required())
                .forEach(ordered::add);
        byKey.values().stream()
                .filter(p -> p.location() != Location.PATH && !p.required())
                .forEach(ordered::add);
        List<Parameter> named = new ArrayList<>();
        for (Parameter p : ordered) {
            String javaName = Names.unique(memberName(p.wireName()), names);
            // Retrofit accepts only [a-zA-Z][a-zA-Z0-9_-]* as a path placeholder; the name never reaches the wire.
            String wireName = p.wireName();
            if (p.location() == Location.PATH
                    && !RETROFIT_PLACEHOLDER.matcher(wireName).matches()) {
                renamedPlaceholders.put(wireName, javaName);
                wireName = javaName;
            }
            named.add(new Parameter(
                    wireName,
                    javaName,
                    p.location(),
                    p.type(),
                    p.required(),
                    p.description(),
                    p.deprecated(),
                    p.style(),
                    p.defaultValue()));
        }
        return named;
    }

    private void addParameters(
            @Nullable List<io.swagger.v3.oas.models.parameters.Parameter> parameters,
            String pointer,
            String operationId,
            Map<String, Parameter> into) {
        if (parameters == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            String at = Pointers.child(pointer, i);
            io.swagger.v3.oas.models.parameters.Parameter parameter = resolveParameter(parameters.get(i), at);
            if (parameter == null) {
                continue;
            }
            String in = parameter.getIn();
            Location location = in == null
                    ? null
                    : switch (in) {
                        case "path" -> Location.PATH;
                        case "query" -> Location.QUERY;
                        case "header" -> Location.HEADER;
                        case "cookie" -> Location.COOKIE;
                        default -> null;
                    };
            if (parameter.getName() == null || location == null) {
                problems.add(sources.error(at, "parameter needs a name and 'in' (path, query, header or cookie)"));
                continue;
            }
            Schema<?> schema = parameter.getSchema();
            if (schema == null
                    && parameter.getContent() != null
                    && !parameter.getContent().isEmpty()) {
                schema = parameter.getContent().values().iterator().next().getSchema();
            }
            if (location == Location.HEADER
                    && IGNORED_HEADERS.contains(parameter.getName().toLowerCase(Locale.ROOT))) {
                problems.add(sources.warning(
                        at,
                        "header parameter '" + parameter.getName() + "' is ignored, as OpenAPI"
                                + " says: the client sets it"));
                continue;
            }
            TypeRef type =
                    typeOf(schema, Pointers.child(at, "schema"), typeName(operationId) + typeName(parameter.getName()));
            boolean required = location == Location.PATH || Boolean.TRUE.equals(parameter.getRequired());
            into.put(
                    in + ":" + parameter.getName(),
                    new Parameter(
                            parameter.getName(),
                            parameter.getName(),
                            location,
                            type,
                            required,
                            parameter.getDescription(),
                            Boolean.TRUE.equals(parameter.getDeprecated()),
                            style(parameter, location, type),
                            defaultText(schema)));
        }
    }

    /** OpenAPI's style and explode, as the runtime can send them. */
    private static Operation.Style style(
            io.swagger.v3.oas.models.parameters.Parameter parameter, Location location, TypeRef type) {
        io.swagger.v3.oas.models.parameters.Parameter.StyleEnum style = parameter.getStyle();
        if (style == io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.DEEPOBJECT) {
            return Operation.Style.DEEP_OBJECT;
        }
        if (!(type instanceof TypeRef.ListOf)) {
            return Operation.Style.PLAIN;
        }
        if (style == io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.SPACEDELIMITED) {
            return Operation.Style.SPACES;
        }
        if (style == io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.PIPEDELIMITED) {
            return Operation.Style.PIPES;
        }
        boolean query = location == Location.QUERY || location == Location.COOKIE;
        boolean explode = parameter.getExplode() != null ? parameter.getExplode() : query;
        return query && explode ? Operation.Style.PLAIN : Operation.Style.CSV;
    }

    private io.swagger.v3.oas.models.parameters.@Nullable Parameter resolveParameter(
            io.swagger.v3.oas.models.parameters.Parameter parameter, String pointer) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        Components components = api.getComponents();
        return component(
                parameter.get$ref(), "parameters", components == null ? null : components.getParameters(), pointer);
    }

    private @Nullable Body body(
            @Nullable RequestBody requestBody, String pointer, String operationId, Set<String> names) {
        if (requestBody == null) {
            return null;
        }
        if (requestBody.get$ref() != null) {
            Components components = api.getComponents();
            requestBody = component(
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
        if (media == null) {
            media = new MediaType();
        }
        String at = Pointers.child(Pointers.child(pointer, "content"), mediaType);
        boolean required = Boolean.TRUE.equals(requestBody.getRequired());
        BodyKind kind = bodyKind(mediaType);
        String hint = typeName(operationId) + "Request";
        if (kind == BodyKind.FORM || kind == BodyKind.MULTIPART) {
            List<Field> fields = new ArrayList<>();
            Schema<?> schema = media.getSchema();
            Map<String, PropertySource> properties = new LinkedHashMap<>();
            Set<String> requiredFields = new LinkedHashSet<>();
            if (schema != null) {
                collectProperties(schema, Pointers.child(at, "schema"), properties, requiredFields, new HashSet<>());
            }
            String owner = schema != null && schema.get$ref() != null
                    ? typeName(Pointers.unescape(
                            schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1)))
                    : hint;
            List<PropertySource> ordered = new ArrayList<>();
            properties.values().stream()
                    .filter(p -> requiredFields.contains(p.wireName()))
                    .forEach(ordered::add);
            properties.values().stream()
                    .filter(p -> !requiredFields.contains(p.wireName()))
                    .forEach(ordered::add);
            for (PropertySource property : ordered) {
                TypeRef type = typeOf(property.schema(), property.pointer(), owner + typeName(property.wireName()));
                fields.add(new Field(
                        property.wireName(),
                        Names.unique(memberName(property.wireName()), names),
                        type,
                        requiredFields.contains(property.wireName()),
                        description(property.schema())));
            }
            return new Body(kind, mediaType, required, null, fields, "", requestBody.getDescription());
        }
        TypeRef type = kind == BodyKind.BINARY
                ? TypeRef.BINARY
                : kind == BodyKind.TEXT
                        ? TypeRef.STRING
                        : typeOf(media.getSchema(), Pointers.child(at, "schema"), hint);
        return new Body(
                kind, mediaType, required, type, List.of(), Names.unique("body", names), requestBody.getDescription());
    }

    private Response response(String status, ApiResponse response, String pointer, String operationId) {
        if (response.get$ref() != null) {
            Components components = api.getComponents();
            ApiResponse target = component(
                    response.get$ref(), "responses", components == null ? null : components.getResponses(), pointer);
            if (target == null) {
                return new Response(status, null, null, null, List.of());
            }
            response = target;
        }
        List<Operation.Header> headers = new ArrayList<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((headerName, header) -> {
                if (header != null && header.get$ref() == null) {
                    headers.add(new Operation.Header(
                            headerName,
                            header.getSchema() == null ? TypeRef.STRING : scalar(header.getSchema(), pointer),
                            header.getDescription()));
                }
            });
        }
        Content content = response.getContent();
        if (content == null || content.isEmpty()) {
            return new Response(status, null, null, response.getDescription(), headers);
        }
        String mediaType = preferredMediaType(content);
        BodyKind kind = bodyKind(mediaType);
        MediaType media = content.get(mediaType);
        Schema<?> schema = media == null ? null : media.getSchema();
        TypeRef type = kind == BodyKind.JSON
                ? typeOf(
                        schema,
                        Pointers.child(Pointers.child(Pointers.child(pointer, "content"), mediaType), "schema"),
                        typeName(operationId) + (status.startsWith("2") ? "Response" : typeName(status) + "Error"))
                : kind == BodyKind.TEXT ? TypeRef.STRING : TypeRef.BINARY;
        return new Response(status, type, mediaType, response.getDescription(), headers);
    }

    /**
     * The component a {@code $ref} names in {@code #/components/<section>}, or null after reporting at
     * {@code pointer} that it does not resolve.
     */
    private <T> @Nullable T component(String ref, String section, @Nullable Map<String, T> components, String pointer) {
        String prefix = "#/components/" + section + "/";
        T target = ref.startsWith(prefix) && components != null
                ? components.get(Pointers.unescape(ref.substring(prefix.length())))
                : null;
        if (target == null) {
            problems.add(sources.error(
                    pointer, "$ref '" + ref + "' does not resolve: no such entry in components." + section));
        }
        return target;
    }

    private static String preferredMediaType(Content content) {
        for (String type : content.keySet()) {
            if (bodyKind(type) == BodyKind.JSON) {
                return type;
            }
        }
        return content.keySet().iterator().next();
    }

    private static BodyKind bodyKind(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return BodyKind.FORM;
        }
        if (type.startsWith("multipart/")) {
            return BodyKind.MULTIPART;
        }
        if (type.contains("json") || type.equals("*/*")) {
            return BodyKind.JSON;
        }
        if (type.startsWith("text/")) {
            return BodyKind.TEXT;
        }
        return BodyKind.BINARY;
    }

    // ------------------------------------------------------------------------------------------- security

    private List<SecurityScheme> securitySchemes() {
        List<SecurityScheme> schemes = new ArrayList<>();
        Components components = api.getComponents();
        if (components == null || components.getSecuritySchemes() == null) {
            return schemes;
        }
        components.getSecuritySchemes().forEach((name, scheme) -> {
            String pointer = Pointers.child("#/components/securitySchemes", name);
            OAuthFlow flow =
                    scheme.getFlows() == null ? null : scheme.getFlows().getClientCredentials();
            if (scheme.getType() == io.swagger.v3.oas.models.security.SecurityScheme.Type.OAUTH2 && flow != null) {
                if (flow.getTokenUrl() == null || flow.getTokenUrl().isBlank()) {
                    problems.add(sources.error(
                            Pointers.child(pointer, "flows/clientCredentials"),
                            "clientCredentials flow without a tokenUrl"));
                    return;
                }
                List<String> scopes = flow.getScopes() == null
                        ? List.of()
                        : List.copyOf(flow.getScopes().keySet());
                schemes.add(new SecurityScheme.OAuth2ClientCredentials(
                        name, scheme.getDescription(), resolveAgainstServer(flow.getTokenUrl()), scopes));
            } else if (scheme.getType() == io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP
                    && "bearer".equalsIgnoreCase(scheme.getScheme())) {
                schemes.add(new SecurityScheme.HttpBearer(name, scheme.getDescription()));
            } else if (scheme.getType() == io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP
                    && "basic".equalsIgnoreCase(scheme.getScheme())) {
                schemes.add(new SecurityScheme.HttpBasic(name, scheme.getDescription()));
            } else if (scheme.getType() == io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY
                    && scheme.getIn() != null
                    && scheme.getName() != null) {
                SecurityScheme.Location in = switch (scheme.getIn()) {
                    case HEADER -> SecurityScheme.Location.HEADER;
                    case QUERY -> SecurityScheme.Location.QUERY;
                    case COOKIE -> SecurityScheme.Location.COOKIE;
                };
                schemes.add(new SecurityScheme.ApiKey(name, scheme.getDescription(), in, scheme.getName()));
            } else {
                problems.add(sources.warning(
                        pointer,
                        "security scheme '" + name + "' (" + scheme.getType()
                                + ") is not supported: configure its credentials with your own OkHttp interceptor"));
                schemes.add(new SecurityScheme.Unsupported(
                        name,
                        scheme.getDescription(),
                        String.valueOf(scheme.getType()).toLowerCase(Locale.ROOT)));
            }
        });
        return schemes;
    }

    /** The scheme names of every alternative in a security list, in order, without repeats. */
    private static List<String> flatten(@Nullable List<SecurityRequirement> requirements) {
        if (requirements == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        requirements.forEach(requirement -> names.addAll(requirement.keySet()));
        return List.copyOf(names);
    }

    // --------------------------------------------------------------------------------------------- servers

    private List<String> serverUrls() {
        List<String> urls = new ArrayList<>();
        if (api.getServers() == null) {
            return urls;
        }
        for (Server server : api.getServers()) {
            String url = server.getUrl();
            if (url == null) {
                continue;
            }
            if (server.getVariables() != null) {
                for (Map.Entry<String, ServerVariable> variable :
                        server.getVariables().entrySet()) {
                    String value = variable.getValue().getDefault();
                    url = url.replace("{" + variable.getKey() + "}", value == null ? "" : value);
                }
            }
            urls.add(url);
        }
        return urls;
    }

    private String resolveAgainstServer(String url) {
        List<String> servers = serverUrls();
        if (URI.create(url).isAbsolute() || servers.isEmpty()) {
            return url;
        }
        try {
            return URI.create(servers.get(0)).resolve(url).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    // -------------------------------------------------------------------------------------------- schemas

    private static boolean isEnum(@Nullable Schema<?> schema) {
        return schema != null
                && schema.getEnum() != null
                && schema.getEnum().stream().anyMatch(Objects::nonNull);
    }

    private static boolean isStringEnum(Schema<?> schema) {
        String type = primaryType(schema);
        return type == null || type.equals("string");
    }

    /** {@code allOf: [{$ref: X}]} with nothing else of substance: a way to add a description to a reference. */
    private static boolean isRefWrapper(Schema<?> schema) {
        return schema.getAllOf() != null
                && schema.getAllOf().size() == 1
                && schema.getAllOf().get(0).get$ref() != null
                && (schema.getProperties() == null || schema.getProperties().isEmpty());
    }

    /**
     * The one real alternative of {@code oneOf/anyOf: [X, {type: null}]}, OpenAPI 3.1's way of writing a nullable
     * X, or null if the schema is not of that shape.
     */
    private static @Nullable Schema<?> nonNullAlternative(Schema<?> schema) {
        List<Schema> alternatives = schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf();
        if (alternatives == null || alternatives.size() != 2) {
            return null;
        }
        Schema<?> first = alternatives.get(0);
        Schema<?> second = alternatives.get(1);
        if (isNullType(first)) {
            return second;
        }
        return isNullType(second) ? first : null;
    }

    private static boolean isNullType(Schema<?> schema) {
        return schema.get$ref() == null && "null".equals(primaryType(schema))
                || schema.getTypes() != null && schema.getTypes().equals(Set.of("null"));
    }

    /** The schema's type, ignoring {@code null} in an OpenAPI 3.1 type array. */
    static @Nullable String primaryType(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        Set<String> typeSet = schema.getTypes();
        if (typeSet == null) {
            return null;
        }
        return typeSet.stream()
                .filter(t -> !t.equals("null"))
                .sorted()
                .findFirst()
                .orElse(typeSet.contains("null") ? "null" : null);
    }

    /**
     * Whether null is a value of the schema: it says so itself ({@code nullable}, a {@code null} type, a union with
     * {@code null}), or it references a component that does (GitHub's {@code nullable-simple-user}).
     */
    private boolean isNullable(Schema<?> schema) {
        if (admitsNull(schema)) {
            return true;
        }
        String key = componentKey(schema.get$ref());
        Schema<?> target = key == null ? null : componentSchemas.get(key);
        return target != null && admitsNull(target);
    }

    private static boolean admitsNull(Schema<?> schema) {
        return Boolean.TRUE.equals(schema.getNullable())
                || schema.getTypes() != null && schema.getTypes().contains("null")
                || nonNullAlternative(schema) != null;
    }

    private String typeName(String raw) {
        return javaTypeNames.computeIfAbsent(raw, Names::typeName);
    }

    private String memberName(String raw) {
        return javaMemberNames.computeIfAbsent(raw, Names::memberName);
    }

    private static @Nullable String description(Schema<?> schema) {
        return schema.getDescription() != null ? schema.getDescription() : schema.getTitle();
    }

    private static String relativePath(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
