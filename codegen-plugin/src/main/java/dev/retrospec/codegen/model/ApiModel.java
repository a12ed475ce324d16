package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the emitters need to write a client, with every Java name decided.
 *
 * @param clientName the simple name of the client class
 * @param serverUrls the {@code servers} URLs, resolved, the first being the default base URL
 * @param defaultSecurity the security schemes operations accept unless they say otherwise
 */
public record ApiModel(
        String clientName,
        String title,
        @Nullable String version,
        @Nullable String description,
        String source,
        List<String> serverUrls,
        List<SecurityScheme> securitySchemes,
        List<String> defaultSecurity,
        List<Service> services,
        List<TypeDef> types) {
    public ApiModel {
        serverUrls = List.copyOf(serverUrls);
        securitySchemes = List.copyOf(securitySchemes);
        defaultSecurity = List.copyOf(defaultSecurity);
        services = List.copyOf(services);
        types = List.copyOf(types);
    }
}
