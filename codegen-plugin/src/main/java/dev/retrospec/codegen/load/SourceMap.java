package dev.retrospec.codegen.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the line of a JSON pointer in a description file, from the index {@link DescriptionScan} builds as it walks
 * every node of the root: one walk of the text serves both. Also the parser factories every reader of a description
 * shares.
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
    private volatile @Nullable Map<String, Location> index;

    /** A 1-based line and column. */
    public record Location(int line, int column) {}

    public SourceMap(Path file, String displayName) {
        this.file = file;
        this.displayName = displayName;
    }

    /** Takes the root's index from a reader that walked it already ({@link DescriptionScan}). */
    void useIndex(Map<String, Location> index) {
        if (this.index == null) {
            this.index = index;
        }
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
     * file through a {@code $ref}), or if the root was not read whole.
     */
    public @Nullable Location locate(String pointer) {
        Map<String, Location> index = this.index;
        if (index == null) {
            return null;
        }
        Location exact = index.get(pointer);
        return exact != null ? exact : index.get(Pointers.parent(pointer));
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

    static Location location(JsonLocation at) {
        return new Location(at.getLineNr(), at.getColumnNr());
    }
}
