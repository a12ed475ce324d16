package dev.retrospec.codegen.load;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;

/**
 * A parsed description, where its parts are, and what the parser noticed on the way. Only the model layer reads
 * {@link #openApi()}: swagger-parser types go no further.
 */
public record LoadedSpec(OpenAPI openApi, SourceMap sources, List<Problem> warnings) {
    public LoadedSpec {
        warnings = List.copyOf(warnings);
    }
}
