package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Problem;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which Java class replaces a built-in mapping ({@code date-time=java.time.Instant}) or a schema
 * ({@code Money=com.example.Money}). Keys use OpenAPI's type and format names; OpenAPI Generator's spellings
 * ({@code DateTime}, {@code string+date-time}, {@code file}, ...) are accepted too, so its configuration carries
 * over.
 */
public final class TypeMappings {
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)+"
                    + "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
    private static final Map<String, TypeRef.Kind> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("string", TypeRef.Kind.STRING);
        KEYS.put("boolean", TypeRef.Kind.BOOLEAN);
        KEYS.put("integer", TypeRef.Kind.INT64);
        KEYS.put("int32", TypeRef.Kind.INT32);
        KEYS.put("int64", TypeRef.Kind.INT64);
        KEYS.put("number", TypeRef.Kind.DECIMAL);
        KEYS.put("float", TypeRef.Kind.FLOAT);
        KEYS.put("double", TypeRef.Kind.DOUBLE);
        KEYS.put("date", TypeRef.Kind.DATE);
        KEYS.put("date-time", TypeRef.Kind.DATE_TIME);
        KEYS.put("time", TypeRef.Kind.TIME);
        KEYS.put("uuid", TypeRef.Kind.UUID);
        KEYS.put("uri", TypeRef.Kind.URI);
        KEYS.put("byte", TypeRef.Kind.BYTES);
        KEYS.put("binary", TypeRef.Kind.BINARY);
        KEYS.put("object", TypeRef.Kind.ANY);
    }

    /** OpenAPI Generator's names for the same things. */
    private static final Map<String, String> ALIASES = Map.of(
            "datetime", "date-time",
            "offsetdatetime", "date-time",
            "localdate", "date",
            "bytearray", "byte",
            "file", "binary",
            "bigdecimal", "number",
            "anytype", "object",
            "long", "int64",
            "int", "int32");

    private final Map<TypeRef.Kind, String> kinds;
    private final Map<String, String> schemas;

    private TypeMappings(Map<TypeRef.Kind, String> kinds, Map<String, String> schemas) {
        this.kinds = kinds;
        this.schemas = schemas;
    }

    public static final TypeMappings NONE = new TypeMappings(Map.of(), Map.of());

    /**
     * The mappings the options give; each one that is not understood is left out and reported in {@code problems},
     * located at its option.
     */
    public static TypeMappings of(
            Map<String, String> typeMappings, Map<String, String> schemaMappings, List<Problem> problems) {
        Map<TypeRef.Kind, String> kinds = new EnumMap<>(TypeRef.Kind.class);
        for (Map.Entry<String, String> mapping : new TreeMap<>(typeMappings).entrySet()) {
            String key = mapping.getKey().strip();
            String normalized = key.toLowerCase(Locale.ROOT);
            if (normalized.contains("+")) {
                normalized = normalized.substring(normalized.indexOf('+') + 1); // string+date-time
            }
            normalized = ALIASES.getOrDefault(normalized, normalized);
            TypeRef.Kind kind = KEYS.get(normalized);
            String className = className("typeMappings", key, mapping.getValue(), problems);
            if (kind == null) {
                problems.add(Problem.option(
                        "typeMappings", "unknown type '" + key + "'; use one of " + String.join(", ", KEYS.keySet())));
            } else if (className != null) {
                kinds.put(kind, className);
            }
        }
        Map<String, String> schemas = new TreeMap<>();
        for (Map.Entry<String, String> mapping : new TreeMap<>(schemaMappings).entrySet()) {
            String className = className("schemaMappings", mapping.getKey(), mapping.getValue(), problems);
            if (className != null) {
                schemas.put(mapping.getKey().strip(), className);
            }
        }
        return new TypeMappings(kinds, schemas);
    }

    private static @Nullable String className(
            String option, String key, @Nullable String value, List<Problem> problems) {
        String name = value == null ? "" : value.strip();
        if (!QUALIFIED_NAME.matcher(name).matches() || !Names.isQualifiedName(name)) {
            problems.add(Problem.option(
                    option,
                    "'" + key + "' must map to a fully qualified class name such as java.time.Instant, not '" + value
                            + "'"));
            return null;
        }
        return name;
    }

    /** The class that replaces {@code kind}, or null. */
    @Nullable
    String forKind(TypeRef.Kind kind) {
        return kinds.get(kind);
    }

    /** The class that replaces the schema named {@code key} in components.schemas, or null. */
    @Nullable
    String forSchema(String key) {
        return schemas.get(key);
    }

    /** A canonical text of every mapping, for build caches. */
    public String describe() {
        return "types=" + new TreeMap<>(kinds) + ";schemas=" + schemas;
    }
}
