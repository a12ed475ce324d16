package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.load.Problem;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        components.getSecuritySchemes().forEach((name, scheme) -> {
            if (scheme == null) {
                return;
            }
            SecurityScheme translated = scheme(name, scheme, Pointers.child("#/components/securitySchemes", name));
            if (translated != null) {
                schemes.add(translated);
            }
        });
        return schemes;
    }

    private @Nullable SecurityScheme scheme(
            String name, io.swagger.v3.oas.models.security.SecurityScheme scheme, String pointer) {
        io.swagger.v3.oas.models.security.SecurityScheme.Type type = scheme.getType();
        String description = scheme.getDescription();
        OAuthFlow flow = scheme.getFlows() == null ? null : scheme.getFlows().getClientCredentials();
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.OAUTH2 && flow != null) {
            if (flow.getTokenUrl() == null || flow.getTokenUrl().isBlank()) {
                context.error(
                        Problem.Kind.INVALID_TOKEN_URL,
                        Pointers.child(Pointers.child(pointer, "flows"), "clientCredentials"),
                        "clientCredentials flow without a tokenUrl");
                return null;
            }
            List<String> scopes = flow.getScopes() == null
                    ? List.of()
                    : List.copyOf(flow.getScopes().keySet());
            return new SecurityScheme.OAuth2ClientCredentials(
                    name, description, servers.resolveAgainstServer(flow.getTokenUrl()), scopes);
        }
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP
                && "bearer".equalsIgnoreCase(scheme.getScheme())) {
            return new SecurityScheme.HttpBearer(name, description);
        }
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP
                && "basic".equalsIgnoreCase(scheme.getScheme())) {
            return new SecurityScheme.HttpBasic(name, description);
        }
        if (type == io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY
                && scheme.getIn() != null
                && scheme.getName() != null) {
            SecurityScheme.Location in = switch (scheme.getIn()) {
                case HEADER -> SecurityScheme.Location.HEADER;
                case QUERY -> SecurityScheme.Location.QUERY;
                case COOKIE -> SecurityScheme.Location.COOKIE;
            };
            return new SecurityScheme.ApiKey(name, description, in, scheme.getName());
        }
        context.warning(
                Problem.Kind.UNSUPPORTED_SECURITY_SCHEME,
                pointer,
                "security scheme '" + name + "' (" + type
                        + ") is not supported: configure its credentials with your own OkHttp interceptor");
        return new SecurityScheme.Unsupported(
                name, description, String.valueOf(type).toLowerCase(Locale.ROOT));
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
