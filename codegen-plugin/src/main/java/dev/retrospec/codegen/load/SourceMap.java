package dev.retrospec.codegen.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds the line of a JSON pointer in a description file. The index is built on first use, from the token
 * locations of the file's own YAML or JSON text: most generations never need it.
 */
public final class SourceMap {
    /**
     * Names and strings as long as the file holds: Jackson's defaults (50,000 characters for a name, 20 million for a
     * string) refuse valid descriptions, and what stands between a hostile one and the machine's memory is
     * {@link DescriptionScan}'s node count and the file's own size. Also the defaults of every Jackson factory made
     * after this class loads, swagger-parser's included (the plugin's class loader has a Jackson of its own).
     */
    static final StreamReadConstraints UNLIMITED = StreamReadConstraints.builder()
            .maxNameLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNumberLength(Integer.MAX_VALUE)
            .build();

    static {
        StreamReadConstraints.overrideDefaultStreamReadConstraints(UNLIMITED);
    }

    private static final JsonFactory JSON =
            JsonFactory.builder().streamReadConstraints(UNLIMITED).build();
    /**
     * YAML without a ceiling on its length: descriptions of big APIs pass the 3 MiB Jackson sets by default, and
     * what stands between a hostile one and the machine's memory is {@link DescriptionScan}'s node count.
     */
    private static final JsonFactory YAML = YAMLFactory.builder()
            .loaderOptions(unlimitedLength())
            .streamReadConstraints(UNLIMITED)
            .build();

    private static org.yaml.snakeyaml.LoaderOptions unlimitedLength() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    private final Path file;
    private final String displayName;
    private final Map<Path, Map<String, Location>> indexes = new ConcurrentHashMap<>();

    /** A 1-based line and column. */
    public record Location(int line, int column) {}

    public SourceMap(Path file, String displayName) {
        this.file = file;
        this.displayName = displayName;
    }

    /** Takes the root's index from a reader that walked it already ({@link DescriptionScan}). */
    void useIndex(Map<String, Location> index) {
        indexes.putIfAbsent(file, index);
    }

    /** The root file as the user named it. */
    public String displayName() {
        return displayName;
    }

    public Path file() {
        return file;
    }

    /**
     * The file name of {@code relative}, resolved against the root file's directory, if no such file exists; null if
     * it does. For messages about references to files.
     */
    public @Nullable String missingFile(String relative) {
        try {
            Path target = ReferencedFiles.parentOf(file).resolve(relative).normalize();
            Path name = target.getFileName();
            return Files.exists(target) ? null : String.valueOf(name == null ? target : name);
        } catch (RuntimeException e) {
            return relative;
        }
    }

    /** A problem in the root file at {@code pointer}, with its line if the pointer (or its parent) is found. */
    public Problem problem(Problem.Severity severity, Problem.Kind kind, String pointer, String message) {
        Location at = locate(pointer);
        return new Problem(
                severity,
                kind,
                displayName,
                at == null ? 0 : at.line(),
                at == null ? 0 : at.column(),
                pointer,
                message);
    }

    public Problem error(Problem.Kind kind, String pointer, String message) {
        return problem(Problem.Severity.ERROR, kind, pointer, message);
    }

    public Problem warning(Problem.Kind kind, String pointer, String message) {
        return problem(Problem.Severity.WARNING, kind, pointer, message);
    }

    public Problem info(Problem.Kind kind, String pointer, String message) {
        return problem(Problem.Severity.INFO, kind, pointer, message);
    }

    /**
     * The location of {@code pointer} in the root file; of its parent if the pointer names something absent (a
     * missing key is reported where its object is); null if neither is in the file (the element came from another
     * file through a {@code $ref}).
     */
    public @Nullable Location locate(String pointer) {
        Map<String, Location> index = indexes.computeIfAbsent(file, SourceMap::index);
        Location exact = index.get(pointer);
        return exact != null ? exact : index.get(Pointers.parent(pointer));
    }

    private static Map<String, Location> index(Path file) {
        try {
            return build(Files.readString(file), isJson(file));
        } catch (IOException | RuntimeException e) {
            return Map.of(); // unreadable or broken: problems are reported without a line
        }
    }

    static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    /** The (thread-safe, shared) parser factory for a description file: JSON by its extension, YAML otherwise. */
    static JsonFactory factory(Path file) {
        return factory(isJson(file));
    }

    private static JsonFactory factory(boolean json) {
        return json ? JSON : YAML;
    }

    /** Every pointer in the document mapped to where its key (or, in arrays, its value) starts. */
    static Map<String, Location> build(String text, boolean json) throws IOException {
        JsonFactory factory = factory(json);
        Map<String, Location> index = new HashMap<>();
        List<Frame> stack = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            index.put("#", new Location(1, 1));
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                Frame top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
                switch (token) {
                    case FIELD_NAME -> {
                        if (top == null) {
                            throw new IOException("a field name outside any object");
                        }
                        top.current = Pointers.child(top.pointer, parser.currentName());
                        index.putIfAbsent(top.current, location(parser.currentTokenLocation()));
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String pointer = valueAt(top, index, parser);
                        stack.add(new Frame(pointer, token == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> stack.remove(stack.size() - 1);
                    default -> valueAt(top, index, parser);
                }
            }
        }
        return index;
    }

    /** The pointer of the value the parser is at; an array element's is indexed here, a field's was at its key. */
    private static String valueAt(@Nullable Frame top, Map<String, Location> index, JsonParser parser) {
        if (top == null) {
            return "#";
        }
        if (top.array) {
            top.current = Pointers.child(top.pointer, ++top.index);
            index.putIfAbsent(top.current, location(parser.currentTokenLocation()));
        }
        return top.current;
    }

    static Location location(JsonLocation at) {
        return new Location(at.getLineNr(), at.getColumnNr());
    }

    /** An object or array being read: its own pointer and that of the member being read. */
    private static final class Frame {
        final String pointer;
        final boolean array;
        int index = -1;
        String current;

        Frame(String pointer, boolean array) {
            this.pointer = pointer;
            this.array = array;
            this.current = pointer;
        }
    }
}
