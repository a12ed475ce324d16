package dev.retrospec.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import dev.retrospec.codegen.model.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.lang.model.element.Modifier;

/**
 * What the client's builder has for each security scheme it can configure: a field holding the runtime's builder
 * for the scheme, methods to give credentials (or a token source) that delegate to it, and the statement that
 * installs it into the OkHttp client. The logic of each scheme lives in the runtime, not in generated code.
 */
final class AuthEmitter {
    private final ClassName builder;
    /** Schemes the builder can configure: OAuth2 client credentials, HTTP bearer and basic, API keys. */
    private final List<SecurityScheme> configurable;

    AuthEmitter(ClassName builder, List<SecurityScheme> configurable) {
        this.builder = builder;
        this.configurable = List.copyOf(configurable);
    }

    /** The builder's fields, one per scheme. */
    List<FieldSpec> fields() {
        List<FieldSpec> fields = new ArrayList<>();
        for (SecurityScheme scheme : configurable) {
            fields.add(schemeFieldSpec(scheme));
        }
        return fields;
    }

    /** The builder's methods for every scheme. */
    List<MethodSpec> methods() {
        List<MethodSpec> methods = new ArrayList<>();
        for (SecurityScheme scheme : configurable) {
            if (scheme instanceof SecurityScheme.OAuth2ClientCredentials cc) {
                authMethods(methods, cc);
            } else {
                otherAuthMethods(methods, scheme);
            }
        }
        return methods;
    }

    /** Statements of {@code build()} installing each scheme into the OkHttp builder {@code http}. */
    CodeBlock installation(String http, String base, String url) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (SecurityScheme scheme : configurable) {
            if (scheme instanceof SecurityScheme.OAuth2ClientCredentials) {
                code.addStatement("this.$N.installInto($N, $N, $N)", schemeField(scheme), http, base, url);
            } else {
                code.addStatement("this.$N.installInto($N, $N)", schemeField(scheme), http, url);
            }
        }
        return code.build();
    }

    /**
     * Statements of the builder's {@code environment(env)} giving each scheme the credentials the environment holds,
     * through the builder's own methods; {@code variables} gets each variable's name and what it is, for the
     * documentation. Variables are {@code <PREFIX>_CLIENT_ID}, {@code _CLIENT_SECRET}, {@code _TOKEN},
     * {@code _USERNAME}, {@code _PASSWORD} and {@code _API_KEY}, with the scheme's name in between when the client has
     * more than one ({@code <PREFIX>_<SCHEME>_API_KEY}).
     */
    CodeBlock environment(String prefix, List<String> variables) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (SecurityScheme scheme : configurable) {
            String base = configurable.size() > 1 ? prefix + "_" + upperSnake(scheme.javaName()) : prefix;
            String name = Docs.code(scheme.name());
            if (scheme instanceof SecurityScheme.OAuth2ClientCredentials cc) {
                pair(code, variables, base + "_CLIENT_ID", base + "_CLIENT_SECRET", credentialsMethod(cc), name);
            } else if (scheme instanceof SecurityScheme.ApiKey) {
                single(code, variables, base + "_API_KEY", methodName(scheme, "apiKey"), "the API key for " + name);
            } else if (scheme instanceof SecurityScheme.HttpBasic) {
                pair(code, variables, base + "_USERNAME", base + "_PASSWORD", methodName(scheme, "basicAuth"), name);
            } else {
                single(
                        code,
                        variables,
                        base + "_TOKEN",
                        methodName(scheme, "bearerToken"),
                        "a bearer token for " + name);
            }
        }
        return code.build();
    }

    private void single(CodeBlock.Builder code, List<String> variables, String variable, String method, String doc) {
        code.addStatement("$T.ifSet(env, $L, this::$N)", RuntimeTypes.ENV, Literals.string(variable), method);
        variables.add(Docs.code(variable) + ": " + doc);
    }

    private void pair(
            CodeBlock.Builder code, List<String> variables, String first, String second, String method, String name) {
        code.addStatement(
                "$T.ifSet(env, $L, $L, this::$N)",
                RuntimeTypes.ENV,
                Literals.string(first),
                Literals.string(second),
                method);
        variables.add(Docs.code(first) + " and " + Docs.code(second) + ": the credentials for " + name);
    }

    /** {@code microtekAuth} as {@code MICROTEK_AUTH}. */
    static String upperSnake(String javaName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && !Character.isUpperCase(javaName.charAt(i - 1))) {
                out.append('_');
            }
            out.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return out.toString();
    }

    private FieldSpec schemeFieldSpec(SecurityScheme scheme) {
        FieldSpec.Builder field;
        if (scheme instanceof SecurityScheme.OAuth2ClientCredentials cc) {
            String constant = cc.constantName();
            field = FieldSpec.builder(RuntimeTypes.CLIENT_CREDENTIALS_AUTH_BUILDER, schemeField(scheme))
                    .initializer(
                            cc.singleActiveToken()
                                    ? "$T.builder($L, $N, $N)$>$>\n.singleActiveToken(true)$<$<"
                                    : "$T.builder($L, $N, $N)",
                            RuntimeTypes.CLIENT_CREDENTIALS_AUTH,
                            Literals.string(cc.name()),
                            constant + "_TOKEN_URL",
                            constant + "_SCOPES");
        } else if (scheme instanceof SecurityScheme.ApiKey key) {
            field = FieldSpec.builder(RuntimeTypes.API_KEY_AUTH.nestedClass("Builder"), schemeField(scheme))
                    .initializer(
                            "$T.builder($L, $T.In.$L, $L)",
                            RuntimeTypes.API_KEY_AUTH,
                            Literals.string(key.name()),
                            RuntimeTypes.API_KEY_AUTH,
                            key.in().name(),
                            Literals.string(key.parameterName()));
        } else if (scheme instanceof SecurityScheme.HttpBasic) {
            field = FieldSpec.builder(RuntimeTypes.BASIC_AUTH.nestedClass("Builder"), schemeField(scheme))
                    .initializer("$T.builder($L)", RuntimeTypes.BASIC_AUTH, Literals.string(scheme.name()));
        } else {
            field = FieldSpec.builder(RuntimeTypes.BEARER_TOKEN_AUTH.nestedClass("Builder"), schemeField(scheme))
                    .initializer("$T.builder($L)", RuntimeTypes.BEARER_TOKEN_AUTH, Literals.string(scheme.name()));
        }
        return field.addModifiers(Modifier.PRIVATE, Modifier.FINAL).build();
    }

    /** The builder methods for an HTTP bearer, HTTP basic or API key scheme. */
    private void otherAuthMethods(List<MethodSpec> type, SecurityScheme scheme) {
        String field = schemeField(scheme);
        String name = Docs.code(scheme.name());
        if (scheme instanceof SecurityScheme.ApiKey key) {
            type.add(MethodSpec.methodBuilder(methodName(scheme, "apiKey"))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builder)
                    .addParameter(String.class, "key")
                    .addJavadoc(
                            "The API key for $L, sent as the $L $L.\n",
                            name,
                            key.in().name().toLowerCase(java.util.Locale.ROOT),
                            Docs.code(key.parameterName()))
                    .addStatement("$N.key(key)", field)
                    .addStatement("return this")
                    .build());
            type.add(MethodSpec.methodBuilder(methodName(scheme, "apiKey"))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builder)
                    .addParameter(ParameterizedTypeName.get(java.util.function.Supplier.class, String.class), "key")
                    .addJavadoc("The API key for $L, asked for on every request: for keys that rotate.\n", name)
                    .addStatement("$N.key(key)", field)
                    .addStatement("return this")
                    .build());
        } else if (scheme instanceof SecurityScheme.HttpBasic) {
            type.add(MethodSpec.methodBuilder(methodName(scheme, "basicAuth"))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builder)
                    .addParameter(String.class, "username")
                    .addParameter(String.class, "password")
                    .addJavadoc("HTTP basic credentials for $L.\n", name)
                    .addStatement("$N.credentials(username, password)", field)
                    .addStatement("return this")
                    .build());
        } else {
            type.add(MethodSpec.methodBuilder(methodName(scheme, "bearerToken"))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builder)
                    .addParameter(String.class, "token")
                    .addJavadoc(
                            "A bearer token for $L (a personal access token, say), valid until the server rejects"
                                    + " it.\n",
                            name)
                    .addStatement("$N.token(token)", field)
                    .addStatement("return this")
                    .build());
            type.add(delegate(
                    methodName(scheme, "bearerTokenProvider"),
                    ParameterSpec.builder(RuntimeTypes.TOKEN_PROVIDER, "tokenProvider")
                            .build(),
                    field,
                    "tokenProvider",
                    "Bearer tokens for " + name + " from {@code tokenProvider}, with the runtime's lifecycle."));
        }
    }

    /** The builder method for {@code suffix} of {@code scheme}, as the model names it. */
    private String methodName(SecurityScheme scheme, String suffix) {
        return SecurityScheme.builderMethod(scheme.javaName(), suffix, configurable.size() > 1);
    }

    private void authMethods(List<MethodSpec> type, SecurityScheme.OAuth2ClientCredentials scheme) {
        String field = schemeField(scheme);
        String name = Docs.code(scheme.name());
        type.add(MethodSpec.methodBuilder(credentialsMethod(scheme))
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(String.class, "clientId")
                .addParameter(String.class, "clientSecret")
                .addJavadoc(
                        "Authenticates with OAuth2 client credentials ($L): one token, fetched from the\n"
                                + "token URL when first needed, shared by every thread, refreshed before it expires and after\n"
                                + "the server rejects it.\n",
                        name)
                .addStatement("$N.clientCredentials(clientId, clientSecret)", field)
                .addStatement("return this")
                .build());
        type.add(delegate(
                methodName(scheme, "tokenProvider"),
                ParameterSpec.builder(RuntimeTypes.TOKEN_PROVIDER, "tokenProvider")
                        .build(),
                field,
                "tokenProvider",
                "Gets " + name + " tokens from {@code tokenProvider} instead of the standard\n"
                        + "client-credentials request; the token lifecycle (single-flight, expiry, refresh) stays the\n"
                        + "runtime's."));
        type.add(delegate(
                methodName(scheme, "tokenManager"),
                ParameterSpec.builder(RuntimeTypes.TOKEN_MANAGER, "tokenManager")
                        .build(),
                field,
                "tokenManager",
                "Uses a token manager of your own for " + name + ", for example one several clients share."));
        type.add(delegate(
                methodName(scheme, "tokenListener"),
                ParameterSpec.builder(RuntimeTypes.TOKEN_LISTENER, "listener").build(),
                field,
                "listener",
                "Hears token acquisitions, failures and invalidations (never the tokens), for metrics and logs."));
        type.add(delegate(
                methodName(scheme, "tokenStore"),
                ParameterSpec.builder(RuntimeTypes.TOKEN_STORE, "tokenStore").build(),
                field,
                "tokenStore",
                "Shares " + name + " tokens with every other instance of this client that uses the same store\n"
                        + "(a {@code RedisTokenStore} from {@code retrospec-runtime-redis}, say): one token for the\n"
                        + "fleet, fetched by one instance at a time"
                        + (scheme.singleActiveToken()
                                ? ", which is what this API's one-active-token provider needs when\nmore than one"
                                        + " process runs the client."
                                : ".")));
        type.add(MethodSpec.methodBuilder(field)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(
                        ParameterizedTypeName.get(
                                ClassName.get(Consumer.class), RuntimeTypes.CLIENT_CREDENTIALS_AUTH_BUILDER),
                        "configure")
                .addJavadoc(
                        "Changes anything else about $L: token URL, scopes, client authentication\n"
                                + "method, refresh margin.\n",
                        name)
                .addStatement("configure.accept($N)", field)
                .addStatement("return this")
                .build());
    }

    private MethodSpec delegate(String method, ParameterSpec parameter, String field, String target, String doc) {
        return MethodSpec.methodBuilder(method)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(parameter)
                .addJavadoc("$L\n", doc)
                .addStatement("$N.$N($N)", field, target, parameter)
                .addStatement("return this")
                .build();
    }

    String credentialsMethod(SecurityScheme.OAuth2ClientCredentials scheme) {
        return methodName(scheme, "clientCredentials");
    }

    private static String schemeField(SecurityScheme scheme) {
        return scheme.javaName();
    }
}
