package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Schemas to types: a component object, enum or union becomes a {@link TypeDef} named after its key; an inline one
 * becomes a type named from where it is used; everything else maps to a built-in type. Each schema is translated
 * once, keyed by where it is defined.
 */
final class SchemaTranslator {
    private final ModelContext context;
    private final UnionTranslator unions;
    private final ScalarTranslator scalars;
    private final SchemaLocator locator;
    /** Component keys to their Java names, for the components that become types of their own. */
    private final Map<String, String> componentTypeNames = new HashMap<>();
    /** Components that only add {@code nullable} to another: their key to the other's. */
    private final Map<String, String> nullableCopies = new HashMap<>();

    private final Set<String> builtComponents = new HashSet<>();
    /** Components that stand for another type ({@code Id: {$ref: Uuid}}) being followed, to stop at a cycle. */
    private final Set<String> expandingAliases = new LinkedHashSet<>();
    /** Inline objects and enums already named, by pointer: a schema reached twice is one type. */
    private final Map<String, TypeRef> inlineTypes = new HashMap<>();
    /** References into schemas being followed, to stop at one that leads back to itself. */
    private final Set<String> followingDeepRefs = new LinkedHashSet<>();
    /** How deep schemas nest where the translation is now. */
    private int depth;

    /** Constants per generated enum: well inside what javac's 64 KB static initializer takes (about 3,400). */
    static final int MAX_ENUM_VALUES = 2_000;

    /**
     * Properties per object: past some 250 a record's constructor runs out of parameters and the type is a class with
     * a builder instead; past this, the equality and JSON methods would outgrow javac's 64 KB per method.
     */
    static final int MAX_PROPERTIES = 600;

    /** Deeper than any real description nests: a description that does is refused rather than overflow a stack. */
    static final int MAX_DEPTH = 64;

    SchemaTranslator(ModelContext context) {
        this.context = context;
        this.unions = new UnionTranslator(context, this);
        this.scalars = new ScalarTranslator(context);
        this.locator = new SchemaLocator(context);
    }

    UnionTranslator unions() {
        return unions;
    }

    /** Names and translates every component that becomes a type of its own. */
    void translateComponents() {
        unions.findChildren();
        Map<String, Schema<?>> schemas = context.componentSchemas();
        nullableCopies.putAll(NullableCopies.find(schemas));
        // Schemas already named as Java names them first, so that "Pet" is Pet even if "pet" comes before it.
        for (boolean exact : new boolean[] {true, false}) {
            for (Map.Entry<String, Schema<?>> entry : schemas.entrySet()) {
                String key = entry.getKey();
                if (context.mappings().forSchema(key) == null
                        && !nullableCopies.containsKey(key)
                        && isNamedType(key, entry.getValue())
                        && context.typeName(key).equals(key) == exact
                        && !componentTypeNames.containsKey(key)) {
                    componentTypeNames.put(key, context.newTypeName(context.typeName(key)));
                }
            }
        }
        for (String key : schemas.keySet()) {
            if (componentTypeNames.containsKey(key)) {
                buildReferenced(key);
            }
        }
    }

    /** Components a {@code $ref} met while another was being built: built after it, in the order they were met. */
    private final java.util.ArrayDeque<String> pendingComponents = new java.util.ArrayDeque<>();

    private boolean buildingComponents;

    /**
     * Builds a component a {@code $ref} names, or, while another is being built, queues it to be built after that
     * one: so that a chain of references through thousands of components (each schema's {@code owner} another's) is
     * a loop rather than a recursion as deep as the chain, and {@link #MAX_DEPTH} counts the nesting of one schema,
     * not the length of a chain of references.
     */
    private void buildReferenced(String key) {
        if (buildingComponents) {
            if (!builtComponents.contains(key)) {
                pendingComponents.add(key);
            }
            return;
        }
        buildingComponents = true;
        try {
            buildComponent(key);
            for (String next = pendingComponents.poll(); next != null; next = pendingComponents.poll()) {
                buildComponent(next);
            }
        } finally {
            buildingComponents = false;
            pendingComponents.clear();
        }
    }

    /** The Java name of a component that is a type of its own (a nullable copy's is its original's), or null. */
    @Nullable
    String componentTypeName(String key) {
        return componentTypeNames.get(nullableCopies.getOrDefault(key, key));
    }

    /** The component a key stands for: itself, or the original of a nullable copy. */
    String canonicalKey(String key) {
        return nullableCopies.getOrDefault(key, key);
    }

    /** Whether a component schema becomes a Java type of its own (rather than standing for a built-in one). */
    private boolean isNamedType(String key, Schema<?> schema) {
        if (schema.get$ref() != null) {
            return false;
        }
        if (isGeneratedEnum(schema, ModelContext.componentPointer(key)) || unions.isUnion(key, schema)) {
            return true;
        }
        if (!Schemas.allOf(schema).isEmpty()) {
            return !Schemas.isRefWrapper(schema);
        }
        String type = Schemas.primaryType(schema);
        return (type == null || type.equals("object"))
                && schema.getProperties() != null
                && !schema.getProperties().isEmpty();
    }

    /** Translates a named component, once. */
    void buildComponent(String key) {
        Schema<?> schema = context.componentSchema(key);
        String name = componentTypeNames.get(key);
        if (schema == null || name == null || !builtComponents.add(key)) {
            return;
        }
        String pointer = ModelContext.componentPointer(key);
        if (isGeneratedEnum(schema, pointer)) {
            context.define(enumDef(name, schema, pointer));
        } else if (unions.isUnion(key, schema)) {
            context.define(unions.unionDef(name, schema, pointer, key));
        } else {
            context.define(objectDef(name, schema, pointer));
        }
    }

    /** The type of a schema used somewhere; inline objects and enums become types named {@code hint}. */
    TypeRef typeOf(@Nullable Schema<?> schema, String pointer, String hint) {
        if (schema == null) {
            return TypeRef.ANY;
        }
        if (depth >= MAX_DEPTH) {
            context.error(
                    Problem.Kind.TOO_LARGE,
                    pointer,
                    "schemas nest more than " + MAX_DEPTH
                            + " levels deep here; Retrospec does not follow them further");
            return TypeRef.ANY;
        }
        depth++;
        try {
            return typeOfShape(schema, pointer, hint);
        } finally {
            depth--;
        }
    }

    private TypeRef typeOfShape(Schema<?> schema, String pointer, String hint) {
        if (schema.get$ref() != null) {
            return refType(schema.get$ref(), pointer);
        }
        if (Schemas.isRefWrapper(schema)) {
            return typeOf(Schemas.allOf(schema).get(0), Pointers.child(Pointers.child(pointer, "allOf"), 0), hint);
        }
        Schema<?> nonNull = Schemas.nonNullAlternative(schema);
        if (nonNull != null) {
            var alternatives = Schemas.oneOfOrAnyOf(schema);
            int index = alternatives == null ? 0 : alternatives.indexOf(nonNull);
            return typeOf(
                    nonNull, Pointers.child(Pointers.child(pointer, Schemas.oneOfOrAnyOfKeyword(schema)), index), hint);
        }
        TypeRef known = inlineTypes.get(pointer);
        if (known != null) {
            return known;
        }
        if (Schemas.isEnum(schema)) {
            if (isGeneratedEnum(schema, pointer)) {
                return defineInline(pointer, enumDef(context.newTypeName(context.typeName(hint)), schema, pointer));
            }
            return scalar(schema, pointer);
        }
        if (!unions.alternatives(schema).isEmpty()) {
            String name = context.newTypeName(context.typeName(hint));
            inlineTypes.put(pointer, new TypeRef.Named(name));
            context.define(unions.unionDef(name, schema, pointer, null));
            return new TypeRef.Named(name);
        }
        var single = Schemas.oneOfOrAnyOf(schema);
        if (single != null && single.size() == 1 && schema.getProperties() == null) {
            return typeOf(
                    single.get(0),
                    Pointers.child(Pointers.child(pointer, Schemas.oneOfOrAnyOfKeyword(schema)), 0),
                    hint);
        }
        if (!Schemas.allOf(schema).isEmpty()
                || (schema.getProperties() != null && !schema.getProperties().isEmpty())) {
            String name = context.newTypeName(context.typeName(hint));
            inlineTypes.put(pointer, new TypeRef.Named(name));
            context.define(objectDef(name, schema, pointer));
            return new TypeRef.Named(name);
        }
        String type = Schemas.primaryType(schema);
        if ("array".equals(type)) {
            Schema<?> items = schema.getItems();
            if (schema.getPrefixItems() != null && !schema.getPrefixItems().isEmpty()) {
                return tuple(schema, pointer, hint);
            }
            if (items == null) {
                context.warning(
                        Problem.Kind.ARRAY_WITHOUT_ITEMS, pointer, "array without items; using a list of Object");
            }
            return new TypeRef.ListOf(
                    typeOf(items, Pointers.child(pointer, "items"), hint + "Item"),
                    Boolean.TRUE.equals(schema.getUniqueItems()));
        }
        if ("object".equals(type) || (type == null && schema.getAdditionalProperties() != null)) {
            if (schema.getAdditionalProperties() instanceof Schema<?> valueSchema) {
                return new TypeRef.MapOf(
                        typeOf(valueSchema, Pointers.child(pointer, "additionalProperties"), hint + "Value"));
            }
            return new TypeRef.MapOf(TypeRef.ANY);
        }
        return scalar(schema, pointer);
    }

    /**
     * An array with {@code prefixItems} (a tuple, OpenAPI 3.1): Java has no tuple, so a list of the type every item
     * has (those of {@code prefixItems} and of {@code items} after them), or of Object where they differ; warned.
     */
    private TypeRef tuple(Schema<?> schema, String pointer, String hint) {
        List<Schema> prefix = schema.getPrefixItems();
        java.util.Set<TypeRef> types = new java.util.LinkedHashSet<>();
        for (int i = 0; i < prefix.size(); i++) {
            types.add(typeOf(prefix.get(i), Pointers.child(Pointers.child(pointer, "prefixItems"), i), hint + "Item"));
        }
        Schema<?> rest = schema.getItems();
        if (rest != null && !Boolean.FALSE.equals(rest.getBooleanSchemaValue())) {
            types.add(typeOf(rest, Pointers.child(pointer, "items"), hint + "Item"));
        }
        TypeRef element = types.size() == 1 ? types.iterator().next() : TypeRef.ANY;
        context.warning(
                Problem.Kind.UNSUPPORTED,
                Pointers.child(pointer, "prefixItems"),
                "a tuple (prefixItems of " + prefix.size() + ") is generated as a list of "
                        + (types.size() == 1 ? "the type its items share" : "Object: its items' types differ"));
        return new TypeRef.ListOf(element, Boolean.TRUE.equals(schema.getUniqueItems()));
    }

    private TypeRef defineInline(String pointer, TypeDef def) {
        TypeRef type = new TypeRef.Named(def.name());
        inlineTypes.put(pointer, type);
        context.define(def);
        return type;
    }

    /** A built-in type, or the class {@code typeMappings} puts in its place. */
    TypeRef scalar(Schema<?> schema, String pointer) {
        return scalars.scalar(schema, pointer);
    }

    /** The type a {@code $ref} stands for. */
    TypeRef refType(String ref, String pointer) {
        if (!ref.startsWith(ModelContext.SCHEMAS)) {
            if (locator.locate(ref) != null) {
                return deepRef(ref, pointer); // a Schema Object elsewhere: in a response, a parameter, ...
            }
            context.report(unsupportedRef(ref, pointer));
            return TypeRef.ANY;
        }
        String rest = ref.substring(ModelContext.SCHEMAS.length());
        if (rest.contains("/")) {
            return deepRef(ref, pointer);
        }
        String key = Pointers.unescape(rest);
        String mapped = context.mappings().forSchema(key);
        if (mapped != null) {
            return new TypeRef.External(mapped);
        }
        Schema<?> target = context.componentSchema(key);
        if (target == null) {
            unresolved(ref, key, pointer);
            return TypeRef.ANY;
        }
        String canonical = canonicalKey(key);
        String name = componentTypeNames.get(canonical);
        if (name != null) {
            buildReferenced(canonical);
            return new TypeRef.Named(name);
        }
        if (!expandingAliases.add(key)) {
            List<String> cycle = new ArrayList<>(expandingAliases);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(key), cycle.size()));
            cycle.add(key);
            context.warning(
                    Problem.Kind.REFERENCE_CYCLE,
                    pointer,
                    "$ref '" + ref + "' closes a cycle of schemas that only refer to each other ("
                            + String.join(" -> ", cycle) + "); using Object");
            return TypeRef.ANY;
        }
        try {
            return typeOf(target, ModelContext.componentPointer(key), key);
        } finally {
            expandingAliases.remove(key);
        }
    }

    /**
     * A reference into a schema rather than to one ({@code #/components/schemas/Video/properties/id}), or to a schema
     * that sits elsewhere ({@code #/components/responses/Conflict/content/application~1json/schema}). Real APIs use it
     * to say "the same type as that one"; it resolves to that schema's type, keyed by where the schema sits, so that
     * it is generated once.
     */
    private TypeRef deepRef(String ref, String pointer) {
        if (!followingDeepRefs.add(ref)) {
            List<String> cycle = new ArrayList<>(followingDeepRefs);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(ref), cycle.size()));
            cycle.add(ref);
            context.warning(
                    Problem.Kind.REFERENCE_CYCLE,
                    pointer,
                    "$ref '" + ref + "' leads back to itself (" + String.join(" -> ", cycle) + "); using Object");
            return TypeRef.ANY;
        }
        try {
            return followDeepRef(ref, pointer);
        } finally {
            followingDeepRefs.remove(ref);
        }
    }

    private TypeRef followDeepRef(String ref, String pointer) {
        SchemaLocator.Located target = locator.locate(ref);
        if (target == null) {
            context.error(
                    Problem.Kind.UNRESOLVED_REFERENCE,
                    pointer,
                    "$ref '" + ref + "' does not resolve: nothing at that place");
            return TypeRef.ANY;
        }
        return typeOf(target.schema(), target.pointer(), target.hint());
    }

    private void unresolved(String ref, String key, String pointer) {
        context.error(
                Problem.Kind.UNRESOLVED_REFERENCE,
                pointer,
                "$ref '" + ref + "' does not resolve: no schema '" + key + "' in components.schemas");
    }

    /** Why a reference that is not into #/components/schemas cannot be followed. */
    Problem unsupportedRef(String ref, String pointer) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        if (!file.isEmpty() && !file.contains("://")) {
            String missing = context.sources().missingFile(file);
            if (missing != null) {
                return context.sources()
                        .error(
                                Problem.Kind.MISSING_REFERENCED_FILE,
                                pointer,
                                "$ref '" + ref + "' names a file that does not exist: " + missing);
            }
            return context.sources()
                    .error(
                            Problem.Kind.UNREADABLE_REFERENCED_FILE,
                            pointer,
                            "$ref '" + ref + "' could not be read by the parser");
        }
        return context.sources()
                .error(Problem.Kind.UNSUPPORTED_REFERENCE, pointer, "$ref '" + ref + "' does not point to a schema");
    }

    /** A record for an object schema, its {@code allOf} parts flattened into it. */
    ObjectDef objectDef(String name, Schema<?> schema, String pointer) {
        PropertySet collected = properties(schema, pointer);
        if (collected.byName().size() > MAX_PROPERTIES) {
            context.error(
                    Problem.Kind.TOO_LARGE,
                    pointer,
                    "an object of " + collected.byName().size() + " properties, more than the " + MAX_PROPERTIES
                            + " one generated type and its JSON adapter can hold");
            return new ObjectDef(
                    name,
                    pointer,
                    Schemas.description(schema),
                    Schemas.isDeprecated(schema),
                    List.of(),
                    null,
                    List.of());
        }
        List<Property> properties = new ArrayList<>();
        Set<String> memberNames = new HashSet<>();
        for (PropertySource source : collected.byName().values()) {
            Schema<?> property = source.schema();
            String javaName = Names.unique(context.memberName(source.wireName()), memberNames);
            TypeRef type = typeOf(property, source.pointer(), name + context.typeName(source.wireName()));
            properties.add(new Property(
                    context.literal(source.wireName(), source.pointer()),
                    javaName,
                    type,
                    TypeDef.Presence.of(collected.required().contains(source.wireName()), isNullable(property)),
                    TypeDef.Access.of(
                            Boolean.TRUE.equals(property.getReadOnly()), Boolean.TRUE.equals(property.getWriteOnly())),
                    Schemas.description(property),
                    Schemas.isDeprecated(property),
                    Schemas.defaultText(property)));
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
                Schemas.description(schema),
                Schemas.isDeprecated(schema),
                properties,
                additional,
                List.of());
    }

    /** A property as the description has it, with where it is defined. */
    record PropertySource(String wireName, Schema<?> schema, String pointer) {}

    /** The properties of an object by wire name, in document order, and the names it requires. */
    record PropertySet(Map<String, PropertySource> byName, Set<String> required) {}

    /** The properties of a schema and of everything it {@code allOf}-includes, nearest definition winning. */
    PropertySet properties(Schema<?> schema, String pointer) {
        PropertySet into = new PropertySet(new LinkedHashMap<>(), new LinkedHashSet<>());
        collectProperties(schema, pointer, into, new HashSet<>());
        return into;
    }

    private void collectProperties(Schema<?> schema, String pointer, PropertySet into, Set<String> visiting) {
        if (schema.get$ref() != null) {
            String ref = schema.get$ref();
            if (!ref.startsWith(ModelContext.SCHEMAS)) {
                SchemaLocator.Located elsewhere = locator.locate(ref);
                if (elsewhere == null) {
                    context.report(unsupportedRef(ref, pointer));
                } else if (visiting.add(ref)) {
                    collectProperties(elsewhere.schema(), elsewhere.pointer(), into, visiting);
                    visiting.remove(ref);
                }
                return;
            }
            String key = ModelContext.componentKey(ref);
            if (key == null) {
                return; // a reference into a schema contributes no properties of its own to an allOf
            }
            Schema<?> target = context.componentSchema(key);
            if (target == null) {
                unresolved(ref, key, pointer);
                return;
            }
            if (visiting.add(key)) {
                collectProperties(target, ModelContext.componentPointer(key), into, visiting);
                visiting.remove(key);
            }
            return;
        }
        var allOf = Schemas.allOf(schema);
        for (int i = 0; i < allOf.size(); i++) {
            Schema<?> part = allOf.get(i);
            if (part != null) {
                collectProperties(part, Pointers.child(Pointers.child(pointer, "allOf"), i), into, visiting);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((wireName, property) -> {
                if (wireName == null) {
                    // a Swagger 2.0 form parameter without a name, converted
                    context.error(Problem.Kind.INVALID_PARAMETER, pointer, "a property (or form field) without a name");
                } else if (property != null) {
                    into.byName()
                            .put(
                                    wireName,
                                    new PropertySource(
                                            wireName,
                                            property,
                                            Pointers.child(Pointers.child(pointer, "properties"), wireName)));
                }
            });
        }
        if (schema.getRequired() != null) {
            into.required().addAll(schema.getRequired());
        }
    }

    /**
     * Whether a schema becomes a generated enum: a string enum of at most {@link #MAX_ENUM_VALUES} values. Enums of
     * numbers stay numbers (their values are written as numbers), and a larger enum is a plain string, with a
     * warning: javac refuses an enum whose constants do not fit the 64 KB of its static initializer.
     */
    boolean isGeneratedEnum(Schema<?> schema, String pointer) {
        if (!Schemas.isEnum(schema) || !Schemas.isStringEnum(schema)) {
            return false;
        }
        if (schema.getEnum().size() > MAX_ENUM_VALUES) {
            context.warning(
                    Problem.Kind.UNSUPPORTED,
                    Pointers.child(pointer, "enum"),
                    "an enum of " + schema.getEnum().size() + " values, more than the " + MAX_ENUM_VALUES
                            + " a Java enum can hold here; its values are plain strings");
            return false;
        }
        return true;
    }

    /** An open enum for a string enum schema; a {@code null} among the values is nullability, not a constant. */
    EnumDef enumDef(String name, Schema<?> schema, String pointer) {
        List<EnumValue> values = new ArrayList<>();
        Set<String> constants = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Object value : schema.getEnum()) {
            if (value == null) {
                continue;
            }
            String wire = context.literal(String.valueOf(value), Pointers.child(pointer, "enum"));
            if (seen.add(wire)) {
                values.add(new EnumValue(Names.unique(Names.constantName(wire), constants), wire));
            }
        }
        return new EnumDef(name, pointer, Schemas.description(schema), Schemas.isDeprecated(schema), values);
    }

    /**
     * Whether null is a value of the schema: it says so itself ({@code nullable}, a {@code null} type, a union with
     * {@code null}), or it references a component that does (GitHub's {@code nullable-simple-user}).
     */
    boolean isNullable(Schema<?> schema) {
        if (Schemas.admitsNull(schema)) {
            return true;
        }
        String key = ModelContext.componentKey(schema.get$ref());
        Schema<?> target = key == null ? null : context.componentSchema(key);
        return target != null && Schemas.admitsNull(target);
    }
}
