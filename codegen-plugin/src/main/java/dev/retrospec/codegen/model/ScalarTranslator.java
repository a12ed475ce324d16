package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Problem;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scalar schemas to built-in types by {@code type} and {@code format} ({@code string}/{@code date-time} is a
 * date-time, {@code integer}/{@code uint64} a big integer), or to the class {@code typeMappings} names instead.
 *
 * <p>{@code format: uri} (and {@code url}) is text unless {@code typeMappings} asks for {@code java.net.URI}: servers
 * put text that {@code java.net.URI} refuses (spaces, template braces, bare host names) in such properties, and a
 * refused value would fail the whole response; parsing every link also took a third of the time to read GitHub's
 * repositories.
 */
final class ScalarTranslator {
    private final ModelContext context;

    ScalarTranslator(ModelContext context) {
        this.context = context;
    }

    /** A built-in type, or the class {@code typeMappings} puts in its place. */
    TypeRef scalar(Schema<?> schema, String pointer) {
        TypeRef type = builtIn(schema, pointer);
        if (type instanceof TypeRef.Primitive primitive) {
            String mapped = context.mappings().forKind(primitive.kind());
            if (mapped != null) {
                return new TypeRef.External(mapped);
            }
            if (primitive.kind() == TypeRef.Kind.URI) {
                return TypeRef.STRING;
            }
        }
        return type;
    }

    private TypeRef builtIn(Schema<?> schema, String pointer) {
        String type = Schemas.primaryType(schema);
        String format = schema.getFormat() == null ? "" : schema.getFormat().toLowerCase(Locale.ROOT);
        if (type == null && schema.getConst() != null) {
            type = constType(schema.getConst()); // OpenAPI 3.1 const without a type: the value's type
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
                    // OpenAPI 3.1's spelling of format: byte; base64url and others stay text
                    default ->
                        "base64".equalsIgnoreCase(schema.getContentEncoding())
                                ? new TypeRef.Primitive(TypeRef.Kind.BYTES)
                                : TypeRef.STRING;
                };
            case "integer" -> new TypeRef.Primitive(integerKind(schema, format));
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
                context.warning(Problem.Kind.UNKNOWN_TYPE, pointer, "unknown type '" + type + "'; using Object");
                yield TypeRef.ANY;
            }
        };
    }

    private static @Nullable String constType(Object constant) {
        if (constant instanceof String) {
            return "string";
        }
        if (constant instanceof Boolean) {
            return "boolean";
        }
        if (constant instanceof Integer || constant instanceof Long) {
            return "integer";
        }
        return constant instanceof Number ? "number" : null;
    }

    /** Formats of integers wider than a long. */
    private static final Set<String> BIG_INTEGER_FORMATS =
            Set.of("uint64", "int128", "uint128", "big-integer", "biginteger", "bigint");

    /**
     * An integer's width: {@code int32} an int; a format wider than 64 bits ({@code uint64}, {@code int128},
     * {@code big-integer}), or bounds beyond a long's, a {@code BigInteger}; anything else a long.
     */
    private static TypeRef.Kind integerKind(Schema<?> schema, String format) {
        if (format.equals("int32")) {
            return TypeRef.Kind.INT32;
        }
        if (BIG_INTEGER_FORMATS.contains(format)
                || beyondLong(schema.getMinimum())
                || beyondLong(schema.getMaximum())) {
            return TypeRef.Kind.BIG_INTEGER;
        }
        return TypeRef.Kind.INT64;
    }

    private static boolean beyondLong(@Nullable BigDecimal bound) {
        return bound != null
                && (bound.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                        || bound.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0);
    }
}
