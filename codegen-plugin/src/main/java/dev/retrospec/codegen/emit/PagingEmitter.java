package dev.retrospec.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.Operation;
import dev.retrospec.codegen.model.Paging;
import dev.retrospec.codegen.model.TypeDef;
import dev.retrospec.codegen.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * The companion of an operation paged by a cursor, an offset or a page number: {@code <method>Pages(...)}, the same
 * parameters without the one that selects the page, returning the runtime's {@code Pages<P, T>}, which fetches the
 * next page as iteration reaches it. Pages linked by a {@code Link} header need nothing per operation: the client's
 * {@code pages(call)} follows the links of any call.
 */
final class PagingEmitter {
    private final JavaTypes types;
    private final Emitter.Common common;
    private final ApiModel model;

    PagingEmitter(JavaTypes types, Emitter.Common common, ApiModel model) {
        this.types = types;
        this.common = common;
        this.model = model;
    }

    void emit(TypeSpec.Builder type, Operation op, MethodSpec method, @Nullable ClassName params) {
        boolean parameterObject = params != null;
        Paging paging = Objects.requireNonNull(op.paging());
        if (paging instanceof Paging.Link) {
            return; // the client's pages(call) follows the links: nothing per operation
        }
        TypeRef pageType = op.success().type();
        // The lambdas' and locals' names, clear of the operation's parameters (a query parameter may be "page" or
        // "key").
        java.util.Set<String> taken = new java.util.HashSet<>();
        method.parameters().forEach(p -> taken.add(p.name()));
        taken.add("params");
        String key = free("key", taken);
        String pageVar = free("page", taken);
        String itemsVar = free("items", taken);
        String allVar = free("all", taken);
        Items items = items(pageType, paging.items(), pageVar);
        if (pageType == null || items == null) {
            return;
        }
        TypeName page = types.boxed(pageType);
        TypeName pages = ParameterizedTypeName.get(RuntimeTypes.PAGES, page, items.element());
        String name = op.javaName() + "Pages";
        MethodSpec.Builder companion = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                .returns(pages);
        if (op.deprecated()) {
            companion.addAnnotation(Deprecated.class);
        }
        String pageParameter = pageParameter(paging);
        // The arguments of the call of one page, by the Retrofit method's parameter names; the page's own by key.
        List<CodeBlock> arguments = new ArrayList<>();
        int keyIndex = -1;
        int required = method.parameters().size() - op.optionalParameters().size();
        for (int i = 0; i < method.parameters().size(); i++) {
            ParameterSpec parameter = method.parameters().get(i);
            boolean optional = i >= required;
            if (parameter.name().equals(pageParameter)) {
                keyIndex = i;
                arguments.add(CodeBlock.of("$N", key));
                continue;
            }
            if (optional && parameterObject) {
                arguments.add(ServiceEmitter.fromParams(parameter));
            } else {
                arguments.add(CodeBlock.of("$N", parameter.name()));
                companion.addParameter(ParameterSpec.builder(parameter.type(), parameter.name())
                        .build());
            }
        }
        if (params != null) {
            companion.addParameter(params, "params");
        }
        CodeBlock call = CodeBlock.of("$N($L)", op.javaName(), CodeBlock.join(arguments, ",$W"));
        CodeBlock itemsOf = items.function();
        CodeBlock body;
        if (paging instanceof Paging.Cursor cursor) {
            body = CodeBlock.of(
                    "return $T.byCursor($N -> $L,$W$L,$W$N -> $L)",
                    RuntimeTypes.PAGES,
                    key,
                    call,
                    itemsOf,
                    pageVar,
                    read(pageType, pageVar, cursor.nextCursor()));
        } else if (paging instanceof Paging.AfterLastItem after) {
            // The next page starts after the last item, while the page says there are more.
            TypeRef element = items.elementRef();
            companion.addStatement(
                    "$T<$T, $T<$T>> $N = $L",
                    java.util.function.Function.class,
                    page,
                    List.class,
                    items.element(),
                    itemsVar,
                    itemsOf);
            body = CodeBlock.of(
                    "return $T.byCursor($N -> $L,$W$N,$W$N -> {\n$>$T<$T> $N = $N.apply($N);\n"
                            + "return $T.TRUE.equals($L) && !$N.isEmpty() ? $L : null;\n$<})",
                    RuntimeTypes.PAGES,
                    key,
                    call,
                    itemsVar,
                    pageVar,
                    List.class,
                    items.element(),
                    allVar,
                    itemsVar,
                    pageVar,
                    Boolean.class,
                    read(pageType, pageVar, after.hasMore()),
                    allVar,
                    read(element, allVar + ".get(" + allVar + ".size() - 1)", after.itemId()));
        } else {
            boolean offset = paging instanceof Paging.Offset;
            TypeName keyType = keyType(op, Objects.requireNonNull(pageParameter));
            boolean wide = TypeName.LONG.box().equals(keyType.withoutAnnotations());
            String keyValue = offset ? (wide ? key : "Math.toIntExact(" + key + ")") : (wide ? "(long) " + key : key);
            body = CodeBlock.of(
                    "return $T.$N($L, $N -> $L,$W$L)",
                    RuntimeTypes.PAGES,
                    offset ? "byOffset" : "byPageNumber",
                    offset ? "0" : "1",
                    key,
                    CodeBlock.of(
                            "$N($L)", op.javaName(), CodeBlock.join(replaceKey(arguments, keyIndex, keyValue), ",$W")),
                    itemsOf);
        }
        companion.addStatement(body);
        companion.addJavadoc(
                "Every item of {@link #$L}, a page at a time as iteration reaches it$L; {@code pages()} gives the"
                        + " responses.\n",
                op.javaName(),
                ", from the first page");
        type.addMethod(companion.build());
    }

    /** {@code name}, or it with a trailing underscore (as often as needed) where a parameter has it. */
    private static String free(String name, java.util.Set<String> taken) {
        String free = name;
        while (taken.contains(free)) {
            free += "_";
        }
        taken.add(free);
        return free;
    }

    private static List<CodeBlock> replaceKey(List<CodeBlock> arguments, int index, String key) {
        List<CodeBlock> replaced = new ArrayList<>(arguments);
        if (index >= 0) {
            replaced.set(index, CodeBlock.of("$L", key));
        }
        return replaced;
    }

    /** {@code owner.property()} as a plain value: an {@code Omittable}'s {@code orNull()}. */
    private CodeBlock read(@Nullable TypeRef ownerType, String owner, String property) {
        TypeDef.Property found = property(ownerType, property);
        return found != null && found.presence() == TypeDef.Presence.OPTIONAL_NULLABLE
                ? CodeBlock.of("$L.$N().orNull()", owner, property)
                : CodeBlock.of("$L.$N()", owner, property);
    }

    private TypeDef.@Nullable Property property(@Nullable TypeRef ownerType, String javaName) {
        if (!(ownerType instanceof TypeRef.Named named)) {
            return null;
        }
        return model.types().stream()
                .filter(t -> t.name().equals(named.name()) && t instanceof TypeDef.ObjectDef)
                .flatMap(t -> ((TypeDef.ObjectDef) t).properties().stream())
                .filter(p -> p.javaName().equals(javaName))
                .findFirst()
                .orElse(null);
    }

    private TypeName keyType(Operation op, String javaName) {
        return op.parameters().stream()
                .filter(p -> p.javaName().equals(javaName))
                .map(p -> types.boxed(p.type()))
                .findFirst()
                .orElse(TypeName.INT.box());
    }

    private static @Nullable String pageParameter(Paging paging) {
        if (paging instanceof Paging.Cursor cursor) {
            return cursor.parameter();
        } else if (paging instanceof Paging.AfterLastItem after) {
            return after.parameter();
        } else if (paging instanceof Paging.Offset offset) {
            return offset.parameter();
        } else if (paging instanceof Paging.PageNumber number) {
            return number.parameter();
        }
        return null;
    }

    /** The items of a page: their type, and the function that takes them from the page. */
    private record Items(TypeName element, TypeRef elementRef, CodeBlock function) {}

    private @Nullable Items items(@Nullable TypeRef page, @Nullable String property, String pageVar) {
        if (property == null) {
            return page instanceof TypeRef.ListOf list
                    ? new Items(types.boxed(list.element()), list.element(), CodeBlock.of("$N -> $N", pageVar, pageVar))
                    : null;
        }
        if (!(page instanceof TypeRef.Named named)) {
            return null;
        }
        TypeDef.Property items = property(named, property);
        if (items == null || !(items.type() instanceof TypeRef.ListOf list)) {
            return null;
        }
        TypeName element = types.boxed(list.element());
        CodeBlock function = switch (items.presence()) {
            case REQUIRED -> CodeBlock.of("$N -> $N.$N()", pageVar, pageVar, property);
            case OPTIONAL_NULLABLE ->
                CodeBlock.of("$N -> $N.$N().orElse($T.of())", pageVar, pageVar, property, List.class);
            default ->
                CodeBlock.of(
                        "$N -> $T.requireNonNullElse($N.$N(), $T.of())",
                        pageVar,
                        Objects.class,
                        pageVar,
                        property,
                        List.class);
        };
        return new Items(element, list.element(), function);
    }
}
