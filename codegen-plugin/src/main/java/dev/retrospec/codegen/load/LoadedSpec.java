package dev.retrospec.codegen.load;

import io.swagger.v3.oas.models.OpenAPI;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed description, where its parts are, and what the parser noticed on the way. Only the model layer reads
 * {@link #openApi()}: swagger-parser types go no further.
 *
 * @param files the description's files: the root first, then every local file it references
 * @param remote the references to URLs it has, allowed by the options
 */
public record LoadedSpec(
        OpenAPI openApi,
        SourceMap sources,
        List<Problem> warnings,
        List<Path> files,
        List<DescriptionScan.RemoteReference> remote) {
    public LoadedSpec {
        warnings = List.copyOf(warnings);
        files = List.copyOf(files);
        remote = List.copyOf(remote);
    }
}
