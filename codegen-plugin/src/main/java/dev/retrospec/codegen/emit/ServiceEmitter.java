package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.Body;
import dev.retrospec.codegen.model.Body.Field;
import dev.retrospec.codegen.model.Names;
import dev.retrospec.codegen.model.Operation;
import dev.retrospec.codegen.model.Operation.Parameter;
import dev.retrospec.codegen.model.Operation.Response;
import dev.retrospec.codegen.model.Service;
import dev.retrospec.codegen.model.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/** A Retrofit interface per service. */
final class ServiceEmitter {
    private static final Set<String> RETROFIT_METHODS =
            Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final JavaTypes types;
    private final Emitter.Common common;
    private final ApiModel model;

    ServiceEmitter(JavaTypes types, Emitter.Common common, ApiModel model) {
        this.types = types;
        this.common = common;
        this.model = model;
    }

    TypeSpec emit(Service service) {
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(service.name()).addModifiers(Modifier.PUBLIC);
        common.decorate(type);
        if (common.deprecations().namedByAny(service.operations())) {
            type.addAnnotation(Deprecations.SUPPRESS);
        }
        String description = Docs.paragraphs(service.description());
        type.addJavadoc(
                "$L", description.isEmpty() ? "Operations tagged " + Docs.code(service.tag()) + "." : description);
        type.addJavadoc(
                "\n<p>Get an instance from {@link $T#$L()}.\n",
                ClassName.get(common.options().basePackage(), model.clientName()),
                service.accessor());
        Set<String> nestedNames = new HashSet<>();
        for (Operation operation : service.operations()) {
            MethodSpec method = method(operation, true);
            type.addMethod(method);
            if (optionalValueBody(operation)) {
                type.addMethod(method(operation, false)); // Retrofit refuses a null @Body: a method without it
            }
            ClassName params = null;
            if (operation.optionalParameters().size() >= PARAMETER_OBJECT_THRESHOLD) {
                params = paramsClass(service.name(), operation, nestedNames);
                parameterObject(type, params, operation, method);
            }
            if (operation.paging() != null && common.options().callStyle() == EmitOptions.CallStyle.CALL) {
                new PagingEmitter(types, common, model).emit(type, operation, method, params);
            }
        }
        return type.build();
    }

    /**
     * The record of an operation's optional parameters, {@code <Operation>Params} nested in its interface, shortened
     * by {@link Names#nestedTypeName} so that its class file ({@code XApi$ListForRepoParams.class}, with room left
     * for one more nested type) keeps a name file systems accept ({@code Params} is kept), and numbered if a
     * shortened name meets another.
     */
    private ClassName paramsClass(String service, Operation op, Set<String> taken) {
        String wanted =
                Character.toUpperCase(op.javaName().charAt(0)) + op.javaName().substring(1);
        String name = Names.unique(Names.nestedTypeName(service, wanted, "Params$Builder") + "Params", taken);
        return ClassName.get(common.options().apiPackage(), service).nestedClass(name);
    }

    /** Optional parameters from which an operation also takes them as one object with a builder: more than four. */
    static final int PARAMETER_OBJECT_THRESHOLD = 5;

    /**
     * For an operation with many optional parameters: an immutable record of them with copying setters, nested in the
     * interface, and a default method beside the Retrofit one that takes the record instead, so that a call names
     * what it sets ({@code listForRepo("o", "r", ListForRepoParams.builder().state(OPEN).build())}) and Retrofit still
     * makes it.
     */
    private void parameterObject(TypeSpec.Builder type, ClassName params, Operation op, MethodSpec method) {
        int required = method.parameters().size() - op.optionalParameters().size();
        List<ParameterSpec> optional =
                method.parameters().subList(required, method.parameters().size());
        String simpleName = params.simpleName();
        // A parameter named like the factory or the end of the chain keeps its accessor; they give way.
        Set<String> names = new HashSet<>();
        optional.forEach(parameter -> names.add(parameter.name()));
        String factory = Names.unique("builder", names);
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        TypeSpec.Builder record = TypeSpec.recordBuilder(params)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc(
                        "The optional parameters of {@link #$L}, set by name:\n{@code $L.$L()...$L}; what is"
                                + " not set is not sent. Immutable: each setter returns a copy.\n",
                        op.javaName(),
                        simpleName,
                        factory,
                        names.contains("build") ? "" : "build()");
        CodeBlock.Builder none = CodeBlock.builder();
        CodeBlock.Builder call = CodeBlock.builder();
        for (int i = 0; i < required; i++) {
            call.add("$N,$W", method.parameters().get(i).name());
        }
        List<MethodSpec> setters = new ArrayList<>();
        for (int i = 0; i < optional.size(); i++) {
            ParameterSpec parameter = optional.get(i);
            ParameterSpec plain = ParameterSpec.builder(
                            isDeepObject(parameter)
                                    ? RuntimeTypes.DEEP_OBJECT.annotated(nullableAnnotation())
                                    : parameter.type(),
                            parameter.name())
                    .build();
            constructor.addParameter(plain);
            CodeBlock.Builder copy = CodeBlock.builder();
            for (int j = 0; j < optional.size(); j++) {
                copy.add(j == 0 ? "$N" : ",$W$N", optional.get(j).name()); // the parameter shadows its field
            }
            setters.add(MethodSpec.methodBuilder(parameter.name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(params)
                    .addParameter(plain)
                    .addStatement("return new $T($L)", params, copy.build())
                    .build());
            none.add(i == 0 ? "null" : ",$Wnull");
            call.add(i == 0 ? "$L" : ",$W$L", fromParams(parameter));
        }
        record.recordConstructor(constructor.build())
                .addMethod(MethodSpec.methodBuilder(factory)
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(params)
                        .addJavadoc("No parameter set yet.\n")
                        .addStatement("return new $T($L)", params, none.build())
                        .build())
                .addMethods(setters);
        if (!names.contains("build")) {
            record.addMethod(MethodSpec.methodBuilder("build")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(params)
                    .addJavadoc("Ends a chain of setters: the parameters are already built.\n")
                    .addStatement("return this")
                    .build());
        }
        type.addType(record.build());
        MethodSpec.Builder overload = MethodSpec.methodBuilder(op.javaName())
                .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                .returns(method.returnType())
                .addJavadoc("{@link #$L} with its optional parameters set by name.\n", op.javaName());
        if (op.deprecated()) {
            overload.addAnnotation(Deprecated.class);
        }
        for (int i = 0; i < required; i++) {
            ParameterSpec parameter = method.parameters().get(i);
            overload.addParameter(
                    ParameterSpec.builder(parameter.type(), parameter.name()).build());
        }
        type.addMethod(overload.addParameter(params, "params")
                .addStatement("return $N($L)", op.javaName(), call.build())
                .build());
    }

    /** Whether the body is one value the description lets the caller leave out. */
    private static boolean optionalValueBody(Operation op) {
        Body body = op.body();
        return body != null && !body.required() && !(body instanceof Body.Form) && !(body instanceof Body.Multipart);
    }

    /** The Retrofit method of {@code op}; {@code withBody} false for the one that leaves out an optional body. */
    private MethodSpec method(Operation op, boolean withBody) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(op.javaName())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(
                        op.streamsEvents()
                                ? ParameterizedTypeName.get(RuntimeTypes.EVENT_STREAM, eventType(op.success()))
                                : ParameterizedTypeName.get(
                                        common.options().callStyle() == EmitOptions.CallStyle.CALL
                                                ? RuntimeTypes.CALL
                                                : RuntimeTypes.COMPLETABLE_FUTURE,
                                        responseType(op.success())));
        CodeBlock.Builder doc = CodeBlock.builder();
        String text = Docs.paragraphs(op.summary(), op.description());
        if (!withBody) {
            doc.add("{@link #$L} without its optional body.\n<p>", op.javaName());
        } else if (!text.isEmpty()) {
            doc.add("$L\n<p>", text);
        }
        String endpoint = Docs.code(op.method() + " /" + op.path());
        // The endpoint, what it returns, fails with and answers in headers: packed onto as few lines as fit.
        List<CodeBlock> facts = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        TypeRef returned = op.success().type();
        if (returned instanceof TypeRef.ListOf list && list.element() instanceof TypeRef.Named element) {
            facts.add(CodeBlock.of(
                    "Returns a list of {@link $T}.",
                    ClassName.get(common.options().modelPackage(), element.name())));
            widths.add(element.name().length() + 28);
        } else if (returned instanceof TypeRef.Named named) {
            facts.add(CodeBlock.of(
                    "Returns {@link $T}.", ClassName.get(common.options().modelPackage(), named.name())));
            widths.add(named.name().length() + 18);
        }
        CodeBlock errors = errorDoc(op.errors());
        if (!errors.isEmpty()) {
            facts.add(CodeBlock.of("Errors: $L.", errors));
            widths.add(errors.toString().length() + 9);
        }
        for (Operation.Header header : op.success().headers()) {
            String fact = "Response header " + Docs.code(header.name())
                    + (header.description() == null ? "." : ": " + Docs.inline(header.description()));
            facts.add(CodeBlock.of("$L", fact));
            widths.add(fact.length());
        }
        doc.add("$L", endpoint);
        int line = endpoint.length();
        for (int i = 0; i < facts.size(); i++) {
            if (line + 1 + widths.get(i) <= Docs.WIDTH) {
                doc.add(" $L", facts.get(i));
                line += 1 + widths.get(i);
            } else {
                doc.add("\n$L", facts.get(i));
                line = widths.get(i);
            }
        }
        doc.add("\n");

        Body body = withBody ? op.body() : null;
        httpAnnotation(method, op, body);
        if (op.success().type() instanceof TypeRef.Primitive p && p.kind() == TypeRef.Kind.BINARY) {
            method.addAnnotation(RuntimeTypes.STREAMING);
        }
        if (op.streamsEvents()) {
            method.addAnnotation(RuntimeTypes.STREAMING); // events as they come: EventStream reads them
        } else if (op.success().isText() || body instanceof Body.Text) {
            method.addAnnotation(RuntimeTypes.PLAIN_TEXT);
        }
        List<String> security = op.security();
        if (security != null && !Set.copyOf(security).equals(Set.copyOf(model.defaultSecurity()))) {
            AnnotationSpec.Builder auth = AnnotationSpec.builder(RuntimeTypes.AUTH);
            if (security.isEmpty()) {
                auth.addMember("value", "{}");
            }
            security.forEach(scheme -> auth.addMember("value", "$L", Literals.string(scheme)));
            method.addAnnotation(auth.build());
        }
        if (op.deprecated()) {
            method.addAnnotation(Deprecated.class);
        }
        String key = op.idempotencyKey();
        if (key != null) {
            AnnotationSpec.Builder idempotent = AnnotationSpec.builder(RuntimeTypes.IDEMPOTENCY_KEY);
            if (!key.equals("Idempotency-Key")) {
                idempotent.addMember("value", "$L", Literals.string(key));
            }
            method.addAnnotation(idempotent.build());
        }
        errorTypes(method, op.errors());

        CodeBlock.Builder tags = CodeBlock.builder();
        for (Parameter parameter : op.requiredParameters()) {
            addParameter(method, tags, parameter);
        }
        if (body != null) {
            addBody(method, tags, body);
        }
        for (Parameter parameter : op.optionalParameters()) {
            addParameter(method, tags, parameter);
        }
        if (op.deprecated()) {
            tags.add("@deprecated The API marks this operation as deprecated.\n");
        }
        if (!tags.isEmpty()) {
            doc.add("\n").add(tags.build());
        }
        return method.addJavadoc(doc.build()).build();
    }

    private void httpAnnotation(MethodSpec.Builder method, Operation op, @Nullable Body body) {
        boolean hasBody = body != null;
        // Retrofit's own annotations take a body on POST, PUT and PATCH only; DELETE or OPTIONS with one is @HTTP.
        if (RETROFIT_METHODS.contains(op.method()) && (!hasBody || BODY_METHODS.contains(op.method()))) {
            method.addAnnotation(AnnotationSpec.builder(ClassName.get("retrofit2.http", op.method()))
                    .addMember("value", "$L", Literals.string(op.path()))
                    .build());
        } else {
            method.addAnnotation(AnnotationSpec.builder(RuntimeTypes.HTTP_METHOD)
                    .addMember("method", "$L", Literals.string(op.method()))
                    .addMember("path", "$L", Literals.string(op.path()))
                    .addMember("hasBody", "$L", hasBody)
                    .build());
        }
        if (body instanceof Body.Form) {
            method.addAnnotation(RuntimeTypes.FORM_URL_ENCODED);
        } else if (body instanceof Body.Multipart) {
            method.addAnnotation(RuntimeTypes.MULTIPART);
        }
    }

    private void addParameter(MethodSpec.Builder method, CodeBlock.Builder doc, Parameter parameter) {
        boolean nullable = !parameter.required();
        TypeName type = types.parameter(parameter.type(), nullable);
        List<AnnotationSpec> annotations = new ArrayList<>();
        if (parameter.style() == Operation.Style.DEEP_OBJECT) {
            // Never null, even when optional: Retrofit refuses a null @QueryMap. DeepObject.none() sends nothing.
            annotations.add(AnnotationSpec.builder(RuntimeTypes.QUERY_MAP).build());
            type = RuntimeTypes.DEEP_OBJECT;
        } else {
            ClassName annotation = switch (parameter.location()) {
                case PATH -> RuntimeTypes.PATH;
                case QUERY -> RuntimeTypes.QUERY;
                case HEADER, COOKIE -> RuntimeTypes.HEADER;
            };
            annotations.add(AnnotationSpec.builder(annotation)
                    .addMember(
                            "value",
                            "$L",
                            Literals.string(
                                    parameter.location() == Operation.Location.COOKIE
                                            ? "Cookie"
                                            : parameter.wireName()))
                    .build());
            if (parameter.location() == Operation.Location.COOKIE) {
                annotations.add(AnnotationSpec.builder(RuntimeTypes.COOKIE)
                        .addMember("value", "$L", Literals.string(parameter.wireName()))
                        .build());
            }
            if (parameter.style() != Operation.Style.PLAIN && parameter.type() instanceof TypeRef.ListOf list) {
                TypeName element = types.constants(list.element());
                TypeName delimited = ParameterizedTypeName.get(
                        RuntimeTypes.DELIMITED, element != null ? element : types.boxed(list.element()));
                type = nullable ? delimited.annotated(nullableAnnotation()) : delimited;
            }
        }
        method.addParameter(ParameterSpec.builder(type, parameter.javaName())
                .addAnnotations(annotations)
                .build());
        String description = parameter.description() == null ? "" : parameter.description();
        String style = switch (parameter.style()) {
            case CSV -> " Sent comma-separated: {@code Delimited.csv(...)}.";
            case SPACES -> " Sent space-separated: {@code Delimited.spaces(...)}.";
            case PIPES -> " Sent pipe-separated: {@code Delimited.pipes(...)}.";
            case DEEP_OBJECT ->
                " Sent as " + Docs.code(parameter.wireName() + "[key]=value") + ": "
                        + Docs.code("DeepObject.of(\"" + parameter.wireName() + "\", map)")
                        + (parameter.required() ? "." : ", or " + Docs.code("DeepObject.none()") + " for none.");
            case PLAIN -> "";
        };
        String defaults =
                parameter.defaultValue() == null ? "" : " Default: " + Docs.code(parameter.defaultValue()) + ".";
        paramDoc(doc, parameter.javaName(), (Docs.inline(description) + style + defaults).strip(), false);
    }

    /**
     * Whether a parameter of the Retrofit method is a {@code deepObject} one: never null there, nullable in a parameter
     * object.
     */
    static boolean isDeepObject(ParameterSpec parameter) {
        return parameter.type().equals(RuntimeTypes.DEEP_OBJECT);
    }

    /** The argument of the Retrofit method that a parameter object's field gives. */
    static CodeBlock fromParams(ParameterSpec parameter) {
        return isDeepObject(parameter)
                ? CodeBlock.of("$T.orNone(params.$N())", RuntimeTypes.DEEP_OBJECT, parameter.name())
                : CodeBlock.of("params.$N()", parameter.name());
    }

    private void addBody(MethodSpec.Builder method, CodeBlock.Builder doc, Body body) {
        if (body instanceof Body.Form form) {
            addFields(method, doc, form.fields(), false);
        } else if (body instanceof Body.Multipart multipart) {
            addFields(method, doc, multipart.fields(), true);
        } else if (body instanceof Body.Json json) {
            TypeName type = isBinary(json.type()) ? RuntimeTypes.REQUEST_BODY : types.boxed(json.type());
            addValueBody(method, doc, body, json.javaName(), type);
        } else if (body instanceof Body.Binary binary) {
            addValueBody(method, doc, body, binary.javaName(), RuntimeTypes.REQUEST_BODY);
        } else if (body instanceof Body.Text text) {
            addValueBody(method, doc, body, text.javaName(), ClassName.get(String.class));
        }
    }

    /**
     * A body sent as one value. Retrofit refuses a null @Body: an optional body is non-null here, and the operation has
     * a second method without it.
     */
    private static void addValueBody(
            MethodSpec.Builder method, CodeBlock.Builder doc, Body body, String javaName, TypeName javaType) {
        method.addParameter(ParameterSpec.builder(javaType, javaName)
                .addAnnotation(RuntimeTypes.BODY)
                .build());
        paramDoc(
                doc,
                javaName,
                (body.description() != null ? body.description() : "the " + body.mediaType() + " body")
                        + (body.required() ? "" : " (optional: the method without it sends none)"),
                true);
    }

    /** Form fields ({@code @Field}) or multipart parts ({@code @Part}), files as {@code MultipartBody.Part}. */
    private void addFields(MethodSpec.Builder method, CodeBlock.Builder doc, List<Field> fields, boolean multipart) {
        for (Field field : fields) {
            boolean nullable = !field.required();
            ClassName annotation = multipart ? RuntimeTypes.PART : RuntimeTypes.FIELD;
            TypeName type = types.parameter(field.type(), nullable);
            String fileDoc = "";
            boolean file = multipart && isBinary(field.type());
            boolean files = multipart && field.type() instanceof TypeRef.ListOf list && isBinary(list.element());
            if (file || files) {
                // A file part carries its own name, file name and content type: MultipartBody.Part.createFormData.
                TypeName part = files
                        ? ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.MULTIPART_PART)
                        : RuntimeTypes.MULTIPART_PART;
                type = nullable ? part.annotated(nullableAnnotation()) : part;
                fileDoc = Docs.code("MultipartBody.Part.createFormData(\"" + field.wireName() + "\", fileName, body)")
                        + (files ? " for each file" : "");
                method.addParameter(ParameterSpec.builder(type, field.javaName())
                        .addAnnotation(RuntimeTypes.PART)
                        .build());
            } else {
                method.addParameter(ParameterSpec.builder(type, field.javaName())
                        .addAnnotation(AnnotationSpec.builder(annotation)
                                .addMember("value", "$L", Literals.string(field.wireName()))
                                .build())
                        .build());
            }
            String text = field.description() == null ? "" : Docs.inline(field.description());
            paramDoc(
                    doc,
                    field.javaName(),
                    (text + (fileDoc.isEmpty() ? "" : (text.isEmpty() ? "" : " ") + "A file: " + fileDoc + "."))
                            .strip(),
                    false);
        }
    }

    private static void paramDoc(CodeBlock.Builder doc, String name, @Nullable String description, boolean escape) {
        if (description != null && !description.isBlank()) {
            doc.add("$L\n", Docs.wrapped("@param " + name + " " + (escape ? Docs.inline(description) : description)));
        }
    }

    private static AnnotationSpec nullableAnnotation() {
        return AnnotationSpec.builder(RuntimeTypes.NULLABLE).build();
    }

    /** The type of an event's data: what the event stream's schema says, else text. */
    private TypeName eventType(Response response) {
        TypeRef type = response.type();
        return type == null || isBinary(type) ? ClassName.get(String.class) : types.boxed(type);
    }

    private TypeName responseType(Response response) {
        TypeRef type = response.type();
        if (type == null) {
            return ClassName.get(Void.class);
        }
        if (isBinary(type)) {
            return RuntimeTypes.RESPONSE_BODY;
        }
        return types.boxed(type);
    }

    /** {@code @ErrorType} per declared error body, for the typed exceptions of {@code ApiCalls}. */
    private void errorTypes(MethodSpec.Builder method, List<Response> errors) {
        Set<String> seen = new HashSet<>();
        for (Response error : errors) {
            if (error.type() instanceof TypeRef.Named named
                    && seen.add(error.status())
                    && !named.name().equals(common.sharedErrors().get(error.status()))) {
                method.addAnnotation(AnnotationSpec.builder(RuntimeTypes.ERROR_TYPE)
                        .addMember("status", "$L", Literals.string(error.status()))
                        .addMember(
                                "type",
                                "$T.class",
                                ClassName.get(common.options().modelPackage(), named.name()))
                        .build());
            }
        }
    }

    private CodeBlock errorDoc(List<Response> errors) {
        List<CodeBlock> parts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Response error : errors) {
            if (!seen.add(error.status())) {
                continue;
            }
            if (error.type() instanceof TypeRef.Named named) {
                parts.add(CodeBlock.of(
                        "$L {@link $T}",
                        Docs.plain(error.status()),
                        ClassName.get(common.options().modelPackage(), named.name())));
            } else {
                parts.add(CodeBlock.of("$L", Docs.plain(error.status())));
            }
        }
        return CodeBlock.join(parts, ", ");
    }

    private static boolean isBinary(TypeRef type) {
        return type instanceof TypeRef.Primitive p && p.kind() == TypeRef.Kind.BINARY;
    }
}
