package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.SecurityScheme;
import dev.retrospec.codegen.model.Service;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * The client class: one entry point that wires Retrofit, OkHttp, Moshi and the runtime's token handling from what
 * the description says (server, token URL, scopes), with a builder for everything a user may want to change.
 */
final class ClientEmitter {
    private static final AnnotationSpec NULLABLE =
            AnnotationSpec.builder(RuntimeTypes.NULLABLE).build();

    private final Emitter.Common common;
    private final ApiModel model;
    private final ClassName client;
    private final ClassName builder;
    private final @Nullable String defaultBaseUrl;
    private final List<SecurityScheme.OAuth2ClientCredentials> oauth2 = new ArrayList<>();
    private final AuthEmitter auth;

    ClientEmitter(Emitter.Common common, ApiModel model) {
        this.common = common;
        this.model = model;
        this.client = ClassName.get(common.options().basePackage(), model.clientName());
        this.builder = client.nestedClass("Builder");
        this.defaultBaseUrl = model.serverUrls().stream()
                .filter(ClientEmitter::isAbsoluteHttp)
                .findFirst()
                .map(url -> url.endsWith("/") ? url : url + "/")
                .orElse(null);
        List<SecurityScheme> configurable = new ArrayList<>();
        for (SecurityScheme scheme : model.securitySchemes()) {
            if (scheme instanceof SecurityScheme.OAuth2ClientCredentials cc) {
                oauth2.add(cc);
            }
            if (!(scheme instanceof SecurityScheme.Unsupported)) {
                configurable.add(scheme);
            }
        }
        this.auth = new AuthEmitter(builder, configurable);
    }

    TypeSpec emit() {
        TypeSpec.Builder type = TypeSpec.classBuilder(client).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        common.decorate(type);
        if (common.sharedErrors().values().stream().anyMatch(common.deprecations()::deprecated)) {
            type.addAnnotation(Deprecations.SUPPRESS); // ERROR_TYPES names it
        }
        type.addJavadoc("$L", classDoc());

        if (defaultBaseUrl != null) {
            type.addField(FieldSpec.builder(
                            String.class, "DEFAULT_BASE_URL", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The first server the description names.\n")
                    .initializer("$L", Literals.string(defaultBaseUrl))
                    .build());
        }
        for (SecurityScheme.OAuth2ClientCredentials scheme : oauth2) {
            String constant = scheme.constantName();
            type.addField(FieldSpec.builder(
                            String.class, constant + "_TOKEN_URL", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Token endpoint of the $L security scheme.\n", Docs.code(scheme.name()))
                    .initializer("$L", Literals.string(scheme.tokenUrl()))
                    .build());
            type.addField(FieldSpec.builder(
                            ParameterizedTypeName.get(List.class, String.class),
                            constant + "_SCOPES",
                            Modifier.PUBLIC,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("Scopes of the $L security scheme.\n", Docs.code(scheme.name()))
                    .initializer(
                            "$T.of($L)",
                            List.class,
                            CodeBlock.join(
                                    scheme.scopes().stream()
                                            .map(Literals::string)
                                            .toList(),
                                    ", "))
                    .build());
        }

        type.addField(RuntimeTypes.RETROFIT, "retrofit", Modifier.PRIVATE, Modifier.FINAL);
        type.addField(RuntimeTypes.MOSHI, "moshi", Modifier.PRIVATE, Modifier.FINAL);
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(RuntimeTypes.RETROFIT, "retrofit")
                .addParameter(RuntimeTypes.MOSHI, "moshi")
                .addStatement("this.retrofit = retrofit")
                .addStatement("this.moshi = moshi");
        for (Service service : model.services()) {
            ClassName api = ClassName.get(common.options().apiPackage(), service.name());
            type.addField(api, service.accessor(), Modifier.PRIVATE, Modifier.FINAL);
            constructor.addStatement("this.$N = retrofit.create($T.class)", service.accessor(), api);
        }
        type.addMethod(constructor.build());

        type.addMethod(MethodSpec.methodBuilder("builder")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(builder)
                .addStatement("return new $T()", builder)
                .build());

        for (Service service : model.services()) {
            ClassName api = ClassName.get(common.options().apiPackage(), service.name());
            String doc = Docs.paragraphs(service.description());
            type.addMethod(MethodSpec.methodBuilder(service.accessor())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(api)
                    .addJavadoc("$L\n", doc.isEmpty() ? "Operations tagged " + Docs.code(service.tag()) + "." : doc)
                    .addStatement("return $N", service.accessor())
                    .build());
        }

        type.addMethod(MethodSpec.methodBuilder("retrofit")
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeTypes.RETROFIT)
                .addJavadoc("The Retrofit instance behind this client, for interfaces of your own on the same API.\n")
                .addStatement("return retrofit")
                .build());
        type.addMethod(MethodSpec.methodBuilder("moshi")
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeTypes.MOSHI)
                .addJavadoc("The Moshi this client reads and writes JSON with.\n")
                .addStatement("return moshi")
                .build());
        TypeVariableName t = TypeVariableName.get("T");
        type.addMethod(MethodSpec.methodBuilder("errorBody")
                .addModifiers(Modifier.PUBLIC)
                .addTypeVariable(t)
                .returns(t.annotated(NULLABLE))
                .addParameter(
                        ParameterizedTypeName.get(
                                RuntimeTypes.RETROFIT_RESPONSE, WildcardTypeName.subtypeOf(Object.class)),
                        "response")
                .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), t), "type")
                .addException(IOException.class)
                .addJavadoc(
                        "The body of an unsuccessful response as the error type the description declares for it, such"
                                + " as\n{@code errorBody(response, Problem.class)}; null for a successful response or an empty body.\n")
                .addStatement("return $T.read(moshi, response, type)", RuntimeTypes.ERROR_BODIES)
                .build());

        type.addMethod(MethodSpec.methodBuilder("bodyOrThrow")
                .addModifiers(Modifier.PUBLIC)
                .addTypeVariable(t)
                .returns(t)
                .addParameter(ParameterizedTypeName.get(RuntimeTypes.CALL, t), "call")
                .addException(IOException.class)
                .addJavadoc(
                        "Executes {@code call} and returns its body, or throws the {@code ApiException} of its status"
                                + " ({@code NotFoundException},\n{@code RateLimitException} with its {@code Retry-After}, ...)"
                                + " holding the error body as the description types it.\n")
                .addStatement("return $T.create(moshi, ERROR_TYPES).bodyOrThrow(call)", RuntimeTypes.API_CALLS)
                .build());
        CodeBlock.Builder errorTypes = CodeBlock.builder();
        common.sharedErrors()
                .forEach((status, name) -> errorTypes.add(
                        errorTypes.isEmpty() ? "$T.entry($L, $T.class)" : ",$W$T.entry($L, $T.class)",
                        Map.class,
                        Literals.string(status),
                        ClassName.get(common.options().modelPackage(), name)));
        type.addField(FieldSpec.builder(
                        ParameterizedTypeName.get(
                                ClassName.get(Map.class),
                                ClassName.get(String.class),
                                ParameterizedTypeName.get(
                                        ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class))),
                        "ERROR_TYPES",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The error body type of each status, where an operation does not say otherwise.\n")
                .initializer("$T.ofEntries($L)", Map.class, errorTypes.build())
                .build());
        if (linkPaged()) {
            TypeVariableName p = TypeVariableName.get("P");
            type.addMethod(MethodSpec.methodBuilder("pages")
                    .addModifiers(Modifier.PUBLIC)
                    .addTypeVariable(t)
                    .returns(ParameterizedTypeName.get(
                            RuntimeTypes.PAGES, ParameterizedTypeName.get(ClassName.get(List.class), t), t))
                    .addParameter(
                            ParameterizedTypeName.get(
                                    RuntimeTypes.CALL, ParameterizedTypeName.get(ClassName.get(List.class), t)),
                            "first")
                    .addJavadoc("Every item of a list operation whose pages link to the next with a {@code Link}"
                            + " header, fetched a page\nat a time as iteration reaches it:"
                            + " {@code for (Repo repo : client.pages(client.repos().listForOrg(\"o\"))) ...};\n"
                            + "{@code pages()} gives the responses.\n")
                    .addStatement("return $T.byLink(retrofit, first, page -> page)", RuntimeTypes.PAGES)
                    .build());
            type.addMethod(MethodSpec.methodBuilder("pages")
                    .addModifiers(Modifier.PUBLIC)
                    .addTypeVariable(p)
                    .addTypeVariable(t)
                    .returns(ParameterizedTypeName.get(RuntimeTypes.PAGES, p, t))
                    .addParameter(ParameterizedTypeName.get(RuntimeTypes.CALL, p), "first")
                    .addParameter(
                            ParameterizedTypeName.get(
                                    ClassName.get(java.util.function.Function.class),
                                    p,
                                    ParameterizedTypeName.get(ClassName.get(List.class), t)),
                            "items")
                    .addJavadoc("{@link #pages(Call)} for pages that hold their items in a property.\n")
                    .addStatement("return $T.byLink(retrofit, first, items)", RuntimeTypes.PAGES)
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder("fromEnv")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addJavadoc("A client configured from environment variables: see {@link Builder#environment(Map)}.\n")
                .addStatement("return builder().environment($T.getenv()).build()", System.class)
                .build());
        type.addMethod(moshiBuilder());
        type.addType(builderType());
        return type.build();
    }

    private String classDoc() {
        StringBuilder doc = new StringBuilder();
        doc.append("Client for ").append(Docs.plain(model.title().isBlank() ? model.clientName() : model.title()));
        if (model.version() != null) {
            doc.append(' ').append(Docs.plain(model.version()));
        }
        doc.append('.');
        String description = Docs.paragraphs(model.description());
        if (!description.isEmpty()) {
            doc.append("\n<p>").append(description);
        }
        doc.append("\n\n<pre>{@code\n")
                .append(model.clientName())
                .append(" client = ")
                .append(model.clientName())
                .append(".builder()");
        if (!oauth2.isEmpty()) {
            doc.append("\n    .")
                    .append(auth.credentialsMethod(oauth2.get(0)))
                    .append("(System.getenv(\"CLIENT_ID\"), System.getenv(\"CLIENT_SECRET\"))");
        }
        if (defaultBaseUrl == null) {
            doc.append("\n    .baseUrl(\"https://api.example.com/\")");
        }
        doc.append("\n    .build();\n}</pre>\n");
        return doc.toString();
    }

    private MethodSpec moshiBuilder() {
        return MethodSpec.methodBuilder("moshiBuilder")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(RuntimeTypes.MOSHI_BUILDER)
                .addJavadoc("A Moshi builder that knows this API's types, through adapters generated for them (no\n"
                        + "reflection; required properties and non-null values enforced), and {@code java.time} values,\n"
                        + "UUIDs and exact numbers. Add adapters of your own and pass the result to\n"
                        + "{@link Builder#moshi(Moshi)}.\n")
                .addStatement(
                        "return new $T().add($T.strict()).add($T.FACTORY)",
                        RuntimeTypes.MOSHI_BUILDER,
                        JsonFactoryEmitter.className(common.options()),
                        RuntimeTypes.STANDARD_JSON_ADAPTERS)
                .build();
    }

    /** The prefix of the client's environment variables: its name in capitals, letters and digits only. */
    static String envPrefix(String clientName) {
        StringBuilder prefix = new StringBuilder();
        clientName
                .codePoints()
                .filter(c -> c < 128 && Character.isLetterOrDigit(c))
                .forEach(c -> prefix.append(Character.toUpperCase((char) c)));
        return prefix.isEmpty() || Character.isDigit(prefix.charAt(0)) ? "API" + prefix : prefix.toString();
    }

    /** The builder's {@code environment(env)}: base URL and credentials from the variables that are set. */
    private MethodSpec environment() {
        String prefix = envPrefix(model.clientName());
        List<String> variables = new ArrayList<>();
        variables.add(Docs.code(prefix + "_BASE_URL") + ": the base URL"
                + (defaultBaseUrl == null ? " (required: the description names none)" : ""));
        MethodSpec.Builder method = MethodSpec.methodBuilder("environment")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(
                        ParameterizedTypeName.get(
                                ClassName.get(Map.class), ClassName.get(String.class), ClassName.get(String.class)),
                        "env")
                .addStatement(
                        "$T.ifSet(env, $L, this::baseUrl)", RuntimeTypes.ENV, Literals.string(prefix + "_BASE_URL"));
        method.addCode(auth.environment(prefix, variables));
        StringBuilder doc = new StringBuilder(
                "Takes what {@code env} (such as {@code System.getenv()}) sets of these variables; those not set, or\n"
                        + "blank, change nothing:\n<ul>\n");
        variables.forEach(v -> doc.append("<li>").append(v).append("\n"));
        doc.append("</ul>\nA credential pair with one half set fails here, naming the missing variable.\n");
        return method.addJavadoc("$L", doc.toString())
                .addStatement("return this")
                .build();
    }

    private TypeSpec builderType() {
        TypeSpec.Builder type = TypeSpec.classBuilder(builder)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Configures a {@link $T}. Not thread-safe; the client it builds is.\n", client);
        FieldSpec.Builder baseUrl = FieldSpec.builder(
                defaultBaseUrl == null ? RuntimeTypes.HTTP_URL.annotated(NULLABLE) : RuntimeTypes.HTTP_URL,
                "baseUrl",
                Modifier.PRIVATE);
        if (defaultBaseUrl != null) {
            baseUrl.initializer("$T.of(DEFAULT_BASE_URL)", RuntimeTypes.BASE_URLS);
        }
        type.addField(baseUrl.build());
        type.addField(RuntimeTypes.OK_HTTP_CLIENT.annotated(NULLABLE), "okHttpClient", Modifier.PRIVATE);
        type.addField(RuntimeTypes.MOSHI.annotated(NULLABLE), "moshi", Modifier.PRIVATE);
        type.addField(TypeName.BOOLEAN, "lenientJson", Modifier.PRIVATE);
        type.addField(FieldSpec.builder(RuntimeTypes.RETRY_POLICY, "retries", Modifier.PRIVATE)
                .initializer("$T.defaults()", RuntimeTypes.RETRY_POLICY)
                .build());
        auth.fields().forEach(type::addField);
        type.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

        type.addMethod(setter(
                "baseUrl",
                ParameterSpec.builder(String.class, "baseUrl").build(),
                CodeBlock.of("this.baseUrl = $T.of(baseUrl)", RuntimeTypes.BASE_URLS),
                "The API's base URL"
                        + (defaultBaseUrl == null
                                ? ": required, the description names no absolute server URL."
                                : ", instead of {@link #DEFAULT_BASE_URL}.")));
        type.addMethod(setter(
                "okHttpClient",
                ParameterSpec.builder(RuntimeTypes.OK_HTTP_CLIENT, "okHttpClient")
                        .build(),
                CodeBlock.of(
                        "this.okHttpClient = $T.requireNonNull(okHttpClient, $S)",
                        java.util.Objects.class,
                        "okHttpClient == null"),
                "The OkHttp client to build on: its connection pool, dispatcher, timeouts and interceptors are used,\n"
                        + "with authentication added. Token requests share its pool, proxy, TLS and timeouts but not its\n"
                        + "interceptors, so a logging interceptor never sees credentials."));
        type.addMethod(setter(
                "moshi",
                ParameterSpec.builder(RuntimeTypes.MOSHI, "moshi").build(),
                CodeBlock.of("this.moshi = $T.requireNonNull(moshi, $S)", java.util.Objects.class, "moshi == null"),
                "The Moshi to read and write JSON with; start from {@link #moshiBuilder()}."));
        type.addMethod(MethodSpec.methodBuilder("lenientJson")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addJavadoc(
                        "Reads JSON leniently, for a server known to break its own description: a missing required\n"
                                + "property or a null where the description allows none reads as null (or zero) instead of\n"
                                + "failing, even where the model says non-null. Not for a Moshi given with\n"
                                + "{@link #moshi(Moshi)}, which decides for itself.\n")
                .addStatement("this.lenientJson = true")
                .addStatement("return this")
                .build());

        type.addMethod(setter(
                "retries",
                ParameterSpec.builder(RuntimeTypes.RETRY_POLICY, "retries").build(),
                CodeBlock.of(
                        "this.retries = $T.requireNonNull(retries, $S)", java.util.Objects.class, "retries == null"),
                "How calls are retried after a connection failure, 408, 429 or 5xx: {@code RetryPolicy.defaults()}"
                        + " (3 attempts,\nbackoff from 500 ms honouring {@code Retry-After}, 30 s in all) unless"
                        + " changed; {@code RetryPolicy.none()} turns\nretries off. Only idempotent methods are"
                        + " retried, and POST or PATCH with an idempotency key. A call's own\n{@code @Tag RetryPolicy}"
                        + " wins."));
        auth.methods().forEach(type::addMethod);
        type.addMethod(environment());

        MethodSpec.Builder build =
                MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC).returns(client);
        if (defaultBaseUrl == null) {
            build.addStatement("$T url = baseUrl", RuntimeTypes.HTTP_URL.annotated(NULLABLE))
                    .beginControlFlow("if (url == null)")
                    .addStatement(
                            "throw new $T($S)",
                            IllegalStateException.class,
                            "baseUrl(...) is required: the description names no absolute server URL")
                    .endControlFlow();
        } else {
            build.addStatement("$T url = baseUrl", RuntimeTypes.HTTP_URL);
        }
        build.addStatement(
                        "$T base = okHttpClient != null ? okHttpClient : new $T()",
                        RuntimeTypes.OK_HTTP_CLIENT,
                        RuntimeTypes.OK_HTTP_CLIENT)
                .addStatement("$T http = base.newBuilder()", RuntimeTypes.OK_HTTP_CLIENT_BUILDER);
        build.addCode(auth.installation("http", "base", "url"));
        build.addStatement("$T.builder().policy(retries).build().applyTo(http)", RuntimeTypes.RETRIES);
        if (sendsCookies()) {
            build.addStatement("$T.applyTo(http)", RuntimeTypes.COOKIE_HEADER);
        }
        build.addStatement(
                        "$T json = moshi != null ? moshi : lenientJson ? new $T().add($T.lenient()).add($T.FACTORY).build()"
                                + " : moshiBuilder().build()",
                        RuntimeTypes.MOSHI,
                        RuntimeTypes.MOSHI_BUILDER,
                        JsonFactoryEmitter.className(common.options()),
                        RuntimeTypes.STANDARD_JSON_ADAPTERS)
                .addStatement(CodeBlock.builder()
                        .add("$T retrofit = new $T.Builder()", RuntimeTypes.RETROFIT, RuntimeTypes.RETROFIT)
                        .indent()
                        .indent()
                        .add("\n.baseUrl(url)")
                        .add("\n.client(http.build())")
                        .add("\n.addConverterFactory($T.create())", RuntimeTypes.PARAMETER_CONVERTERS)
                        .add("\n.addConverterFactory($T.create())", RuntimeTypes.TEXT_CONVERTERS)
                        .add("\n.addConverterFactory($T.create(json))", RuntimeTypes.JSON_CONVERTERS)
                        .add("\n.addConverterFactory($T.create(json))", RuntimeTypes.MOSHI_CONVERTER_FACTORY)
                        .add(
                                streamsEvents()
                                        ? CodeBlock.of(
                                                "\n.addCallAdapterFactory($T.callAdapterFactory(json))",
                                                RuntimeTypes.EVENT_STREAM)
                                        : CodeBlock.of(""))
                        .add("\n.build()")
                        .unindent()
                        .unindent()
                        .build())
                .addStatement("return new $T(retrofit, json)", client);
        type.addMethod(build.build());
        return type.build();
    }

    private boolean linkPaged() {
        return model.services().stream()
                .flatMap(s -> s.operations().stream())
                .anyMatch(op -> op.paging() instanceof dev.retrospec.codegen.model.Paging.Link);
    }

    /** Whether an operation has cookie parameters, which Retrofit sends as a header each: they go out as one. */
    private boolean sendsCookies() {
        return model.services().stream()
                .flatMap(s -> s.operations().stream())
                .flatMap(o -> o.parameters().stream())
                .anyMatch(p -> p.location() == dev.retrospec.codegen.model.Operation.Location.COOKIE);
    }

    private boolean streamsEvents() {
        return model.services().stream()
                .flatMap(s -> s.operations().stream())
                .anyMatch(dev.retrospec.codegen.model.Operation::streamsEvents);
    }

    private MethodSpec setter(String name, ParameterSpec parameter, CodeBlock assignment, String doc) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(parameter)
                .addJavadoc("$L\n", doc)
                .addStatement(assignment)
                .addStatement("return this")
                .build();
    }

    private static boolean isAbsoluteHttp(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute()
                    && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
