package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.model.Operation.Parameter;
import dev.retrospec.codegen.model.Operation.Response;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a {@code GET} operation's results come in pages, and how, from the shapes APIs use: a {@code Link} response
 * header, a cursor the page carries, Stripe's {@code starting_after} with {@code has_more}, an offset, a page number.
 * Where the description cannot say, {@code x-retrospec-pagination} on the operation does: {@code false} for none, or
 * an object such as {@code {style: cursor, parameter: after, nextCursor: next, items: data}} (styles {@code link},
 * {@code cursor}, {@code offset}, {@code page}; names as on the wire).
 */
final class PagingTranslator {
    static final String EXTENSION = "x-retrospec-pagination";

    private static final Set<String> ITEM_PROPERTIES =
            Set.of("data", "items", "results", "entries", "values", "records", "elements", "nodes");
    private static final Set<String> CURSOR_PARAMETERS = Set.of(
            "cursor", "after", "page_token", "pagetoken", "next_token", "continuation_token", "continuation", "marker");
    private static final Set<String> NEXT_CURSOR_PROPERTIES = Set.of(
            "next_cursor",
            "nextcursor",
            "next_page_token",
            "nextpagetoken",
            "next_token",
            "nexttoken",
            "next_marker",
            "nextmarker",
            "continuation_token",
            "end_cursor");
    private static final Set<String> OFFSET_PARAMETERS = Set.of("offset", "skip", "start");
    private static final Set<String> PAGE_PARAMETERS = Set.of("page", "page_number", "pagenumber");

    private final ModelContext context;

    PagingTranslator(ModelContext context) {
        this.context = context;
    }

    /** How {@code op}'s results page, or null; {@code extension} is its {@code x-retrospec-pagination}. */
    @Nullable
    Paging paging(
            String method, List<Parameter> parameters, Response success, @Nullable Object extension, String pointer) {
        if (Boolean.FALSE.equals(extension)) {
            return null;
        }
        Page page = page(success.type());
        if (extension instanceof Map<?, ?> declared) {
            return declared(declared, parameters, success, Pointers.child(pointer, EXTENSION));
        }
        if (extension != null) {
            context.warning(
                    Problem.Kind.INVALID_EXTENSION,
                    Pointers.child(pointer, EXTENSION),
                    EXTENSION + " is false or an object with a style; it is ignored");
        }
        if (!method.equals("GET") || page == null) {
            return null;
        }
        if (success.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("link"))) {
            return new Paging.Link(page.items());
        }
        ObjectDef object = page.object();
        if (object != null) {
            Parameter cursor = query(parameters, CURSOR_PARAMETERS, TypeRef.Kind.STRING);
            Property next = property(object, NEXT_CURSOR_PROPERTIES);
            if (cursor != null && next != null && isString(next.type())) {
                return new Paging.Cursor(page.items(), cursor.javaName(), next.javaName());
            }
            Parameter after = query(parameters, Set.of("starting_after"), TypeRef.Kind.STRING);
            Property hasMore = property(object, Set.of("has_more", "hasmore"));
            Property id = page.itemObject() == null ? null : property(page.itemObject(), Set.of("id"));
            if (after != null && hasMore != null && id != null && isString(id.type())) {
                return new Paging.AfterLastItem(page.items(), after.javaName(), id.javaName(), hasMore.javaName());
            }
        }
        Parameter offset = query(parameters, OFFSET_PARAMETERS, null);
        if (offset != null && isInteger(offset.type())) {
            return new Paging.Offset(page.items(), offset.javaName());
        }
        Parameter number = query(parameters, PAGE_PARAMETERS, null);
        if (number != null && isInteger(number.type())) {
            return new Paging.PageNumber(page.items(), number.javaName());
        }
        return null;
    }

    /** The paging the extension declares, or null after a warning saying what does not fit. */
    private @Nullable Paging declared(
            Map<?, ?> declared, List<Parameter> parameters, Response success, String pointer) {
        Page page = page(success.type());
        Object items = declared.get("items");
        if (page == null || (items != null && page.object() == null)) {
            return invalid(pointer, "the response is neither a list nor an object with a list of items");
        }
        String itemsName = page.items();
        if (items != null) {
            Property property = byWireName(page.object(), String.valueOf(items));
            if (property == null || !(property.type() instanceof TypeRef.ListOf)) {
                return invalid(pointer, "items '" + items + "' is not a list property of the response");
            }
            itemsName = property.javaName();
        }
        String style = String.valueOf(declared.get("style"));
        if (style.equals("link")) {
            return new Paging.Link(itemsName);
        }
        Object name = declared.get("parameter");
        Parameter parameter = parameters.stream()
                .filter(p ->
                        p.location() == Operation.Location.QUERY && p.wireName().equals(name))
                .findFirst()
                .orElse(null);
        if (parameter == null) {
            return invalid(pointer, "parameter '" + name + "' is not a query parameter of the operation");
        }
        switch (style) {
            case "cursor":
                Property next = byWireName(page.object(), String.valueOf(declared.get("nextCursor")));
                if (next == null || !isString(next.type()) || !isString(parameter.type())) {
                    return invalid(pointer, "a cursor needs a string parameter and a string nextCursor property");
                }
                return new Paging.Cursor(itemsName, parameter.javaName(), next.javaName());
            case "offset":
            case "page":
                if (!isInteger(parameter.type())) {
                    return invalid(pointer, "parameter '" + parameter.wireName() + "' is not an integer");
                }
                return style.equals("offset")
                        ? new Paging.Offset(itemsName, parameter.javaName())
                        : new Paging.PageNumber(itemsName, parameter.javaName());
            default:
                return invalid(pointer, "style '" + style + "' is not one of link, cursor, offset, page");
        }
    }

    private @Nullable Paging invalid(String pointer, String why) {
        context.warning(
                Problem.Kind.INVALID_EXTENSION, pointer, EXTENSION + ": " + why + "; the operation is not paged");
        return null;
    }

    /** A page: the list itself, or an object with one list of items. */
    private record Page(
            @Nullable String items,
            @Nullable ObjectDef object,
            @Nullable ObjectDef itemObject) {}

    private @Nullable Page page(@Nullable TypeRef type) {
        if (type instanceof TypeRef.ListOf list) {
            return new Page(null, null, object(list.element()));
        }
        ObjectDef object = object(type);
        if (object == null) {
            return null;
        }
        List<Property> lists = object.properties().stream()
                .filter(p -> p.type() instanceof TypeRef.ListOf)
                .toList();
        Property items = lists.size() == 1
                ? lists.get(0)
                : lists.stream()
                        .filter(p -> ITEM_PROPERTIES.contains(p.wireName().toLowerCase(Locale.ROOT)))
                        .findFirst()
                        .orElse(null);
        if (items == null) {
            return null;
        }
        return new Page(items.javaName(), object, object(((TypeRef.ListOf) items.type()).element()));
    }

    private @Nullable ObjectDef object(@Nullable TypeRef type) {
        return type instanceof TypeRef.Named named && context.type(named.name()) instanceof ObjectDef object
                ? object
                : null;
    }

    private static @Nullable Parameter query(
            List<Parameter> parameters, Set<String> names, TypeRef.@Nullable Kind kind) {
        return parameters.stream()
                .filter(p -> p.location() == Operation.Location.QUERY
                        && names.contains(p.wireName().toLowerCase(Locale.ROOT))
                        && (kind == null
                                || (p.type() instanceof TypeRef.Primitive primitive && primitive.kind() == kind)))
                .findFirst()
                .orElse(null);
    }

    private static @Nullable Property property(ObjectDef object, Set<String> names) {
        return object.properties().stream()
                .filter(p -> names.contains(p.wireName().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElse(null);
    }

    private static @Nullable Property byWireName(@Nullable ObjectDef object, String name) {
        return object == null
                ? null
                : object.properties().stream()
                        .filter(p -> p.wireName().equals(name))
                        .findFirst()
                        .orElse(null);
    }

    private static boolean isString(TypeRef type) {
        return type instanceof TypeRef.Primitive p && p.kind() == TypeRef.Kind.STRING;
    }

    private static boolean isInteger(TypeRef type) {
        return type instanceof TypeRef.Primitive p
                && (p.kind() == TypeRef.Kind.INT32 || p.kind() == TypeRef.Kind.INT64);
    }
}
