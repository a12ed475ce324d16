package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.model.Operation.Header;
import dev.retrospec.codegen.model.Operation.Response;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Paths to services: one Retrofit interface per tag, one method per operation, with its body and responses. */
final class OperationTranslator {
    private final ModelContext context;
    private final SchemaTranslator schemas;
    private final ParameterTranslator parameters;
    /** Per tag, the member names of its operations' operationIds in full, in lower case. */
    private final Map<String, Set<String>> fullNames = new HashMap<>();

    private final BodyTranslator bodies;
    private final PagingTranslator paging;
    /** operationIds seen so far, with where. */
    private final Map<String, String> operationIds = new HashMap<>();

    OperationTranslator(ModelContext context, SchemaTranslator schemas) {
        this.context = context;
        this.schemas = schemas;
        this.parameters = new ParameterTranslator(context, schemas);
        this.bodies = new BodyTranslator(context, schemas);
        this.paging = new PagingTranslator(context);
    }

    /** Every operation, grouped by its first tag ({@code default} without one), tags in the order declared. */
    List<Service> services() {
        Map<String, List<Operation>> byTag = new LinkedHashMap<>();
        Map<String, @Nullable String> tagDescriptions = new HashMap<>();
        Map<String, String> tagPointers = new HashMap<>();
        if (context.api().getTags() != null) {
            for (int i = 0; i < context.api().getTags().size(); i++) {
                var tag = context.api().getTags().get(i);
                if (tag != null && tag.getName() != null) {
                    byTag.put(tag.getName(), new ArrayList<>());
                    tagDescriptions.put(tag.getName(), tag.getDescription());
                    tagPointers.put(tag.getName(), Pointers.child("#/tags", i));
                }
            }
        }
        Map<String, Set<String>> methodNames = new HashMap<>();
        fullNames.clear();
        if (context.api().getPaths() != null) {
            // First the names operations have in full, per tag: a name one of them has is not another's short name.
            for (PathItem item : context.api().getPaths().values()) {
                if (item != null) {
                    for (io.swagger.v3.oas.models.Operation op : item.readOperations()) {
                        if (op != null && op.getOperationId() != null) {
                            fullNames
                                    .computeIfAbsent(tagOf(op), t -> new HashSet<>())
                                    .add(context.memberName(op.getOperationId()).toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        if (context.api().getPaths() != null) {
            for (Map.Entry<String, PathItem> path : context.api().getPaths().entrySet()) {
                PathItem item = path.getValue();
                if (item == null) {
                    continue;
                }
                String pathPointer = Pointers.child("#/paths", path.getKey());
                context.literal(path.getKey(), pathPointer);
                for (Map.Entry<PathItem.HttpMethod, io.swagger.v3.oas.models.Operation> entry :
                        item.readOperationsMap().entrySet()) {
                    io.swagger.v3.oas.models.Operation op = entry.getValue();
                    String method = entry.getKey().name();
                    if (op.getCallbacks() != null && !op.getCallbacks().isEmpty()) {
                        context.note(
                                Problem.Kind.UNSUPPORTED,
                                Pointers.child(
                                        Pointers.child(pathPointer, method.toLowerCase(Locale.ROOT)), "callbacks"),
                                "callbacks are not generated: they are requests the API sends to a server of the"
                                        + " caller's, which a client does not serve ("
                                        + String.join(
                                                ", ",
                                                new java.util.TreeSet<>(
                                                        op.getCallbacks().keySet()))
                                        + ")");
                    }
                    String tag = tagOf(op);
                    Set<String> names = methodNames.computeIfAbsent(tag, t -> new HashSet<>());
                    Operation operation = operation(
                            path.getKey(),
                            item,
                            method,
                            op,
                            Pointers.child(pathPointer, method.toLowerCase(Locale.ROOT)),
                            op.getTags() == null || op.getTags().isEmpty() ? null : tag,
                            names);
                    if (operation == null) {
                        continue;
                    }
                    byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(operation);
                    if (op.getTags() != null && !op.getTags().isEmpty()) {
                        tagPointers.putIfAbsent(tag, Pointers.child(Pointers.child(operation.pointer(), "tags"), 0));
                    }
                }
            }
        }
        List<Service> services = new ArrayList<>();
        Set<String> serviceNames = new HashSet<>();
        Set<String> accessors = new HashSet<>();
        ClientNames.CLIENT_MEMBERS.forEach(name -> accessors.add(name.toLowerCase(Locale.ROOT)));
        ClientNames.OBJECT_METHODS.forEach(name -> accessors.add(name.toLowerCase(Locale.ROOT)));
        for (Map.Entry<String, List<Operation>> tag : byTag.entrySet()) {
            if (tag.getValue().isEmpty()) {
                continue;
            }
            String name = Names.unique(context.typeName(tag.getKey()) + "Api", serviceNames);
            if (context.isTypeNameTaken(name)) {
                name = Names.unique(name + "Service", serviceNames);
            }
            String wanted = context.memberName(tag.getKey());
            String accessor = Names.unique(wanted, accessors);
            if (!accessor.equals(wanted)) {
                accessor = Names.unique(wanted + "Api", accessors);
                context.renamed(
                        tagPointers.getOrDefault(tag.getKey(), "#"),
                        "tag '" + tag.getKey() + "' is '" + accessor + "()' on the client: '" + wanted
                                + "' is taken by the client or another tag");
            }
            services.add(new Service(name, accessor, tag.getKey(), tagDescriptions.get(tag.getKey()), tag.getValue()));
        }
        return services;
    }

    /** Parameter slots of a Java method (255, one of them {@code this}); a long or a double takes two. */
    private static final int MAX_METHOD_SLOTS = 254;

    /** The operation, or null (with a warning) for one a Java method cannot take. */
    private @Nullable Operation operation(
            String path,
            PathItem item,
            String method,
            io.swagger.v3.oas.models.Operation op,
            String pointer,
            @Nullable String tag,
            Set<String> methodNames) {
        String operationId = op.getOperationId() != null && !op.getOperationId().isBlank()
                ? op.getOperationId()
                : method.toLowerCase(Locale.ROOT) + " " + path;
        String first = operationIds.putIfAbsent(operationId, pointer);
        if (first != null) {
            context.warning(
                    Problem.Kind.DUPLICATE_OPERATION_ID,
                    Pointers.child(pointer, "operationId"),
                    "operationId '" + operationId + "' is also the operationId of " + first
                            + "; operationIds must be unique");
        }
        String javaName = methodName(operationId, tag, methodNames);
        Set<String> parameterNames = new HashSet<>();
        ParameterTranslator.Translated translated = parameters.translate(
                item.getParameters(), op.getParameters(), relativePath(path), pointer, operationId, parameterNames);
        Body body;
        if (op.getRequestBody() != null && (method.equals("GET") || method.equals("HEAD"))) {
            // OpenAPI 3.1 allows it; HTTP gives it no meaning and OkHttp refuses to send it.
            context.warning(
                    Problem.Kind.UNSUPPORTED,
                    Pointers.child(pointer, "requestBody"),
                    "a " + method + " request cannot carry a body (HTTP gives it no meaning, OkHttp refuses to send"
                            + " one); operation '" + operationId + "' is generated without it");
            body = null;
        } else {
            body = bodies.translate(
                    op.getRequestBody(), Pointers.child(pointer, "requestBody"), operationId, parameterNames);
        }
        ApiResponses responses = op.getResponses();
        Response success = null;
        List<Response> errors = new ArrayList<>();
        if (responses != null) {
            boolean hasSuccess = responses.keySet().stream().anyMatch(s -> s.startsWith("2"));
            for (Map.Entry<String, ApiResponse> entry : responses.entrySet()) {
                String status = entry.getKey();
                if (entry.getValue() == null) {
                    continue;
                }
                Response response = response(
                        status,
                        entry.getValue(),
                        Pointers.child(Pointers.child(pointer, "responses"), status),
                        operationId);
                if (status.startsWith("2")) {
                    if (success == null || (success.type() == null && response.type() != null)) {
                        success = response;
                    }
                } else if (!status.equals("default") || hasSuccess) {
                    errors.add(response);
                } else if (success == null) {
                    success = response; // only a default response: it describes the success too
                }
            }
        }
        if (success == null) {
            success = new Response("200", null, null, null, List.of());
        } else if (method.equals("HEAD") && success.type() != null) {
            // A HEAD response has no body, whatever its description says (Retrofit insists on Void).
            success = new Response(success.status(), null, null, success.description(), success.headers());
        }
        int slots = slots(translated.parameters(), body);
        if (slots > MAX_METHOD_SLOTS) {
            context.warning(
                    Problem.Kind.UNSUPPORTED,
                    pointer,
                    "operation '" + operationId + "' has more parameters than a Java method takes (" + slots
                            + " slots of " + MAX_METHOD_SLOTS + "); it is left out");
            return null;
        }
        List<String> security = op.getSecurity() == null ? null : SecurityTranslator.flatten(op.getSecurity());
        Paging paging = this.paging.paging(
                method,
                translated.parameters(),
                success,
                op.getExtensions() == null ? null : op.getExtensions().get(PagingTranslator.EXTENSION),
                pointer);
        String idempotencyKey = translated.parameters().stream()
                .filter(p -> p.location() == Operation.Location.HEADER
                        && p.wireName().equalsIgnoreCase("Idempotency-Key"))
                .map(Operation.Parameter::wireName)
                .findFirst()
                .orElse(null);
        return new Operation(
                operationId,
                javaName,
                method,
                translated.path(),
                pointer,
                op.getSummary(),
                op.getDescription(),
                Boolean.TRUE.equals(op.getDeprecated()),
                translated.parameters(),
                body,
                success,
                errors,
                security,
                paging,
                idempotencyKey);
    }

    /**
     * The method's name: the operationId as a member name, without the words of its tag where it starts with them
     * ({@code issues/list-for-repo} in {@code IssuesApi} is {@code listForRepo}); the full name where another operation
     * of the interface has the short one as its own or took it first, so that names depend only on the description.
     */
    private static String tagOf(io.swagger.v3.oas.models.Operation op) {
        return op.getTags() == null || op.getTags().isEmpty() || op.getTags().get(0) == null
                ? "default"
                : op.getTags().get(0);
    }

    private String methodName(String operationId, @Nullable String tag, Set<String> taken) {
        List<String> words = Names.words(operationId);
        List<String> tagWords = tag == null ? List.of() : Names.words(tag);
        if (!tagWords.isEmpty() && words.size() > tagWords.size()) {
            boolean prefixed = true;
            for (int i = 0; i < tagWords.size() && prefixed; i++) {
                prefixed = words.get(i).equalsIgnoreCase(tagWords.get(i));
            }
            if (prefixed) {
                String shorter = Names.memberName(String.join(" ", words.subList(tagWords.size(), words.size())));
                String key = shorter.toLowerCase(Locale.ROOT);
                if (!fullNames.getOrDefault(tag, Set.of()).contains(key) && taken.add(key)) {
                    return shorter;
                }
            }
        }
        return Names.unique(context.memberName(operationId), taken);
    }

    /** The parameter slots the operation's method needs: required 64-bit numbers are primitives of two. */
    private static int slots(List<Operation.Parameter> parameters, @Nullable Body body) {
        int slots = 0;
        for (Operation.Parameter parameter : parameters) {
            slots += parameter.required() && isWide(parameter.type()) ? 2 : 1;
        }
        if (body instanceof Body.Form form) {
            slots += form.fields().stream()
                    .mapToInt(f -> f.required() && isWide(f.type()) ? 2 : 1)
                    .sum();
        } else if (body instanceof Body.Multipart multipart) {
            slots += multipart.fields().stream()
                    .mapToInt(f -> f.required() && isWide(f.type()) ? 2 : 1)
                    .sum();
        } else if (body != null) {
            slots++;
        }
        return slots;
    }

    private static boolean isWide(TypeRef type) {
        return type instanceof TypeRef.Primitive p
                && (p.kind() == TypeRef.Kind.INT64 || p.kind() == TypeRef.Kind.DOUBLE);
    }

    private Response response(String status, ApiResponse response, String pointer, String operationId) {
        // A component response's schema sits in the component: typed there, once, and named after it.
        String at = pointer;
        String hint = context.typeName(operationId)
                + (status.startsWith("2") ? "Response" : context.typeName(status) + "Error");
        if (response.get$ref() != null) {
            String prefix = "#/components/responses/";
            if (response.get$ref().startsWith(prefix)) {
                String key = Pointers.unescape(response.get$ref().substring(prefix.length()));
                at = Pointers.child("#/components/responses", key);
                hint = context.typeName(key);
            }
            Components components = context.api().getComponents();
            ApiResponse target = context.component(
                    response.get$ref(), "responses", components == null ? null : components.getResponses(), pointer);
            if (target == null) {
                return new Response(status, null, null, null, List.of());
            }
            response = target;
        }
        List<Header> headers = new ArrayList<>();
        if (response.getHeaders() != null) {
            Components components = context.api().getComponents();
            response.getHeaders().forEach((headerName, declared) -> {
                var header = declared;
                if (header != null && header.get$ref() != null) { // a shared header: GitHub's Link
                    String prefix = "#/components/headers/";
                    header =
                            header.get$ref().startsWith(prefix) && components != null && components.getHeaders() != null
                                    ? components
                                            .getHeaders()
                                            .get(Pointers.unescape(
                                                    header.get$ref().substring(prefix.length())))
                                    : null;
                }
                if (header != null && header.get$ref() == null) {
                    headers.add(new Header(
                            headerName,
                            header.getSchema() == null ? TypeRef.STRING : schemas.scalar(header.getSchema(), pointer),
                            header.getDescription()));
                }
            });
        }
        Content content = response.getContent();
        if (content == null || content.isEmpty()) {
            return new Response(status, null, null, response.getDescription(), headers);
        }
        String mediaType = BodyTranslator.preferredMediaType(content);
        MediaType media = content.get(mediaType);
        Schema<?> schema = media == null ? null : media.getSchema();
        boolean events = mediaType.equals("text/event-stream");
        if (events && schema == null) {
            return new Response(status, TypeRef.STRING, mediaType, response.getDescription(), headers);
        }
        TypeRef type = switch (events ? BodyTranslator.Encoding.JSON : BodyTranslator.encoding(mediaType)) {
            // An event stream's schema (OpenAPI 3.2's itemSchema, where the parser keeps it) is each event's data.
            case JSON ->
                schemas.typeOf(
                        schema,
                        Pointers.child(Pointers.child(Pointers.child(at, "content"), mediaType), "schema"),
                        hint);
            case TEXT -> TypeRef.STRING;
            default -> TypeRef.BINARY;
        };
        return new Response(status, type, mediaType, response.getDescription(), headers);
    }

    private static String relativePath(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
