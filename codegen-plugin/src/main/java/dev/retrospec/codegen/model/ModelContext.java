package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SourceMap;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the translators of one description share: the parsed description, where its parts are, the options, the
 * types defined so far with the names they took, and the problems found. One per generation; not thread-safe.
 */
final class ModelContext {
    static final String SCHEMAS = "#/components/schemas/";

    private final OpenAPI api;
    private final SourceMap sources;
    private final ModelBuilder.Options options;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Schema<?>> componentSchemas = new LinkedHashMap<>();
    /** Java names of wire names, worked out once per generation: the same few hundred names recur thousands of times. */
    private final Map<String, String> javaTypeNames = new HashMap<>();

    private final Map<String, String> javaMemberNames = new HashMap<>();
    /** The generated types by name, in the order they were defined. */
    private final Map<String, TypeDef> types = new LinkedHashMap<>();
    /** Every type name taken, in lower case (case-insensitive file systems hold one of Pet and PET). */
    private final Set<String> typeNames = new HashSet<>();

    ModelContext(OpenAPI api, SourceMap sources, ModelBuilder.Options options) {
        this.api = api;
        this.sources = sources;
        this.options = options;
        Components components = api.getComponents();
        if (components != null && components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> {
                if (schema != null) {
                    componentSchemas.put(name, schema);
                }
            });
        }
    }

    OpenAPI api() {
        return api;
    }

    SourceMap sources() {
        return sources;
    }

    ModelBuilder.Options options() {
        return options;
    }

    TypeMappings mappings() {
        return options.mappings();
    }

    // ---------------------------------------------------------------------------------------------------- problems

    void report(Problem problem) {
        problems.add(problem);
    }

    void error(Problem.Kind kind, String pointer, String message) {
        problems.add(sources.error(kind, pointer, message));
    }

    void warning(Problem.Kind kind, String pointer, String message) {
        problems.add(sources.warning(kind, pointer, message));
    }

    /** A name the generated code takes differently from the description: said at INFO, so users can find it. */
    void renamed(String pointer, String message) {
        problems.add(sources.info(Problem.Kind.RENAMED, pointer, message));
    }

    List<Problem> problems() {
        return problems;
    }

    // ----------------------------------------------------------------------------------------------------- schemas

    /** The schemas of {@code components.schemas} by key, in document order. */
    Map<String, Schema<?>> componentSchemas() {
        return componentSchemas;
    }

    @Nullable
    Schema<?> componentSchema(String key) {
        return componentSchemas.get(key);
    }

    /** The pointer of a component schema: {@code #/components/schemas/<key>}, escaped. */
    static String componentPointer(String key) {
        return Pointers.child("#/components/schemas", key);
    }

    /**
     * The key of a reference to a component schema ({@code #/components/schemas/Pet} gives {@code Pet}), or null for
     * any other reference, including one into a component schema.
     */
    static @Nullable String componentKey(@Nullable String ref) {
        if (ref == null
                || !ref.startsWith(SCHEMAS)
                || ref.substring(SCHEMAS.length()).contains("/")) {
            return null;
        }
        return Pointers.unescape(ref.substring(SCHEMAS.length()));
    }

    /**
     * The component a {@code $ref} names in {@code #/components/<section>}, or null after reporting at
     * {@code pointer} that it does not resolve.
     */
    <T> @Nullable T component(String ref, String section, @Nullable Map<String, T> components, String pointer) {
        String prefix = "#/components/" + section + "/";
        T target = ref.startsWith(prefix) && components != null
                ? components.get(Pointers.unescape(ref.substring(prefix.length())))
                : null;
        if (target == null) {
            error(
                    Problem.Kind.UNRESOLVED_REFERENCE,
                    pointer,
                    "$ref '" + ref + "' does not resolve: no such entry in components." + section);
        }
        return target;
    }

    /** The longest string generated code holds as a constant: half of what a class file allows one constant. */
    static final int MAX_LITERAL_BYTES = 32_768;

    /**
     * {@code value}, which generated code holds as a string constant (a wire name, an enum value, a path), after
     * checking that it fits in one: a longer one is reported at {@code pointer}.
     */
    String literal(String value, String pointer) {
        int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_LITERAL_BYTES) {
            error(
                    Problem.Kind.TOO_LARGE,
                    pointer,
                    "a name or value of " + bytes + " bytes; generated code holds it as a string constant, which"
                            + " takes " + MAX_LITERAL_BYTES + " at most here");
        }
        return value;
    }

    // ------------------------------------------------------------------------------------------------------- names

    /** {@code pet_store-item} as a type name, {@code PetStoreItem}; cached. */
    String typeName(String raw) {
        return javaTypeNames.computeIfAbsent(raw, Names::typeName);
    }

    /** {@code pet_store-item} as a member name, {@code petStoreItem}; cached. */
    String memberName(String raw) {
        return javaMemberNames.computeIfAbsent(raw, Names::memberName);
    }

    /** {@code name}, or {@code name2}, ... if a type already has it; the result is taken. */
    String newTypeName(String name) {
        return Names.unique(name, typeNames);
    }

    /** Whether a type (or the client, or a service) already took {@code name}, ignoring case. */
    boolean isTypeNameTaken(String name) {
        return typeNames.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The set of type names taken, in lower case: services and the client take theirs from it too. */
    Set<String> typeNames() {
        return typeNames;
    }

    // ------------------------------------------------------------------------------------------------------- types

    void define(TypeDef type) {
        if (types.put(type.name(), type) == null && types.size() > options.maxGeneratedTypes()) {
            throw new TooManyTypes(sources.error(
                    Problem.Kind.TOO_LARGE,
                    type.pointer(),
                    "the description defines more than " + options.maxGeneratedTypes()
                            + " types; raise maxGeneratedTypes if it is meant to be this big"));
        }
    }

    /** Stops a translation that passed the ceiling on types: what it would still do is not worth doing. */
    static final class TooManyTypes extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        TooManyTypes(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    @Nullable
    TypeDef type(String name) {
        return types.get(name);
    }

    void remove(String name) {
        types.remove(name);
    }

    Collection<TypeDef> types() {
        return types.values();
    }
}
