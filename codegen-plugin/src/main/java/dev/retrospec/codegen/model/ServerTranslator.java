package dev.retrospec.codegen.model;

import dev.retrospec.codegen.load.Problem;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code servers}: their URLs with variables at their defaults. */
final class ServerTranslator {
    private final ModelContext context;

    ServerTranslator(ModelContext context) {
        this.context = context;
    }

    /** The servers' URLs, variables replaced by their defaults, in the description's order. */
    List<String> urls() {
        List<String> urls = new ArrayList<>();
        List<Server> servers = context.api().getServers();
        if (servers == null) {
            return urls;
        }
        for (Server server : servers) {
            String url = server == null ? null : server.getUrl();
            if (url == null) {
                continue;
            }
            if (server.getVariables() != null) {
                for (Map.Entry<String, ServerVariable> variable :
                        server.getVariables().entrySet()) {
                    String value = variable.getValue() == null
                            ? null
                            : variable.getValue().getDefault();
                    url = url.replace("{" + variable.getKey() + "}", value == null ? "" : value);
                }
            }
            urls.add(url);
        }
        return urls;
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([^{}]*)}");

    /**
     * A client credentials flow's token URL as the client keeps it: absolute, or relative to the API's base URL
     * (resolved when the client is built, against the base URL it is built with, so that a client pointed at
     * staging never sends its secret to production). Placeholders take the first server's variable defaults. Null,
     * reported when {@code report} is set, if there is none or it is not a URL.
     */
    @Nullable
    String tokenUrl(@Nullable String raw, String pointer, boolean report) {
        if (raw == null || raw.isBlank()) {
            if (report) {
                context.error(Problem.Kind.INVALID_TOKEN_URL, pointer, "clientCredentials flow without a tokenUrl");
            }
            return null;
        }
        String url = raw.strip();
        Map<String, String> defaults = firstServerDefaults();
        java.util.regex.Matcher m = PLACEHOLDER.matcher(url);
        StringBuilder resolved = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        while (m.find()) {
            String value = defaults.get(m.group(1));
            if (value == null) {
                unknown.add(m.group());
                value = m.group();
            }
            m.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        String problem = !unknown.isEmpty()
                ? "has " + String.join(", ", unknown) + ", which no server variable gives a default for"
                : urlProblem(resolved.toString());
        if (problem != null) {
            if (report) {
                context.error(Problem.Kind.INVALID_TOKEN_URL, pointer, "tokenUrl '" + raw + "' " + problem);
            }
            return null;
        }
        return resolved.toString();
    }

    /** Why {@code url} is not an absolute http(s) URL or a relative reference, or null if it is one. */
    private static @Nullable String urlProblem(String url) {
        try {
            URI uri = new URI(url);
            if (uri.isAbsolute()
                    && !"https".equalsIgnoreCase(uri.getScheme())
                    && !"http".equalsIgnoreCase(uri.getScheme())) {
                return "is not an http or https URL";
            }
            if (uri.isAbsolute() && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return "has no host";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "is not a URL: " + e.getReason() + " at index " + e.getIndex();
        }
    }

    private Map<String, String> firstServerDefaults() {
        Map<String, String> defaults = new java.util.HashMap<>();
        List<Server> servers = context.api().getServers();
        if (servers != null
                && !servers.isEmpty()
                && servers.get(0) != null
                && servers.get(0).getVariables() != null) {
            servers.get(0).getVariables().forEach((name, variable) -> {
                if (variable != null && variable.getDefault() != null) {
                    defaults.put(name, variable.getDefault());
                }
            });
        }
        return defaults;
    }
}
