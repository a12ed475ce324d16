package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.model.Operation.Location;
import dev.retrospec.codegen.model.Operation.Parameter;
import dev.retrospec.codegen.model.Operation.Style;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An operation's parameters, its own and its path's: resolved, typed, named, ordered (path parameters, then other
 * required ones, then optional ones), and checked against the placeholders of the path.
 */
final class ParameterTranslator {
    /** What Retrofit accepts as a path placeholder. */
    private static final Pattern RETROFIT_PLACEHOLDER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]*");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    /** Header parameters OpenAPI says to ignore: the client decides them. */
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

    private final ModelContext context;
    private final SchemaTranslator schemas;
    /** The component parameters by identity, to know one the parser resolved in place; made when first needed. */
    private java.util.@Nullable Map<io.swagger.v3.oas.models.parameters.Parameter, String> componentParameters;

    ParameterTranslator(ModelContext context, SchemaTranslator schemas) {
        this.context = context;
        this.schemas = schemas;
    }

    /** The parameters of one operation, and its path with placeholders Retrofit would refuse renamed. */
    record Translated(List<Parameter> parameters, String path) {}

    /**
     * @param path the path as the description writes it, without the leading slash
     * @param names the Java names taken in the method, which the parameters' names join
     */
    Translated translate(
            @Nullable List<io.swagger.v3.oas.models.parameters.Parameter> pathParameters,
            @Nullable List<io.swagger.v3.oas.models.parameters.Parameter> operationParameters,
            String path,
            String pointer,
            String operationId,
            Set<String> names) {
        Map<String, Parameter> byKey = new LinkedHashMap<>();
        Map<String, String> pointers = new LinkedHashMap<>();
        add(pathParameters, Pointers.parent(pointer) + "/parameters", operationId, byKey, pointers);
        add(operationParameters, Pointers.child(pointer, "parameters"), operationId, byKey, pointers);
        checkPlaceholders(path, pointer, byKey, pointers);
        List<Parameter> ordered = new ArrayList<>();
        byKey.values().stream().filter(p -> p.location() == Location.PATH).forEach(ordered::add);
        byKey.values().stream()
                .filter(p -> p.location() != Location.PATH && p.required())
                .forEach(ordered::add);
        byKey.values().stream().filter(p -> !p.required()).forEach(ordered::add);
        List<Parameter> named = new ArrayList<>();
        String relative = path;
        // The placeholders' names, which a renamed one must not take: {user.id} beside {userId} is not {userId} twice.
        Set<String> taken = new HashSet<>();
        placeholders(path).forEach(name -> taken.add(name.toLowerCase(Locale.ROOT)));
        for (Parameter p : ordered) {
            String javaName = Names.unique(context.memberName(p.wireName()), names);
            // Retrofit accepts only [a-zA-Z][a-zA-Z0-9_-]* as a path placeholder; the name never reaches the wire.
            String wireName = p.wireName();
            if (p.location() == Location.PATH
                    && !RETROFIT_PLACEHOLDER.matcher(wireName).matches()) {
                String placeholder = Names.unique(retrofitPlaceholder(javaName), taken);
                relative = relative.replace("{" + wireName + "}", "{" + placeholder + "}");
                wireName = placeholder;
            }
            named.add(new Parameter(
                    wireName,
                    javaName,
                    p.location(),
                    p.type(),
                    p.required(),
                    p.description(),
                    p.deprecated(),
                    p.style(),
                    p.defaultValue()));
        }
        return new Translated(named, relative);
    }

    /**
     * A placeholder Retrofit accepts, from a parameter's Java name: ASCII letters, digits, {@code _} and {@code -}
     * kept, anything else dropped, and a {@code p} first where it would not start with a letter ({@code _2x} becomes
     * {@code p_2x}, {@code 名前} becomes {@code p}).
     */
    static String retrofitPlaceholder(String javaName) {
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                kept.append(c);
            }
        }
        return RETROFIT_PLACEHOLDER.matcher(kept).matches() ? kept.toString() : "p" + kept;
    }

    /** The names of the path's placeholders, in order. */
    private static Set<String> placeholders(String path) {
        Set<String> placeholders = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(path);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        return placeholders;
    }

    /**
     * Path parameters must name placeholders of the path, and every placeholder needs a parameter: a parameter
     * without its placeholder is dropped, a placeholder without a parameter gets a string one.
     */
    private void checkPlaceholders(
            String path, String pointer, Map<String, Parameter> byKey, Map<String, String> pointers) {
        Set<String> placeholders = placeholders(path);
        byKey.entrySet().removeIf(entry -> {
            Parameter p = entry.getValue();
            if (p.location() == Location.PATH && !placeholders.contains(p.wireName())) {
                context.warning(
                        Problem.Kind.PATH_PARAMETER_NOT_IN_PATH,
                        pointers.getOrDefault(entry.getKey(), pointer),
                        "path parameter '" + p.wireName() + "' is not a placeholder of '/" + path
                                + "'; leaving it out");
                return true;
            }
            return false;
        });
        for (String placeholder : placeholders) {
            if (!byKey.containsKey("path:" + placeholder)) {
                context.warning(
                        Problem.Kind.PLACEHOLDER_WITHOUT_PARAMETER,
                        pointer,
                        "placeholder {" + placeholder + "} has no path parameter; taking it as a string");
                byKey.put(
                        "path:" + placeholder,
                        new Parameter(
                                placeholder,
                                placeholder,
                                Location.PATH,
                                TypeRef.STRING,
                                true,
                                null,
                                false,
                                Style.PLAIN,
                                null));
            }
        }
    }

    private void add(
            @Nullable List<io.swagger.v3.oas.models.parameters.Parameter> parameters,
            String pointer,
            String operationId,
            Map<String, Parameter> into,
            Map<String, String> pointers) {
        if (parameters == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            String at = Pointers.child(pointer, i);
            io.swagger.v3.oas.models.parameters.Parameter parameter = resolve(parameters.get(i), at);
            if (parameter == null) {
                continue;
            }
            // A component parameter's schema is typed where it is defined, once, and named after the component:
            // every operation that uses it gets the same type.
            String component = componentKey(parameters.get(i), parameter);
            String schemaAt = component != null
                    ? Pointers.child(Pointers.child("#/components/parameters", component), "schema")
                    : Pointers.child(at, "schema");
            Location location = location(parameter.getIn());
            String name = parameter.getName();
            if (name == null || location == null) {
                context.error(
                        Problem.Kind.INVALID_PARAMETER,
                        at,
                        "parameter needs a name and 'in' (path, query, header or cookie)");
                continue;
            }
            Schema<?> schema = parameter.getSchema();
            if (schema == null
                    && parameter.getContent() != null
                    && !parameter.getContent().isEmpty()) {
                MediaType media = parameter.getContent().values().iterator().next();
                schema = media == null ? null : media.getSchema();
            }
            if (location == Location.HEADER && IGNORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                context.warning(
                        Problem.Kind.IGNORED_HEADER,
                        at,
                        "header parameter '" + name + "' is ignored, as OpenAPI says: the client sets it");
                continue;
            }
            TypeRef type = schemas.typeOf(
                    schema,
                    schemaAt,
                    component != null
                            ? context.typeName(component)
                            : context.typeName(operationId) + context.typeName(name));
            boolean required = location == Location.PATH || Boolean.TRUE.equals(parameter.getRequired());
            context.literal(name, Pointers.child(at, "name"));
            pointers.put(parameter.getIn() + ":" + name, at);
            into.put(
                    parameter.getIn() + ":" + name,
                    new Parameter(
                            name,
                            name,
                            location,
                            type,
                            required,
                            parameter.getDescription(),
                            Boolean.TRUE.equals(parameter.getDeprecated()),
                            style(parameter, location, type),
                            Schemas.defaultText(schema)));
        }
    }

    private static @Nullable Location location(@Nullable String in) {
        if (in == null) {
            return null;
        }
        return switch (in) {
            case "path" -> Location.PATH;
            case "query" -> Location.QUERY;
            case "header" -> Location.HEADER;
            case "cookie" -> Location.COOKIE;
            default -> null;
        };
    }

    /** OpenAPI's style and explode, as the runtime can send them. */
    private static Style style(
            io.swagger.v3.oas.models.parameters.Parameter parameter, Location location, TypeRef type) {
        io.swagger.v3.oas.models.parameters.Parameter.StyleEnum style = parameter.getStyle();
        if (style == io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.DEEPOBJECT) {
            return Style.DEEP_OBJECT;
        }
        if (!(type instanceof TypeRef.ListOf)) {
            return Style.PLAIN;
        }
        if (style == io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.SPACEDELIMITED) {
            return Style.SPACES;
        }
        if (style == io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.PIPEDELIMITED) {
            return Style.PIPES;
        }
        boolean query = location == Location.QUERY || location == Location.COOKIE;
        boolean explode = parameter.getExplode() != null ? parameter.getExplode() : query;
        return query && explode ? Style.PLAIN : Style.CSV;
    }

    /**
     * The key of the component parameter a parameter is, or null for one written in place: by its {@code $ref}, or,
     * where the parser already put the component in its place, by identity.
     */
    private @Nullable String componentKey(
            io.swagger.v3.oas.models.parameters.@Nullable Parameter written,
            io.swagger.v3.oas.models.parameters.Parameter resolved) {
        String ref = written == null ? null : written.get$ref();
        String prefix = "#/components/parameters/";
        if (ref != null && ref.startsWith(prefix) && ref.indexOf('/', prefix.length()) < 0) {
            return Pointers.unescape(ref.substring(prefix.length()));
        }
        if (componentParameters == null) {
            componentParameters = new java.util.IdentityHashMap<>();
            Components components = context.api().getComponents();
            if (components != null && components.getParameters() != null) {
                components.getParameters().forEach((key, value) -> {
                    if (value != null) {
                        componentParameters.putIfAbsent(value, key);
                    }
                });
            }
        }
        return componentParameters.get(resolved);
    }

    private io.swagger.v3.oas.models.parameters.@Nullable Parameter resolve(
            io.swagger.v3.oas.models.parameters.@Nullable Parameter parameter, String pointer) {
        if (parameter == null || parameter.get$ref() == null) {
            return parameter;
        }
        Components components = context.api().getComponents();
        return context.component(
                parameter.get$ref(), "parameters", components == null ? null : components.getParameters(), pointer);
    }
}
