package dev.retrospec.codegen.model;

import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** {@code url} resolved against the first server, if it is relative and there is one. */
    String resolveAgainstServer(String url) {
        List<String> servers = urls();
        try {
            if (URI.create(url).isAbsolute() || servers.isEmpty()) {
                return url;
            }
            return URI.create(servers.get(0)).resolve(url).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
