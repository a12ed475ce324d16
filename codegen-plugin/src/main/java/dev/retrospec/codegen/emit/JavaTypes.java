package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.retrospec.codegen.model.TypeDef;
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
    private final Set<String> enums;

    /**
     * @param enums the names of the generated enums: values of them are {@code OpenEnum<E>} in models, so that values
     *     this client does not know survive, and plain constants in parameters, which the caller chooses
     */
    JavaTypes(String modelPackage, Set<String> enums) {
        this.modelPackage = modelPackage;
        this.enums = Set.copyOf(enums);
    }

    /** Whether {@code type} is a generated enum. */
    boolean isEnum(TypeRef type) {
        return type instanceof TypeRef.Named n && enums.contains(n.name());
    }

    /** The type of a parameter or form field: as {@link #of}, but enums as their plain constants. */
    TypeName parameter(TypeRef type, boolean nullable) {
        TypeName plain = constants(type);
        if (plain == null) {
            return of(type, nullable);
        }
        return nullable ? plain.annotated(NULLABLE) : plain;
    }

    /** {@link #boxed}, but enums as their plain constants, or null if there is no enum in {@code type}. */
    @org.jspecify.annotations.Nullable
    TypeName constants(TypeRef type) {
        if (isEnum(type)) {
            return ClassName.get(modelPackage, ((TypeRef.Named) type).name());
        }
        if (type instanceof TypeRef.ListOf l && isEnum(l.element())) {
            return ParameterizedTypeName.get(
                    ClassName.get(l.unique() ? Set.class : List.class),
                    ClassName.get(modelPackage, ((TypeRef.Named) l.element()).name()));
        }
        return null;
    }

    /** The type for a value that may be absent or null: boxed and annotated {@code @Nullable}. */
    TypeName nullable(TypeRef type) {
        return boxed(type).annotated(NULLABLE);
    }

    /** The type for a value, nullable if {@code nullable}, primitive where it can be otherwise. */
    TypeName of(TypeRef type, boolean nullable) {
        return nullable ? nullable(type) : primitive(type);
    }

    /**
     * The Java type of a property: a primitive where it must be there and is never null, {@code @Nullable} where Java
     * may see null, and {@link RuntimeTypes#OMITTABLE} where it may be absent and may be null, three states apart.
     */
    TypeName property(TypeDef.Property property) {
        if (property.presence() == TypeDef.Presence.OPTIONAL_NULLABLE) {
            return ParameterizedTypeName.get(RuntimeTypes.OMITTABLE, boxed(property.type()));
        }
        return of(property.type(), property.presence().javaNullable());
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
            ClassName named = ClassName.get(modelPackage, n.name());
            return enums.contains(n.name()) ? ParameterizedTypeName.get(RuntimeTypes.OPEN_ENUM, named) : named;
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
