package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.retrospec.codegen.model.TypeRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Model types to Java types. */
final class JavaTypes {
    private static final AnnotationSpec NULLABLE =
            AnnotationSpec.builder(RuntimeTypes.NULLABLE).build();

    private final String modelPackage;

    JavaTypes(String modelPackage) {
        this.modelPackage = modelPackage;
    }

    /** The type for a value that may be absent or null: boxed and annotated {@code @Nullable}. */
    TypeName nullable(TypeRef type) {
        return boxed(type).annotated(NULLABLE);
    }

    /** The type for a value, nullable if {@code nullable}, primitive where it can be otherwise. */
    TypeName of(TypeRef type, boolean nullable) {
        return nullable ? nullable(type) : primitive(type);
    }

    /** A primitive where there is one, for required non-null values. */
    TypeName primitive(TypeRef type) {
        if (type instanceof TypeRef.Primitive p) {
            return switch (p.kind()) {
                case BOOLEAN -> TypeName.BOOLEAN;
                case INT32 -> TypeName.INT;
                case INT64 -> TypeName.LONG;
                case FLOAT -> TypeName.FLOAT;
                case DOUBLE -> TypeName.DOUBLE;
                default -> boxed(type);
            };
        }
        return boxed(type);
    }

    /** The reference type: for type arguments and nullable values. */
    TypeName boxed(TypeRef type) {
        if (type instanceof TypeRef.Named n) {
            return ClassName.get(modelPackage, n.name());
        }
        if (type instanceof TypeRef.External e) {
            return ClassName.bestGuess(e.qualifiedName());
        }
        if (type instanceof TypeRef.ListOf l) {
            return ParameterizedTypeName.get(ClassName.get(l.unique() ? Set.class : List.class), boxed(l.element()));
        }
        if (type instanceof TypeRef.MapOf m) {
            return ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class), boxed(m.value()));
        }
        return switch (((TypeRef.Primitive) type).kind()) {
            case STRING, TIME -> ClassName.get(String.class);
            case BOOLEAN -> ClassName.get(Boolean.class);
            case INT32 -> ClassName.get(Integer.class);
            case INT64 -> ClassName.get(Long.class);
            case FLOAT -> ClassName.get(Float.class);
            case DOUBLE -> ClassName.get(Double.class);
            case DECIMAL -> ClassName.get(BigDecimal.class);
            case BIG_INTEGER -> ClassName.get(BigInteger.class);
            case DATE -> ClassName.get(LocalDate.class);
            case DATE_TIME -> ClassName.get(OffsetDateTime.class);
            case UUID -> ClassName.get(UUID.class);
            case URI -> ClassName.get(URI.class);
            case BYTES, BINARY -> RuntimeTypes.BYTE_STRING;
            case ANY -> ClassName.OBJECT;
        };
    }
}
