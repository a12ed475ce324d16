package dev.retrospec.codegen.model;

import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import dev.retrospec.codegen.model.TypeDef.UnionDef;
import dev.retrospec.codegen.model.TypeDef.Variant;
import dev.retrospec.codegen.model.TypeDef.WrapperVariant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One type per meaning for enums written in place: enums that are not components and have the same values in the
 * same order become one enum, named by the words all their names end with ({@code IssuesListForRepoDirection} and
 * {@code PullsListDirection} are {@code Direction}); where a type of another meaning has that name, or the names share
 * no ending, by those words or the words they all start with, followed by the values ({@code StateOpenClosedAll},
 * {@code AppPermissionsReadWrite}); and if that is taken too, they stay apart. Groups are taken in the order of
 * their first name, so the rule gives the same result for the same description.
 */
final class EnumSharing {
    private EnumSharing() {}

    /** Merges what can be merged; returns each old name to its new one. */
    static Map<String, String> apply(ModelContext context) {
        Map<List<EnumValue>, List<EnumDef>> byValues = new LinkedHashMap<>();
        context.types().stream()
                .filter(t -> t instanceof EnumDef e && !isComponent(e))
                .map(t -> (EnumDef) t)
                .sorted(java.util.Comparator.comparing(EnumDef::name))
                .forEach(e -> byValues.computeIfAbsent(e.values(), k -> new ArrayList<>())
                        .add(e));
        Map<String, String> renames = new HashMap<>();
        for (List<EnumDef> group : byValues.values()) {
            if (group.size() < 2) {
                continue;
            }
            String shared = sharedName(group, context);
            if (shared == null) {
                continue;
            }
            boolean member = group.stream().anyMatch(e -> e.name().equals(shared));
            EnumDef first = group.get(0);
            String description = group.stream().allMatch(e -> Objects.equals(e.description(), first.description()))
                    ? first.description()
                    : null;
            boolean deprecated = group.stream().allMatch(EnumDef::deprecated);
            for (EnumDef e : group) {
                context.remove(e.name());
                if (!e.name().equals(shared)) {
                    renames.put(e.name(), shared);
                }
            }
            context.define(new EnumDef(shared, first.pointer(), description, deprecated, first.values()));
        }
        if (!renames.isEmpty()) {
            for (TypeDef type : List.copyOf(context.types())) {
                context.define(renamed(type, renames));
            }
        }
        return renames;
    }

    private static boolean isComponent(EnumDef e) {
        String rest = e.pointer().startsWith(ModelContext.SCHEMAS)
                ? e.pointer().substring(ModelContext.SCHEMAS.length())
                : "/";
        return !rest.contains("/");
    }

    /**
     * The name a group of equal enums shares: the words all their names end with ({@code Direction}); where a type of
     * another meaning has that name, or the names share no ending, those words or the words they all start with
     * followed by the values ({@code StateOpenClosedAll}, {@code AppPermissionsReadWrite}, for four values at most);
     * null if none of these is free.
     */
    private static @Nullable String sharedName(List<EnumDef> group, ModelContext context) {
        List<String> candidates = new ArrayList<>();
        String suffix = commonSuffix(group);
        if (!suffix.isEmpty()) {
            candidates.add(suffix);
        }
        List<EnumValue> values = group.get(0).values();
        if (values.size() <= 4) {
            String valueWords =
                    String.join(" ", values.stream().map(EnumValue::wireValue).toList());
            String stem = !suffix.isEmpty() ? suffix : commonPrefix(group);
            if (!stem.isEmpty()) {
                candidates.add(Names.typeName(stem + " " + valueWords));
            }
        }
        for (String candidate : candidates) {
            boolean member = group.stream().anyMatch(e -> e.name().equals(candidate));
            if (member || !context.isTypeNameTaken(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The words every name of the group starts with, as a type name; empty if none. */
    private static String commonPrefix(List<EnumDef> group) {
        List<String> prefix = Names.words(group.get(0).name());
        for (EnumDef e : group.subList(1, group.size())) {
            List<String> words = Names.words(e.name());
            int n = 0;
            while (n < prefix.size() && n < words.size() && prefix.get(n).equalsIgnoreCase(words.get(n))) {
                n++;
            }
            prefix = prefix.subList(0, n);
        }
        return prefix.isEmpty() ? "" : Names.typeName(String.join(" ", prefix));
    }

    /** The words every name of the group ends with, as a type name; empty if none. */
    private static String commonSuffix(List<EnumDef> group) {
        List<String> suffix = Names.words(group.get(0).name());
        for (EnumDef e : group.subList(1, group.size())) {
            List<String> words = Names.words(e.name());
            int n = 0;
            while (n < suffix.size()
                    && n < words.size()
                    && suffix.get(suffix.size() - 1 - n).equalsIgnoreCase(words.get(words.size() - 1 - n))) {
                n++;
            }
            suffix = suffix.subList(suffix.size() - n, suffix.size());
        }
        return suffix.isEmpty() ? "" : Names.typeName(String.join(" ", suffix));
    }

    static TypeDef renamed(TypeDef type, Map<String, String> renames) {
        if (type instanceof ObjectDef record) {
            List<Property> properties = record.properties().stream()
                    .map(p -> new Property(
                            p.wireName(),
                            p.javaName(),
                            renamed(p.type(), renames),
                            p.presence(),
                            p.access(),
                            p.description(),
                            p.deprecated(),
                            p.defaultValue()))
                    .toList();
            return new ObjectDef(
                    record.name(),
                    record.pointer(),
                    record.description(),
                    record.deprecated(),
                    properties,
                    record.additionalProperties() == null ? null : renamed(record.additionalProperties(), renames),
                    record.implementsUnions());
        }
        if (type instanceof UnionDef union) {
            List<Variant> variants = union.variants().stream()
                    .map(v -> v instanceof WrapperVariant w
                            ? (Variant) new WrapperVariant(w.javaName(), renamed(w.wrapped(), renames))
                            : v)
                    .toList();
            return new UnionDef(
                    union.name(),
                    union.pointer(),
                    union.description(),
                    union.deprecated(),
                    variants,
                    union.discriminator());
        }
        return type;
    }

    static @Nullable TypeRef renamedOrNull(@Nullable TypeRef type, Map<String, String> renames) {
        return type == null ? null : renamed(type, renames);
    }

    static TypeRef renamed(TypeRef type, Map<String, String> renames) {
        if (type instanceof TypeRef.Named named && renames.containsKey(named.name())) {
            return new TypeRef.Named(renames.get(named.name()));
        }
        if (type instanceof TypeRef.ListOf list) {
            return new TypeRef.ListOf(renamed(list.element(), renames), list.unique());
        }
        if (type instanceof TypeRef.MapOf map) {
            return new TypeRef.MapOf(renamed(map.value(), renames));
        }
        return type;
    }

    /** The services with every type reference renamed. */
    static List<Service> renamed(List<Service> services, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return services;
        }
        return services.stream()
                .map(s -> new Service(
                        s.name(),
                        s.accessor(),
                        s.tag(),
                        s.description(),
                        s.operations().stream().map(op -> renamed(op, renames)).toList()))
                .toList();
    }

    private static Operation renamed(Operation op, Map<String, String> renames) {
        return new Operation(
                op.operationId(),
                op.javaName(),
                op.method(),
                op.path(),
                op.pointer(),
                op.summary(),
                op.description(),
                op.deprecated(),
                op.parameters().stream()
                        .map(p -> new Operation.Parameter(
                                p.wireName(),
                                p.javaName(),
                                p.location(),
                                renamed(p.type(), renames),
                                p.required(),
                                p.description(),
                                p.deprecated(),
                                p.style(),
                                p.defaultValue()))
                        .toList(),
                renamed(op.body(), renames),
                renamed(op.success(), renames),
                op.errors().stream().map(r -> renamed(r, renames)).toList(),
                op.security(),
                op.paging(),
                op.idempotencyKey());
    }

    private static Operation.Response renamed(Operation.Response response, Map<String, String> renames) {
        return new Operation.Response(
                response.status(),
                renamedOrNull(response.type(), renames),
                response.mediaType(),
                response.description(),
                response.headers().stream()
                        .map(h -> new Operation.Header(h.name(), renamed(h.type(), renames), h.description()))
                        .toList());
    }

    private static @Nullable Body renamed(@Nullable Body body, Map<String, String> renames) {
        if (body instanceof Body.Json json) {
            return new Body.Json(
                    json.mediaType(),
                    json.required(),
                    json.description(),
                    renamed(json.type(), renames),
                    json.javaName());
        }
        if (body instanceof Body.Form form) {
            return new Body.Form(form.mediaType(), form.required(), form.description(), fields(form.fields(), renames));
        }
        if (body instanceof Body.Multipart multipart) {
            return new Body.Multipart(
                    multipart.mediaType(),
                    multipart.required(),
                    multipart.description(),
                    fields(multipart.fields(), renames));
        }
        return body;
    }

    private static List<Body.Field> fields(List<Body.Field> fields, Map<String, String> renames) {
        return fields.stream()
                .map(f -> new Body.Field(
                        f.wireName(), f.javaName(), renamed(f.type(), renames), f.required(), f.description()))
                .toList();
    }
}
