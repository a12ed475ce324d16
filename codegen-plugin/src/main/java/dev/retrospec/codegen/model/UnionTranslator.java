package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import dev.retrospec.codegen.model.TypeDef.RecordVariant;
import dev.retrospec.codegen.model.TypeDef.UnionDef;
import dev.retrospec.codegen.model.TypeDef.Variant;
import dev.retrospec.codegen.model.TypeDef.WrapperVariant;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code oneOf}/{@code anyOf}, and discriminator bases that components extend with {@code allOf}, as sealed
 * interfaces: records implement them, values that are not objects are wrapped.
 */
final class UnionTranslator {
    /** Alternatives per union: the adapter's methods that tell them apart must stay inside javac's 64 KB each. */
    static final int MAX_ALTERNATIVES = 1_000;

    private final ModelContext context;
    private final SchemaTranslator schemas;
    /** Component key to the components that extend it with allOf. */
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    UnionTranslator(ModelContext context, SchemaTranslator schemas) {
        this.context = context;
        this.schemas = schemas;
    }

    /** Which components extend which with allOf: the variants of a discriminator base. */
    void findChildren() {
        for (Map.Entry<String, Schema<?>> entry : context.componentSchemas().entrySet()) {
            for (Schema<?> part : Schemas.allOf(entry.getValue())) {
                String parent = part == null ? null : ModelContext.componentKey(part.get$ref());
                if (parent != null && !parent.equals(entry.getKey())) {
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(entry.getKey());
                }
            }
        }
    }

    /** A real {@code oneOf}/{@code anyOf}, or a discriminator base that components extend with allOf. */
    boolean isUnion(@Nullable String key, Schema<?> schema) {
        if (!alternatives(schema).isEmpty()) {
            return true;
        }
        return key != null && schema.getDiscriminator() != null && children.containsKey(key);
    }

    /**
     * The alternatives of a {@code oneOf}/{@code anyOf} that picks between types: empty for the nullable pattern
     * ({@code [X, {type: null}]}) and for alternatives that only add constraints
     * ({@code anyOf: [{required: [a]}, {required: [b]}]}), which leave the schema an ordinary object.
     */
    @SuppressWarnings("rawtypes") // swagger-parser's lists hold raw Schema
    List<Schema> alternatives(Schema<?> schema) {
        List<Schema> alternatives =
                schema.getOneOf() != null && !schema.getOneOf().isEmpty()
                        ? schema.getOneOf()
                        : schema.getAnyOf() != null ? schema.getAnyOf() : List.of();
        List<Schema> types = alternatives.stream()
                .filter(a -> a != null && !Schemas.isNullType(a))
                .toList();
        if (types.size() < 2 || types.stream().allMatch(Schemas::isConstraintOnly)) {
            return List.of();
        }
        return types;
    }

    /** One alternative to translate: a schema listed in the union, or a component that extends its base. */
    private record Alternative(
            @Nullable Schema<?> schema, @Nullable String key, String pointer) {}

    @SuppressWarnings("rawtypes") // swagger-parser's lists hold raw Schema
    private List<Alternative> alternativesOf(Schema<?> schema, String pointer, @Nullable String key) {
        List<Alternative> found = new ArrayList<>();
        List<Schema> alternatives = alternatives(schema);
        if (alternatives.isEmpty()) {
            if (key != null) {
                for (String child : children.getOrDefault(key, List.of())) {
                    found.add(new Alternative(null, child, ModelContext.componentPointer(child)));
                }
            }
            return found;
        }
        List<Schema> listed = Schemas.oneOfOrAnyOf(schema);
        String keyword = Schemas.oneOfOrAnyOfKeyword(schema);
        for (Schema<?> alternative : alternatives) {
            int index = listed == null ? -1 : listed.indexOf(alternative);
            String at = Pointers.child(Pointers.child(pointer, keyword), index);
            Schema<?> target = alternative;
            if (Schemas.isRefWrapper(alternative)) {
                target = Schemas.allOf(alternative).get(0); // allOf: [{$ref: X}] with a description: X itself
            }
            found.add(new Alternative(target, ModelContext.componentKey(target.get$ref()), at));
        }
        return found;
    }

    UnionDef unionDef(String name, Schema<?> schema, String pointer, @Nullable String key) {
        Discriminator declared = schema.getDiscriminator();
        String discriminator = declared == null || declared.getPropertyName() == null
                ? null
                : context.literal(declared.getPropertyName(), Pointers.child(pointer, "discriminator"));
        Map<String, String> mapping =
                declared == null || declared.getMapping() == null ? Map.of() : declared.getMapping();
        mapping.keySet()
                .forEach(label -> context.literal(
                        label,
                        Pointers.child(Pointers.child(Pointers.child(pointer, "discriminator"), "mapping"), label)));
        List<Variant> variants = new ArrayList<>();
        Set<String> variantNames = new HashSet<>();
        Set<String> variantKeys = new HashSet<>();
        List<Alternative> alternatives = alternativesOf(schema, pointer, key);
        if (alternatives.size() > MAX_ALTERNATIVES) {
            context.error(
                    Problem.Kind.TOO_LARGE,
                    pointer,
                    "a union of " + alternatives.size() + " alternatives, more than the " + MAX_ALTERNATIVES
                            + " its generated JSON adapter can tell apart");
            alternatives = alternatives.subList(0, MAX_ALTERNATIVES);
        }
        for (Alternative alternative : alternatives) {
            if (alternative.key() != null) {
                variantKeys.add(alternative.key());
            }
            Variant variant = variant(name, alternative, alternatives, mapping, discriminator, variantNames);
            if (variant instanceof RecordVariant
                    && !variantNames.add(variant.javaName().toLowerCase(Locale.ROOT))) {
                continue; // the same record listed twice
            }
            variants.add(variant);
        }
        if (discriminator != null && variants.stream().anyMatch(v -> v instanceof WrapperVariant)) {
            context.warning(
                    Problem.Kind.DISCRIMINATOR_NOT_OBJECTS,
                    pointer,
                    "discriminator '" + discriminator + "' with alternatives that are not"
                            + " objects; telling them apart by their shape instead");
            discriminator = null;
        }
        if (discriminator != null) {
            checkDiscriminator(discriminator, mapping, variants, variantKeys, pointer);
        }
        return new UnionDef(
                name, pointer, Schemas.description(schema), Schemas.isDeprecated(schema), variants, discriminator);
    }

    /**
     * A discriminator must be a property of every variant, and its mapping may only name variants: what it does not
     * do is reported, and the union still works (the label is read from the JSON, unmapped labels are ignored).
     */
    private void checkDiscriminator(
            String discriminator,
            Map<String, String> mapping,
            List<Variant> variants,
            Set<String> variantKeys,
            String pointer) {
        List<String> without = new ArrayList<>();
        for (Variant variant : variants) {
            if (context.type(variant.javaName()) instanceof ObjectDef record
                    && record.properties().stream().noneMatch(p -> p.wireName().equals(discriminator))) {
                without.add(variant.javaName());
            }
        }
        if (!without.isEmpty()) {
            context.warning(
                    Problem.Kind.DISCRIMINATOR_WITHOUT_PROPERTY,
                    Pointers.child(pointer, "discriminator"),
                    "discriminator '" + discriminator + "' is not a property of " + String.join(", ", without)
                            + "; the JSON must carry it all the same");
        }
        mapping.forEach((label, target) -> {
            String targetKey = target != null && target.startsWith("#") ? ModelContext.componentKey(target) : target;
            if (targetKey == null || !variantKeys.contains(targetKey)) {
                context.warning(
                        Problem.Kind.DISCRIMINATOR_MAPPING,
                        Pointers.child(Pointers.child(Pointers.child(pointer, "discriminator"), "mapping"), label),
                        "'" + label + "' maps to " + target + ", which is not one of the variants; ignoring it");
            }
        });
    }

    private Variant variant(
            String union,
            Alternative alternative,
            List<Alternative> siblings,
            Map<String, String> mapping,
            @Nullable String discriminator,
            Set<String> variantNames) {
        String key = alternative.key() == null ? null : schemas.canonicalKey(alternative.key());
        Schema<?> schema = alternative.schema();
        String record = key == null ? null : schemas.componentTypeName(key);
        Schema<?> target = key == null ? null : context.componentSchema(key);
        if (key != null && record != null && target != null && !Schemas.isEnum(target) && !isUnion(key, target)) {
            schemas.buildComponent(key);
            return new RecordVariant(record, labels(key, mapping, discriminator));
        }
        if (schema != null
                && schema.get$ref() == null
                && (schema.getProperties() != null || schema.getAllOf() != null)
                && alternatives(schema).isEmpty()) {
            // the union's name and the alternative's, shortened as one name: both may be long already
            String inline = context.newTypeName(context.typeName(union + inlineName(schema, siblings)));
            context.define(schemas.objectDef(inline, schema, alternative.pointer()));
            return new RecordVariant(inline, List.of());
        }
        TypeRef wrapped = key != null && schema == null
                ? schemas.refType(ModelContext.SCHEMAS + Pointers.child("", key).substring(1), alternative.pointer())
                : schemas.typeOf(schema, alternative.pointer(), union + valueName(schema));
        // nested in the union: Pets$OfPetList.class, kept to a name file systems accept
        String wrapper = Names.nestedTypeName(union, "Of" + wrapperName(wrapped), "");
        return new WrapperVariant(Names.unique(wrapper, variantNames), wrapped);
    }

    /**
     * The name an object written in place among a union's alternatives takes after the union's: its title, or else
     * {@code With} and the first property it requires (or, failing that, has) that not every other alternative
     * requires (has): {@code ShapeWithRadius}. From what the alternative is, not where it is listed, so reordering
     * a {@code oneOf} renames nothing.
     */
    private String inlineName(Schema<?> schema, List<Alternative> siblings) {
        if (schema.getTitle() != null && !schema.getTitle().isBlank()) {
            return context.typeName(schema.getTitle());
        }
        List<Schema<?>> others = new ArrayList<>();
        for (Alternative sibling : siblings) {
            if (sibling.schema() != null && sibling.schema() != schema) {
                others.add(sibling.schema());
            }
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        List<String> declared = schema.getProperties() == null
                ? List.of()
                : List.copyOf(schema.getProperties().keySet());
        for (String name : declared) { // in the order the description declares them
            if (required.contains(name)
                    && others.stream()
                            .anyMatch(o ->
                                    o.getRequired() == null || !o.getRequired().contains(name))) {
                return "With" + context.typeName(name);
            }
        }
        if (schema.getProperties() != null) {
            for (String name : schema.getProperties().keySet()) {
                if (others.stream()
                        .anyMatch(o ->
                                o.getProperties() == null || !o.getProperties().containsKey(name))) {
                    return "With" + context.typeName(name);
                }
            }
        }
        return required.isEmpty() || required.get(0) == null ? "Object" : "With" + context.typeName(required.get(0));
    }

    /** The name of a value written in place among a union's alternatives: its title, or its type's. */
    private String valueName(@Nullable Schema<?> schema) {
        if (schema == null) {
            return "Value";
        }
        if (schema.getTitle() != null && !schema.getTitle().isBlank()) {
            return context.typeName(schema.getTitle());
        }
        String type = Schemas.primaryType(schema);
        if (Schemas.isEnum(schema)) {
            return "Enum";
        }
        return type == null ? "Value" : context.typeName(type.equals("array") ? "list" : type);
    }

    /** The discriminator values for a component variant: its mapping entries, or its schema name if none. */
    private static List<String> labels(String variantKey, Map<String, String> mapping, @Nullable String discriminator) {
        if (discriminator == null) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            String target = entry.getValue();
            String targetKey = target != null && target.startsWith("#") ? ModelContext.componentKey(target) : target;
            if (variantKey.equals(targetKey)) {
                labels.add(entry.getKey());
            }
        }
        return labels.isEmpty() ? List.of(variantKey) : labels;
    }

    /** The name a wrapped value gives its variant: {@code OfString}, {@code OfPetList}. */
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

    /** What a record's membership in unions does to it. */
    private record Membership(String union, @Nullable String discriminator) {}

    /**
     * Makes every record variant implement its unions, once all types exist (a record may be built before an inline
     * union that lists it), and drops a discriminator property from the records of that union: the Java type says
     * it, and Moshi's polymorphic adapter writes it.
     */
    void joinUnions() {
        Map<String, List<Membership>> memberships = new LinkedHashMap<>();
        for (TypeDef type : context.types()) {
            if (type instanceof UnionDef union) {
                for (Variant variant : union.variants()) {
                    if (variant instanceof RecordVariant) {
                        memberships
                                .computeIfAbsent(variant.javaName(), k -> new ArrayList<>())
                                .add(new Membership(union.name(), union.discriminator()));
                    }
                }
            }
        }
        List<Property> dropped = new ArrayList<>();
        memberships.forEach((name, unions) -> {
            if (context.type(name) instanceof ObjectDef record) {
                List<Property> properties = record.properties().stream()
                        .filter(p -> unions.stream().noneMatch(u -> p.wireName().equals(u.discriminator())))
                        .toList();
                List<String> implemented = new ArrayList<>(record.implementsUnions());
                unions.stream()
                        .map(Membership::union)
                        .filter(u -> !implemented.contains(u))
                        .forEach(implemented::add);
                context.define(record.withMembership(properties, implemented));
                record.properties().stream()
                        .filter(p -> !properties.contains(p))
                        .forEach(dropped::add);
            }
        });
        // An inline enum such as `petType: {enum: [cat]}` on a dropped discriminator has nothing left to type.
        Set<String> stillUsed = new HashSet<>();
        for (TypeDef type : context.types()) {
            if (type instanceof ObjectDef record) {
                record.properties().forEach(p -> TypeRef.namesIn(p.type(), stillUsed));
            } else if (type instanceof UnionDef union) {
                for (Variant variant : union.variants()) {
                    stillUsed.add(variant.javaName());
                    if (variant instanceof WrapperVariant wrapper) {
                        TypeRef.namesIn(wrapper.wrapped(), stillUsed);
                    }
                }
            }
        }
        for (Property property : dropped) {
            Set<String> names = new HashSet<>();
            TypeRef.namesIn(property.type(), names);
            for (String typeName : names) {
                TypeDef def = context.type(typeName);
                if (def != null && def.pointer().contains("/properties/") && !stillUsed.contains(typeName)) {
                    context.remove(typeName);
                }
            }
        }
    }

    /**
     * Reports the alternatives of a union without a discriminator that accept the same JSON: the generated adapter
     * decides by the JSON's shape (kind of token, width of a number, names of an object), so of two alternatives
     * that agree on all of it, the first listed always wins and the other is never read.
     */
    void checkAmbiguity() {
        for (TypeDef type : context.types()) {
            if (!(type instanceof UnionDef union) || union.discriminator() != null) {
                continue;
            }
            Map<String, String> seen = new LinkedHashMap<>();
            for (Variant variant : union.variants()) {
                String accepts = accepts(variant);
                if (accepts == null) {
                    continue;
                }
                String first = seen.putIfAbsent(accepts, variant.javaName());
                if (first != null) {
                    context.warning(
                            Problem.Kind.AMBIGUOUS_UNION,
                            union.pointer(),
                            "alternatives " + first + " and " + variant.javaName() + " of " + union.name()
                                    + " accept the same JSON, so " + variant.javaName() + " is never chosen; a"
                                    + " discriminator, formats or required properties can tell them apart");
                }
            }
        }
    }

    /** What JSON an alternative takes, as far as the adapter tells alternatives apart; null where it tries. */
    private @Nullable String accepts(Variant variant) {
        if (variant instanceof RecordVariant) {
            if (!(context.type(variant.javaName()) instanceof ObjectDef record)) {
                return null;
            }
            List<String> required = record.properties().stream()
                    .filter(p -> p.presence().required())
                    .map(Property::wireName)
                    .sorted()
                    .toList();
            List<String> declared = record.properties().stream()
                    .map(Property::wireName)
                    .sorted()
                    .toList();
            return "object " + required + " " + declared + (record.additionalProperties() == null ? "" : " open");
        }
        TypeRef wrapped = ((WrapperVariant) variant).wrapped();
        if (wrapped instanceof TypeRef.Primitive primitive) {
            return switch (primitive.kind()) {
                case STRING -> "string";
                case FLOAT, DOUBLE, DECIMAL -> "number";
                case ANY -> null;
                default -> primitive.kind().name();
            };
        }
        if (wrapped instanceof TypeRef.Named named && context.type(named.name()) instanceof TypeDef.EnumDef) {
            return "string"; // an open enum keeps every string
        }
        return null;
    }
}
