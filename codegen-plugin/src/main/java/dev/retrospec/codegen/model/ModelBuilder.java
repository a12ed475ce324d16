package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.LoadedSpec;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a parsed description into an {@link ApiModel}: the translators of schemas, operations, security schemes and
 * servers work on one {@link ModelContext}, which names every type once and collects every problem with its JSON
 * pointer and line.
 */
public final class ModelBuilder {
    private ModelBuilder() {}

    /** Choices that change the model. */
    /**
     * Choices that change the model.
     *
     * @param maxGeneratedTypes the ceiling on the types one description may define
     */
    public record Options(@Nullable String clientName, TypeMappings mappings, int maxGeneratedTypes) {
        /** About 20 times what GitHub's description defines. */
        public static final int DEFAULT_MAX_TYPES = 25_000;

        public static final Options DEFAULTS = new Options(null, TypeMappings.NONE, DEFAULT_MAX_TYPES);
    }

    /** A model and the warnings that came with it. */
    public record Result(ApiModel model, List<Problem> warnings) {}

    /** The model, and the warnings met on the way; throws if there is any error. */
    public static Result build(LoadedSpec spec, Options options) throws SpecProblemsException {
        OpenAPI api = spec.openApi();
        ModelContext context = new ModelContext(api, spec.sources(), options);
        spec.warnings().forEach(context::report);

        try {
            return translate(spec, options, context);
        } catch (ModelContext.TooManyTypes e) {
            throw new SpecProblemsException(List.of(e.problem()));
        }
    }

    private static Result translate(LoadedSpec spec, Options options, ModelContext context)
            throws SpecProblemsException {
        OpenAPI api = spec.openApi();
        if (api.getWebhooks() != null && !api.getWebhooks().isEmpty()) {
            context.note(
                    Problem.Kind.UNSUPPORTED,
                    "#/webhooks",
                    "webhooks are not generated: they are requests the API sends to a server of the caller's,"
                            + " which a client does not serve ("
                            + String.join(
                                    ", ",
                                    new java.util.TreeSet<>(api.getWebhooks().keySet())) + ")");
        }
        SchemaTranslator schemas = new SchemaTranslator(context);
        schemas.translateComponents();
        ServerTranslator servers = new ServerTranslator(context);
        List<SecurityScheme> schemes = new SecurityTranslator(context, servers).schemes();
        List<String> defaultSecurity = SecurityTranslator.flatten(api.getSecurity());
        List<Service> translated = new OperationTranslator(context, schemas).services();
        Info info = api.getInfo();
        String title = info == null || info.getTitle() == null ? "" : info.getTitle();
        String clientName = options.clientName() != null ? options.clientName() : clientName(title);
        if (context.isTypeNameTaken(clientName) || clientName.equals("Builder")) {
            clientName = context.newTypeName(clientName + "Client"); // Builder is the client's nested builder
        }
        schemas.unions().joinUnions();
        schemas.unions().checkAmbiguity();
        List<Service> services = EnumSharing.renamed(translated, EnumSharing.apply(context));
        List<TypeDef> types = context.types().stream()
                .sorted(Comparator.comparing(TypeDef::name))
                .toList();
        ApiModel model = new ApiModel(
                clientName,
                title,
                info == null ? null : info.getVersion(),
                info == null ? null : info.getDescription(),
                spec.sources().displayName(),
                servers.urls(),
                schemes,
                defaultSecurity,
                services,
                types);

        List<Problem> problems = withoutEchoes(context.problems()).stream()
                .distinct()
                .sorted(Problem.ORDER)
                .toList();
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new SpecProblemsException(problems);
        }
        return new Result(model, problems);
    }

    /** Words a title has that say nothing about which API it is. */
    private static final Set<String> FILLER = Set.of(
            "api",
            "apis",
            "rest",
            "restful",
            "openapi",
            "http",
            "https",
            "json",
            "web",
            "service",
            "services",
            "the",
            "spec",
            "specification",
            "definition",
            "description",
            "interface",
            "version",
            "edition");

    /**
     * The client's name from the description's title, as a person would name it: without versions ({@code v3},
     * {@code 3.0}) and words that say nothing about which API it is ({@code API}, {@code REST}, {@code OpenAPI}), so
     * {@code GitHub v3 REST API} is {@code GitHub} and {@code Swagger Petstore - OpenAPI 3.0} is
     * {@code SwaggerPetstore}; the whole title where nothing else is left. {@code clientName} overrides it.
     */
    static String clientName(String title) {
        List<String> words = Names.words(title).stream()
                .filter(w -> !FILLER.contains(w.toLowerCase(java.util.Locale.ROOT)))
                .filter(w -> !w.matches("(?i)v?\\d+[a-z]?"))
                .toList();
        if (!words.isEmpty()) {
            return Names.typeName(String.join(" ", words));
        }
        return Names.typeName(title.isBlank() ? "Api" : title);
    }

    /**
     * swagger-parser's complaints about references in an element we report a reference error for say the same thing
     * less precisely (it names {@code schema} where the broken {@code $ref} is in {@code schema/items}): keep ours.
     */
    private static List<Problem> withoutEchoes(List<Problem> problems) {
        Set<String> errorScopes = new HashSet<>();
        problems.stream()
                .filter(p -> p.isError() && isReferenceProblem(p.kind()))
                .forEach(p -> errorScopes.add(scope(p.pointer())));
        // An unlocated complaint ("Unable to load RELATIVE ref ...") is about one of the located errors.
        return problems.stream()
                .filter(p -> p.isError()
                        || p.kind() != Problem.Kind.PARSER_REFERENCE
                        || !(errorScopes.contains(scope(p.pointer()))
                                || (p.pointer().isEmpty() && !errorScopes.isEmpty())))
                .toList();
    }

    private static boolean isReferenceProblem(Problem.Kind kind) {
        return switch (kind) {
            case UNRESOLVED_REFERENCE,
                    UNSUPPORTED_REFERENCE,
                    MISSING_REFERENCED_FILE,
                    UNREADABLE_REFERENCED_FILE,
                    REFERENCE_CYCLE -> true;
            default -> false;
        };
    }

    /** The schema or operation a pointer is in: its first three segments. */
    private static String scope(String pointer) {
        String[] segments = pointer.split("/", 5);
        return String.join("/", java.util.Arrays.copyOf(segments, Math.min(segments.length, 4)));
    }
}
