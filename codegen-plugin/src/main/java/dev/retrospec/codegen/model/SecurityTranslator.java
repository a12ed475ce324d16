package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code components.securitySchemes} to what the client's builder configures: OAuth2 client credentials, HTTP
 * bearer and basic, API keys; any other scheme is kept as unsupported, with a warning.
 */
final class SecurityTranslator {
    private final ModelContext context;
    private final ServerTranslator servers;

    SecurityTranslator(ModelContext context, ServerTranslator servers) {
        this.context = context;
        this.servers = servers;
    }

    List<SecurityScheme> schemes() {
        List<SecurityScheme> schemes = new ArrayList<>();
        Components components = context.api().getComponents();
        if (components == null || components.getSecuritySchemes() == null) {
            return schemes;
        }
        Map<String, io.swagger.v3.oas.models.security.SecurityScheme> declared = new LinkedHashMap<>();
        components.getSecuritySchemes().forEach((name, scheme) -> {
            if (scheme != null) {
                declared.put(name, scheme);
            }
        });
        boolean several = declared.values().stream()
                        .filter(SecurityTranslator::isConfigurable)
                        .count()
                > 1;
        Set<String> taken = new HashSet<>(ClientNames.BUILDER_MEMBERS);
        taken.addAll(ClientNames.OBJECT_METHODS);
        declared.forEach((name, scheme) -> {
            String pointer = Pointers.child("#/components/securitySchemes", name);
            context.literal(name, pointer);
            SecurityScheme translated = scheme(name, scheme, pointer, context.memberName(name), false);
            if (translated == null) {
                scheme(name, scheme, pointer, context.memberName(name), true); // to report why
                return;
            }
            String javaName = javaName(translated, several, taken, pointer);
            schemes.add(scheme(name, scheme, pointer, javaName, true));
        });
        return schemes;
    }

    /** What the generated builder can configure (everything but {@link SecurityScheme.Unsupported}). */
    private static boolean isConfigurable(io.swagger.v3.oas.models.security.SecurityScheme scheme) {
        io.swagger.v3.oas.models.security.SecurityScheme.Type type = scheme.getType();
        return type == io.swagger.v3.oas.models.security.SecurityScheme.Type.OAUTH2
                        && scheme.getFlows() != null
                        && scheme.getFlows().getClientCredentials() != null
                || type == io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP
                        && ("bearer".equalsIgnoreCase(scheme.getScheme())
                                || "basic".equalsIgnoreCase(scheme.getScheme()))
                || type == io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY
                        && scheme.getIn() != null
                        && scheme.getName() != null;
    }

    /**
     * The scheme's Java name: its name as a member name, unless that or one of the builder methods it makes is taken
     * (by the builder itself, or by another scheme), in which case {@code Auth} and then a number are added.
     */
    private String javaName(SecurityScheme scheme, boolean several, Set<String> taken, String pointer) {
        String base = context.memberName(scheme.name());
        if (scheme instanceof SecurityScheme.Unsupported) {
            return base; // nothing of it is generated
        }
        String candidate = base;
        for (int n = 1; ; n++) {
            Set<String> members = new LinkedHashSet<>();
            members.add(candidate);
            members.add(Names.constantName(candidate));
            for (String suffix : scheme.methodSuffixes()) {
                members.add(SecurityScheme.builderMethod(candidate, suffix, several));
            }
            if (members.stream().noneMatch(taken::contains)) {
                taken.addAll(members);
                break;
            }
            candidate = base + "Auth" + (n == 1 ? "" : Integer.toString(n));
        }
        if (!candidate.equals(base)) {
            context.renamed(
                    pointer,
                    "security scheme '" + scheme.name() + "' is '" + candidate + "' in the client's builder: '" + base
                            + "' is taken by the builder or another scheme");
        }
        return candidate;
    }

    /**
     * The scheme as the client sees it, named {@code javaName}; null if it cannot be used at all. Problems are reported
     * when {@code report} is set (the first, naming pass leaves them to the second).
     */
    private @Nullable SecurityScheme scheme(
            String name,
            io.swagger.v3.oas.models.security.SecurityScheme scheme,
            String pointer,
            String javaName,
            boolean report) {
        io.swagger.v3.oas.models.security.SecurityScheme.Type type = scheme.getType();
        String description = scheme.getDescription();
        OAuthFlow flow = scheme.getFlows() == null ? null : scheme.getFlows().getClientCredentials();
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.OAUTH2 && flow != null) {
            String flowPointer = Pointers.child(Pointers.child(pointer, "flows"), "clientCredentials");
            String tokenUrl = servers.tokenUrl(flow.getTokenUrl(), Pointers.child(flowPointer, "tokenUrl"), report);
            if (tokenUrl == null) {
                return null;
            }
            List<String> scopes = flow.getScopes() == null
                    ? List.of()
                    : List.copyOf(flow.getScopes().keySet());
            if (report) {
                scopes.forEach(scope -> context.literal(scope, Pointers.child(flowPointer, "scopes")));
            }
            return new SecurityScheme.OAuth2ClientCredentials(
                    name, javaName, description, tokenUrl, scopes, singleActiveToken(scheme, pointer, report));
        }
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP
                && "bearer".equalsIgnoreCase(scheme.getScheme())) {
            return new SecurityScheme.HttpBearer(name, javaName, description);
        }
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP
                && "basic".equalsIgnoreCase(scheme.getScheme())) {
            return new SecurityScheme.HttpBasic(name, javaName, description);
        }
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY
                && scheme.getIn() != null
                && scheme.getName() != null) {
            SecurityScheme.Location in = switch (scheme.getIn()) {
                case HEADER -> SecurityScheme.Location.HEADER;
                case QUERY -> SecurityScheme.Location.QUERY;
                case COOKIE -> SecurityScheme.Location.COOKIE;
            };
            if (report) {
                context.literal(scheme.getName(), Pointers.child(pointer, "name"));
            }
            return new SecurityScheme.ApiKey(name, javaName, description, in, scheme.getName());
        }
        if (report) {
            context.warning(
                    Problem.Kind.UNSUPPORTED_SECURITY_SCHEME,
                    pointer,
                    "security scheme '" + name + "' (" + type
                            + ") is not supported: configure its credentials with your own OkHttp interceptor");
        }
        return new SecurityScheme.Unsupported(
                name, javaName, description, String.valueOf(type).toLowerCase(Locale.ROOT));
    }

    /** The vendor extension that says the provider keeps one active token per client. */
    static final String TOKEN_POLICY = "x-retrospec-token-policy";

    private boolean singleActiveToken(
            io.swagger.v3.oas.models.security.SecurityScheme scheme, String pointer, boolean report) {
        Object policy =
                scheme.getExtensions() == null ? null : scheme.getExtensions().get(TOKEN_POLICY);
        if (policy == null) {
            return false;
        }
        if ("single-active".equals(policy)) {
            return true;
        }
        if (report) {
            context.warning(
                    Problem.Kind.UNSUPPORTED,
                    Pointers.child(pointer, TOKEN_POLICY),
                    TOKEN_POLICY + " '" + policy + "' is not one Retrospec knows: 'single-active' is; ignoring it");
        }
        return false;
    }

    /** The scheme names of every alternative in a security list, in order, without repeats. */
    static List<String> flatten(@Nullable List<SecurityRequirement> requirements) {
        if (requirements == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        requirements.forEach(requirement -> {
            if (requirement != null) {
                names.addAll(requirement.keySet());
            }
        });
        return List.copyOf(names);
    }
}
