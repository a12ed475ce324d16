package dev.retrospec.codegen.load;

import io.swagger.models.HttpMethod;
import io.swagger.models.ModelImpl;
import io.swagger.models.Path;
import io.swagger.models.Response;
import io.swagger.models.Swagger;
import io.swagger.parser.SwaggerParser;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Swagger 2.0 description as swagger-parser's converter does (its 2.0 reader, then the conversion to OpenAPI
 * 3), with the 2.0 model mended in between where the converter would crash on what the 2.0 schema accepts.
 *
 * <p>A response whose schema is {@code {type: 'null'}} (a body that is always {@code null}) makes the converter throw
 * a {@code NullPointerException}. Its meaning is clear: the response has no body. The schema is dropped, with a
 * located warning. Where the converter crashes all the same, the definitions and paths it crashes on are found
 * and reported, each with a located error, instead of the crash.
 */
final class Swagger2Reader {
    private Swagger2Reader() {}

    static SwaggerParseResult read(String location, SourceMap sources, List<Problem> found) {
        SwaggerDeserializationResult parsed = new SwaggerParser().readWithInfo(location, null, true);
        Swagger swagger = parsed.getSwagger();
        if (swagger != null) {
            mendNullResponses(swagger, sources, found);
        }
        try {
            return new SwaggerConverter().convert(parsed);
        } catch (RuntimeException e) {
            if (swagger == null || !dropWhatCannotBeConverted(swagger, sources, found)) {
                throw e;
            }
            return new SwaggerConverter().convert(parsed);
        }
    }

    /**
     * After the converter crashed: finds the definitions and paths it crashes on, each converted alone, and reports
     * them with a located error (and leaves them out, so that the rest converts and its problems are found too).
     * Whether anything was found.
     */
    private static boolean dropWhatCannotBeConverted(Swagger swagger, SourceMap sources, List<Problem> found) {
        boolean dropped = false;
        if (swagger.getDefinitions() != null) {
            for (var it = swagger.getDefinitions().entrySet().iterator(); it.hasNext(); ) {
                var definition = it.next();
                if (crashes(() -> new SwaggerConverter().convert(definition.getValue()))) {
                    it.remove();
                    found.add(unconvertible(sources, Pointers.child("#/definitions", definition.getKey())));
                    dropped = true;
                }
            }
        }
        if (swagger.getPaths() != null) {
            for (var it = swagger.getPaths().entrySet().iterator(); it.hasNext(); ) {
                var path = it.next();
                if (crashes(() -> new SwaggerConverter().convert(path.getValue()))) {
                    it.remove();
                    found.add(unconvertible(sources, Pointers.child("#/paths", path.getKey())));
                    dropped = true;
                }
            }
        }
        return dropped;
    }

    private static boolean crashes(Runnable conversion) {
        try {
            conversion.run();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static Problem unconvertible(SourceMap sources, String pointer) {
        return sources.error(
                Problem.Kind.PARSER_DROPPED,
                pointer,
                "swagger-parser's 2.0 converter crashes on this element: check the types and keys in it"
                        + SpecLoader.PARSER_SUFFIX);
    }

    private static void mendNullResponses(Swagger swagger, SourceMap sources, List<Problem> warnings) {
        mend(swagger.getResponses(), "#/responses", sources, warnings);
        Map<String, Path> paths = swagger.getPaths();
        if (paths == null) {
            return;
        }
        paths.forEach((template, path) -> {
            if (path == null || path.getOperationMap() == null) {
                return;
            }
            path.getOperationMap().forEach((method, operation) -> {
                if (operation != null) {
                    mend(operation.getResponses(), pointer(template, method), sources, warnings);
                }
            });
        });
    }

    private static String pointer(String template, HttpMethod method) {
        return Pointers.child(
                Pointers.child(
                        Pointers.child("#/paths", template), method.name().toLowerCase(Locale.ROOT)),
                "responses");
    }

    private static void mend(
            Map<String, Response> responses, String pointer, SourceMap sources, List<Problem> warnings) {
        if (responses == null) {
            return;
        }
        responses.forEach((status, response) -> {
            if (response != null
                    && response.getResponseSchema() instanceof ModelImpl model
                    && "null".equals(model.getType())) {
                response.setResponseSchema(null);
                warnings.add(sources.warning(
                        Problem.Kind.UNSUPPORTED,
                        Pointers.child(Pointers.child(pointer, status), "schema"),
                        "a response schema of type 'null' is a response without a body; read as one"));
            }
        });
    }
}
