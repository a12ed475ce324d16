package dev.retrospec.codegen.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads an OpenAPI 3.0 or 3.1 description, or a Swagger 2.0 one through the parser's converter, with
 * swagger-parser (the parser OpenAPI Generator is built on), resolving {@code $ref}s to other files.
 *
 * <p>swagger-parser's messages name places in its own dotted notation and never a line. We translate them to JSON
 * pointers and look the lines up in the file ourselves; a syntax error is located by reading the file with
 * Jackson, which says exactly where it stopped.
 */
public final class SpecLoader {
    /** Ends the messages that come from swagger-parser rather than from us. */
    public static final String PARSER_SUFFIX = " (swagger-parser)";

    /** swagger-parser messages about elements it left out of the model: errors, not warnings. */
    private static final Pattern DROPPED = Pattern.compile("\\.in is not of type");

    /** swagger-parser messages about references, which the model layer reports more precisely. */
    private static final Pattern REFERENCE_COMPLAINT = Pattern.compile(
            "#/|is not of type `schema`|Could not find|unable to resolve|Unable to load|SnakeException",
            Pattern.CASE_INSENSITIVE);

    /** Jackson's description of where a construct started: {@code [Source: ...; line: 4, column: 12]}. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private static final Pattern LOCATION_IN_MESSAGE = Pattern.compile("^(?:attribute )?(\\S+?)\\.? (.*)$");

    static {
        liftParserLimits();
    }

    private SpecLoader() {}

    /**
     * Lets swagger-parser read YAML of any length, as our own reading does ({@link SourceMap}): both its readers (3.x,
     * and 2.0 under the converter) refuse more than 3 MiB by default, and official descriptions of big APIs are 5 to
     * 15 MB. What stands between a hostile description and the machine's memory is {@link DescriptionScan}'s node
     * count, which runs first. The options are swagger-parser's process-wide statics, which the plugin's own class
     * loader keeps to itself; setting them again is harmless.
     */
    private static void liftParserLimits() {
        io.swagger.v3.parser.util.DeserializationUtils.getOptions().setMaxYamlCodePoints(Integer.MAX_VALUE);
        io.swagger.parser.util.DeserializationUtils.getOptions().setMaxYamlCodePoints(Integer.MAX_VALUE);
    }

    /**
     * @param file the description
     * @param displayName how problems name the file: the path or {@code classpath:} location the user gave
     */
    public static LoadedSpec load(Path file, String displayName) throws SpecProblemsException {
        return load(file, displayName, null, LoadOptions.DEFAULTS);
    }

    /**
     * Loads a description.
     *
     * @param remote where the description was downloaded from, if it was: swagger-parser reads it there so that
     *     relative references resolve against the server; {@code file} is the downloaded copy, for locating problems
     */
    public static LoadedSpec load(Path file, String displayName, java.net.@Nullable URI remote, LoadOptions limits)
            throws SpecProblemsException {
        SourceMap sources = new SourceMap(file, displayName);
        if (!Files.isRegularFile(file)) {
            throw new SpecProblemsException(List.of(new Problem(
                    Problem.Severity.ERROR, Problem.Kind.NO_SUCH_FILE, displayName, 0, 0, "", "no such file")));
        }
        Set<String> topLevel = new HashSet<>();
        Problem syntax = syntaxError(file, displayName, topLevel); // one pass: the syntax, and the top-level names
        if (syntax != null) {
            throw new SpecProblemsException(List.of(syntax));
        }
        // The scan also indexes where each pointer is: every problem from here on is located through it.
        DescriptionScan.Result scan = DescriptionScan.of(file, displayName, remote, limits.maxDescriptionNodes());
        if (scan.rootIndex() != null) {
            sources.useIndex(scan.rootIndex());
        }
        if (!topLevel.contains("openapi") && !topLevel.contains("swagger")) {
            throw new SpecProblemsException(List.of(sources.error(
                    Problem.Kind.NOT_OPENAPI,
                    "#",
                    "neither 'openapi' nor 'swagger' at the top: not an OpenAPI 3.x or Swagger 2.0 description")));
        }
        List<Problem> refused = new ArrayList<>(
                scan.problems().stream().filter(Problem::isError).toList());
        if (!limits.allowRemoteRefs()) {
            for (DescriptionScan.RemoteReference ref : scan.remote()) {
                refused.add(new Problem(
                        Problem.Severity.ERROR,
                        Problem.Kind.REMOTE_REFERENCE,
                        ref.file(),
                        ref.line(),
                        ref.column(),
                        ref.pointer(),
                        "$ref '" + ref.ref() + "' is not a file of this build; set allowRemoteRefs to fetch it"
                                + " (its content then counts in the up-to-date check)"));
            }
        }
        if (!refused.isEmpty()) {
            throw new SpecProblemsException(refused);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // A plain path, not a file: URI: given a URI, swagger-parser's 3.1 reader inlines every $ref inside oneOf/anyOf
        // (so unions lose their named variants).
        String location =
                remote != null ? remote.toString() : file.toAbsolutePath().toString();
        List<Problem> mended = new ArrayList<>();
        String inlined = scan.operationRefs().isEmpty() || remote != null || topLevel.contains("swagger")
                ? null
                : OperationRefs.inline(file, sources, scan.operationRefs(), mended);
        SwaggerParseResult result = parse(location, inlined, options, topLevel.contains("swagger"), sources, mended);
        if (mended.stream().anyMatch(Problem::isError)) {
            throw new SpecProblemsException(mended);
        }
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null
                || result.getOpenAPI().getPaths() == null
                        && result.getOpenAPI().getComponents() == null
                        && result.getOpenAPI().getWebhooks() == null) {
            List<Problem> problems = new ArrayList<>();
            for (String message : messages) {
                problems.add(translate(sources, Problem.Severity.ERROR, message));
            }
            if (problems.isEmpty()) {
                problems.add(
                        sources.error(Problem.Kind.NOT_OPENAPI, "#", "not an OpenAPI 3.x or Swagger 2.0 description"));
            }
            throw new SpecProblemsException(problems);
        }
        List<Problem> warnings = new ArrayList<>(
                scan.problems().stream().filter(p -> !p.isError()).toList());
        warnings.addAll(mended);
        for (String message : messages) {
            warnings.add(translate(sources, Problem.Severity.WARNING, message));
        }
        return new LoadedSpec(result.getOpenAPI(), sources, warnings, scan.files(), scan.remote());
    }

    /**
     * swagger-parser's reading of a description (or of {@code inlined}, the description with its operation {@code $ref}s
     * read in, relative references resolved from {@code location}); a Swagger 2.0 one mended where its converter would
     * crash. Should the
     * parser crash all the same, that is a located refusal, never an exception that escapes.
     */
    private static SwaggerParseResult parse(
            String location,
            @Nullable String inlined,
            ParseOptions options,
            boolean swagger2,
            SourceMap sources,
            List<Problem> mended)
            throws SpecProblemsException {
        try {
            if (inlined != null) {
                return new OpenAPIV3Parser().readContents(inlined, null, options, location);
            }
            return swagger2
                    ? Swagger2Reader.read(location, sources, mended)
                    : new OpenAPIParser().readLocation(location, null, options);
        } catch (RuntimeException e) {
            StackTraceElement[] trace = e.getStackTrace();
            String where = trace.length == 0 ? "" : " at " + trace[0].getFileName() + ":" + trace[0].getLineNumber();
            throw new SpecProblemsException(List.of(sources.error(
                    Problem.Kind.PARSER_MESSAGE,
                    "#",
                    "swagger-parser failed on this description (" + e.getClass().getSimpleName() + where
                            + "); Retrospec cannot read it. Please report it to Retrospec with the description"
                            + PARSER_SUFFIX)));
        }
    }

    /**
     * The first YAML or JSON syntax error in {@code file}, located, or null if it parses; the names at its top go to
     * {@code topLevel} on the way.
     */
    static @Nullable Problem syntaxError(Path file, String displayName, Set<String> topLevel) {
        try (JsonParser parser = SourceMap.factory(file).createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                    topLevel.add(parser.currentName());
                    parser.nextToken();
                    parser.skipChildren();
                }
            } else if (first != null) {
                parser.skipChildren();
            }
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return null;
        } catch (JsonProcessingException e) {
            String what = SourceMap.isJson(file) ? "JSON" : "YAML";
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                return new Problem(
                        Problem.Severity.ERROR,
                        Problem.Kind.SYNTAX,
                        displayName,
                        yaml.getProblemMark().getLine() + 1,
                        yaml.getProblemMark().getColumn() + 1,
                        "",
                        what + " syntax error: " + oneLine(yaml.getProblem()));
            }
            JsonLocation at = e.getLocation();
            return new Problem(
                    Problem.Severity.ERROR,
                    Problem.Kind.SYNTAX,
                    displayName,
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "",
                    what + " syntax error: "
                            + JACKSON_SOURCE
                                    .matcher(oneLine(e.getOriginalMessage()))
                                    .replaceAll("line $1, column $2"));
        } catch (IOException e) {
            return new Problem(
                    Problem.Severity.ERROR,
                    Problem.Kind.UNREADABLE,
                    displayName,
                    0,
                    0,
                    "",
                    "cannot read: " + e.getMessage());
        }
    }

    /**
     * Turns a swagger-parser message such as
     * {@code attribute paths.'/a/{id}'(get).parameters.[q].in is not of type ...} into a problem at
     * {@code #/paths/~1a~1{id}/get/parameters}, with its line.
     */
    static Problem translate(SourceMap sources, Problem.Severity severity, String message) {
        String text = oneLine(message);
        Problem.Kind kind = Problem.Kind.PARSER_MESSAGE;
        if (DROPPED.matcher(text).find()) {
            severity = Problem.Severity.ERROR; // swagger-parser dropped the element: the client would silently lack it
            kind = Problem.Kind.PARSER_DROPPED;
        } else if (REFERENCE_COMPLAINT.matcher(text).find()) {
            kind = Problem.Kind.PARSER_REFERENCE;
        }
        Matcher m = LOCATION_IN_MESSAGE.matcher(text);
        if (m.matches() && looksLikeLocation(m.group(1))) {
            String location = m.group(1);
            String pointer = toPointer(location);
            int target = location.indexOf(".#/");
            int list = location.indexOf(".[");
            String subject = target >= 0
                    ? "'" + location.substring(target + 1) + "' "
                    : list >= 0 ? "'" + location.substring(list + 1) + "' " : "";
            return sources.problem(severity, kind, pointer, subject + m.group(2) + PARSER_SUFFIX);
        }
        return sources.problem(severity, kind, "", text + PARSER_SUFFIX);
    }

    private static boolean looksLikeLocation(String s) {
        return s.startsWith("paths.")
                || s.startsWith("components.")
                || s.startsWith("info")
                || s.startsWith("servers")
                || s.startsWith("webhooks.")
                || s.startsWith("security")
                || s.startsWith("tags")
                || s.startsWith("openapi");
    }

    /** {@code paths.'/a'(get).responses.200} becomes {@code #/paths/~1a/get/responses/200}. */
    static String toPointer(String location) {
        String pointer = "#";
        int i = 0;
        while (i < location.length()) {
            char c = location.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '\'') {
                int end = location.indexOf('\'', i + 1);
                end = end < 0 ? location.length() : end;
                pointer = Pointers.child(pointer, location.substring(i + 1, end));
                i = end + 1;
            } else if (c == '(') {
                int end = location.indexOf(')', i);
                end = end < 0 ? location.length() : end;
                pointer = Pointers.child(pointer, location.substring(i + 1, end));
                i = end + 1;
            } else if (c == '[') {
                // a parameter by name: the pointer needs its index, which the message does not give; stop at the list
                break;
            } else {
                int end = i;
                while (end < location.length()
                        && location.charAt(end) != '.'
                        && location.charAt(end) != '('
                        && location.charAt(end) != '\''
                        && location.charAt(end) != '[') {
                    end++;
                }
                String segment = location.substring(i, end);
                if (segment.startsWith("#")) {
                    break; // a $ref target glued on by the parser, not a place in the document
                }
                pointer = Pointers.child(pointer, segment);
                i = end;
            }
        }
        return pointer;
    }

    private static String oneLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
