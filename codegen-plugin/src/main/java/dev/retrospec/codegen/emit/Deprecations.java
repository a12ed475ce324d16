package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import dev.retrospec.codegen.model.Body;
import dev.retrospec.codegen.model.Operation;
import dev.retrospec.codegen.model.TypeDef;
import dev.retrospec.codegen.model.TypeRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The types the description deprecates, and whether a piece of generated code names one. javac warns wherever code that
 * is not deprecated itself names a deprecated type, and a user can do nothing about a warning in generated code: a
 * generated type that must name one (a record holding a deprecated schema, a union listing one, an interface whose
 * operations take or return one, an adapter) says {@code @SuppressWarnings("deprecation")}, so that the output
 * compiles without a warning. What is deprecated itself carries {@code @Deprecated} and needs no suppression.
 */
final class Deprecations {
    /** {@code @SuppressWarnings("deprecation")}, for a type or method that must name a deprecated type. */
    static final AnnotationSpec SUPPRESS = AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "$S", "deprecation")
            .build();

    private final Set<String> names;
    private final Map<String, TypeDef> types;

    Deprecations(Collection<TypeDef> types) {
        this.names =
                types.stream().filter(TypeDef::deprecated).map(TypeDef::name).collect(Collectors.toUnmodifiableSet());
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(TypeDef::name, def -> def, (a, b) -> a));
    }

    /** Whether the generated type named {@code typeName} is deprecated. */
    boolean deprecated(String typeName) {
        return names.contains(typeName);
    }

    /** Whether {@code type}, or a type it holds (a list's items, a map's values), is deprecated. */
    boolean names(TypeRef type) {
        if (type instanceof TypeRef.Named named) {
            return names.contains(named.name());
        }
        if (type instanceof TypeRef.ListOf list) {
            return names(list.element());
        }
        return type instanceof TypeRef.MapOf map && names(map.value());
    }

    /**
     * Whether the Java type of {@code def}, or its adapter, names a deprecated type: a property's type, the type of its
     * additional properties, a union it implements; a union's variant.
     */
    boolean namedBy(TypeDef def) {
        if (def instanceof TypeDef.ObjectDef object) {
            TypeRef additional = object.additionalProperties();
            return object.properties().stream().anyMatch(p -> names(p.type()))
                    || (additional != null && names(additional))
                    || object.implementsUnions().stream().anyMatch(names::contains);
        }
        if (def instanceof TypeDef.UnionDef union) {
            return union.variants().stream()
                    .anyMatch(variant -> variant instanceof TypeDef.WrapperVariant wrapper
                            ? names(wrapper.wrapped())
                            : names.contains(variant.javaName()));
        }
        return false;
    }

    /** Whether the JSON adapter of {@code def} names a deprecated type: {@code def} itself, or one {@code def} names. */
    boolean namedByAdapterOf(TypeDef def) {
        return def.deprecated() || namedBy(def);
    }

    /**
     * Whether {@code op}'s Java methods name a deprecated type: a parameter, the body, a response or its headers; for
     * a paged operation, a property of its page (the items its companion method returns).
     */
    boolean namedBy(Operation op) {
        if (op.paging() != null
                && op.success().type() instanceof TypeRef.Named page
                && types.containsKey(page.name())
                && namedBy(types.get(page.name()))) {
            return true;
        }
        Stream<TypeRef> parameters = op.parameters().stream().map(Operation.Parameter::type);
        Body body = op.body();
        Stream<TypeRef> bodyTypes = Stream.empty();
        if (body instanceof Body.Json json) {
            bodyTypes = Stream.of(json.type());
        } else if (body instanceof Body.Form form) {
            bodyTypes = form.fields().stream().map(Body.Field::type);
        } else if (body instanceof Body.Multipart multipart) {
            bodyTypes = multipart.fields().stream().map(Body.Field::type);
        }
        Stream<TypeRef> responses = Stream.concat(Stream.of(op.success()), op.errors().stream())
                .flatMap(response -> Stream.concat(
                        Stream.ofNullable(response.type()),
                        response.headers().stream().map(Operation.Header::type)));
        return Stream.of(parameters, bodyTypes, responses).flatMap(s -> s).anyMatch(this::names);
    }

    /** Whether any of {@code ops} names a deprecated type. */
    boolean namedByAny(List<Operation> ops) {
        return ops.stream().anyMatch(this::namedBy);
    }
}
