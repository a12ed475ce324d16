package dev.retrospec.codegen.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One streaming pass over a description and every local file it references, before any parser builds a tree of
 * them: which files there are, which references leave the machine, and how big the documents become once YAML
 * aliases are expanded (a kilobyte of nested anchors can stand for millions of nodes). No tree is built.
 */
public final class DescriptionScan {
    /** The default ceiling on the nodes of one document, YAML aliases expanded: ~20 times GitHub's description. */
    public static final long DEFAULT_MAX_NODES = 10_000_000;

    /** A {@code $ref} to something not on this machine's file system, where it is written. */
    public record RemoteReference(
            String file,
            int line,
            int column,
            String pointer,
            String ref,
            @Nullable URI target) {}

    /**
     * What the scan found.
     *
     * @param files the root first, then every local file reachable through {@code $ref}s, sorted; absolute, normalized
     * @param remote every reference to a URL ({@code http:}, {@code https:}, any other scheme), in the order found
     * @param problems a ceiling passed, located where it was passed
     * @param operationRefs the pointers of {@code $ref}s written on operations in the root, in document order
     * @param rootIndex where each pointer of the root starts (its key; in an array, its value), when the whole root
     *     was read: {@link SourceMap} locates problems with it; the scan walks every node anyway
     */
    public record Result(
            List<Path> files,
            List<RemoteReference> remote,
            List<Problem> problems,
            List<String> operationRefs,
            @Nullable Map<String, SourceMap.Location> rootIndex) {
        public Result {
            files = List.copyOf(files);
            remote = List.copyOf(remote);
            problems = List.copyOf(problems);
            operationRefs = List.copyOf(operationRefs);
        }
    }

    private final Path rootDirectory;
    private final String rootName;
    private final @Nullable URI remoteBase;
    private final long maxNodes;
    private final List<RemoteReference> remote = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> operationRefs = new ArrayList<>();
    private @Nullable Map<String, SourceMap.Location> rootIndex;

    private DescriptionScan(Path root, String rootName, @Nullable URI remoteBase, long maxNodes) {
        this.rootDirectory = ReferencedFiles.parentOf(root);
        this.rootName = rootName;
        this.remoteBase = remoteBase;
        this.maxNodes = maxNodes;
    }

    /**
     * Scans {@code root} and the local files it references.
     *
     * @param rootName how problems name the root (what the user gave)
     * @param remoteBase the URL the root was downloaded from, if it was: its relative references are remote too
     */
    public static Result of(Path root, String rootName, @Nullable URI remoteBase, long maxNodes) {
        Path start = root.toAbsolutePath().normalize();
        DescriptionScan scan = new DescriptionScan(start, rootName, remoteBase, maxNodes);
        Set<Path> seen = new HashSet<>();
        Set<Path> others = new java.util.TreeSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(start);
        while (!pending.isEmpty()) {
            Path file = pending.pop();
            if (seen.add(file)) {
                if (!file.equals(start)) {
                    others.add(file);
                }
                scan.scan(file, file.equals(start), pending);
            }
        }
        List<Path> files = new ArrayList<>();
        files.add(start);
        files.addAll(others);
        return new Result(files, scan.remote, scan.problems, scan.operationRefs, scan.rootIndex);
    }

    /** How problems name a file: the root as the user named it, the others relative to the root's folder. */
    private String displayName(Path file, boolean root) {
        if (root) {
            return rootName;
        }
        Path relative = rootDirectory.relativize(file);
        return relative.toString().replace('\\', '/');
    }

    /** An object or array being read: its pointer, the pointer of its current member, its index if an array. */
    private static final class Frame {
        final String pointer;
        final boolean array;
        /** Inside a value that is data, not description: an example, a default, an extension. */
        final boolean literal;

        int index = -1;
        String current;

        Frame(String pointer, boolean array, boolean literal) {
            this.pointer = pointer;
            this.array = array;
            this.literal = literal;
            this.current = pointer;
        }
    }

    /** Keys whose members are names chosen by the description's author, never keywords. */
    private static final java.util.Set<String> NAME_HOLDERS = java.util.Set.of(
            "properties",
            "patternProperties",
            "$defs",
            "definitions",
            "dependentSchemas",
            "schemas",
            "parameters",
            "responses",
            "headers",
            "requestBodies",
            "securitySchemes",
            "links",
            "callbacks",
            "pathItems",
            "paths",
            "webhooks",
            "mapping",
            "variables",
            "scopes",
            "encoding",
            "content");

    /**
     * Whether the value at {@code pointer} is data the description carries rather than description: examples,
     * defaults, enum values, constants and extensions hold any JSON, {@code $ref} keys included, which are not
     * references (GitHub's SCIM examples have {@code $ref}s to its own API URLs).
     */
    static boolean isLiteral(String pointer, boolean array) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String last = Pointers.unescape(pointer.substring(slash + 1));
        String rest = pointer.substring(0, slash);
        int parentSlash = rest.lastIndexOf('/');
        String parent = parentSlash < 0 ? "" : Pointers.unescape(rest.substring(parentSlash + 1));
        if (NAME_HOLDERS.contains(parent)) {
            return false; // a property named "default", an example named "value"
        }
        if (last.equals("example")
                || last.equals("default")
                || last.equals("enum")
                || last.equals("const")
                || last.startsWith("x-")) {
            return true;
        }
        if (last.equals("examples")) {
            return array; // a schema's list of examples; a map of Example Objects holds $refs of its own
        }
        String grandparent = parentSlash < 0 ? "" : rest.substring(0, parentSlash);
        return last.equals("value") && grandparent.endsWith("/examples");
    }

    /** An anchored node being read: its name, the depth it closes at, and its nodes so far. */
    private static final class Anchor {
        final String name;
        final int depth;
        long nodes;

        Anchor(String name, int depth) {
            this.name = name;
            this.depth = depth;
        }
    }

    private void scan(Path file, boolean root, Deque<Path> pending) {
        String name = displayName(file, root);
        Map<String, Long> anchorSizes = new HashMap<>();
        List<Anchor> open = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        long total = 0;
        Map<String, SourceMap.Location> index = root ? new HashMap<>() : null;
        if (index != null) {
            index.put("#", new SourceMap.Location(1, 1));
        }
        // Read as characters, as SourceMap reads the text: a JSON parser over bytes counts columns in bytes.
        try (JsonParser parser = SourceMap.factory(file).createParser(characters(file))) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                Frame top = frames.peek();
                if (token == JsonToken.FIELD_NAME) {
                    if (top != null) {
                        top.current = Pointers.child(top.pointer, parser.currentName());
                        if (index != null) {
                            index.putIfAbsent(top.current, SourceMap.location(parser.currentTokenLocation()));
                        }
                    }
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    frames.pop();
                    closeAnchors(open, frames.size(), anchorSizes);
                    continue;
                }
                String pointer = top == null ? "#" : top.array ? Pointers.child(top.pointer, ++top.index) : top.current;
                if (index != null && top != null && top.array) {
                    index.putIfAbsent(pointer, SourceMap.location(parser.currentTokenLocation()));
                }
                long nodes = 1;
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    nodes = anchorSizes.getOrDefault(parser.getText(), 1L);
                } else if (parser.getObjectId() instanceof String anchor) {
                    open.add(new Anchor(anchor, frames.size()));
                }
                total += nodes;
                for (Anchor anchor : open) {
                    anchor.nodes += nodes;
                }
                if (total > maxNodes) {
                    problems.add(new Problem(
                            Problem.Severity.ERROR,
                            Problem.Kind.TOO_LARGE,
                            name,
                            parser.currentTokenLocation().getLineNr(),
                            parser.currentTokenLocation().getColumnNr(),
                            pointer,
                            "the document has more than " + maxNodes + " nodes with its YAML aliases expanded;"
                                    + " raise maxDescriptionNodes if it is meant to be this big"));
                    return;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    boolean array = token == JsonToken.START_ARRAY;
                    frames.push(new Frame(pointer, array, (top != null && top.literal) || isLiteral(pointer, array)));
                    continue;
                }
                closeAnchors(open, frames.size(), anchorSizes); // an anchor on a scalar closes with it
                boolean literal = top != null && top.literal;
                if (token == JsonToken.VALUE_STRING && pointer.endsWith("/$ref") && !literal) {
                    if (root && OperationRefs.isOperationRef(pointer)) {
                        operationRefs.add(pointer);
                    }
                    reference(parser.getText(), file, name, parser, pointer, pending);
                } else if (token == JsonToken.VALUE_STRING && isText(pointer)) {
                    suspicious(parser.getText(), name, parser, pointer);
                }
            }
            if (index != null) {
                rootIndex = index; // only whole: the problems of a scan that stopped early go without a line
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or broken: the loader reports the root's syntax errors, the parser the others'
        }
    }

    private static final Pattern COMMENT_END = Pattern.compile("\\*/");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9a-fA-F]{4}");
    /** The keys whose text generated code shows: in comments, and (defaults, enum values) in literals. */
    /**
     * The file as UTF-8 characters (malformed bytes replaced, not fatal) without a byte order mark, which the byte
     * parsers skip and a reader would pass on: a scan that failed on it would let the file past the node ceiling.
     */
    private static Reader characters(Path file) throws IOException {
        PushbackReader reader =
                new PushbackReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    private static final Set<String> TEXT_KEYS = Set.of("description", "summary", "title", "default", "const");

    /**
     * Whether the string at {@code pointer} is text that reaches generated code: a description, summary, title,
     * default or const, an enum value or an {@code x-enum-descriptions} entry. Read from the pointer's last segments
     * without a regular expression: this runs for every string of the description.
     */
    static boolean isText(String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String last = pointer.substring(slash + 1);
        if (TEXT_KEYS.contains(last)) {
            return true;
        }
        if (last.isEmpty() || !last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return pointer.startsWith("/enum", slash - 5) || pointer.startsWith("/x-enum-descriptions", slash - 20);
    }

    /**
     * Text that would end a Java comment, or a Java Unicode escape (which javac decodes before anything else, so that
     * {@code \}{@code u002a/} ends a comment too): harmless in what Retrospec generates, which escapes both, but a
     * code injection in any generator that does not (swagger-codegen's CVE-2016-5641), and rarely meant.
     */
    private void suspicious(String text, String name, JsonParser parser, String pointer) {
        String what = COMMENT_END.matcher(text).find()
                ? "'*/', which ends a Java comment"
                : UNICODE_ESCAPE.matcher(text).find()
                        ? "a Java Unicode escape (\\u....), which javac decodes first"
                        : null;
        if (what != null) {
            problems.add(new Problem(
                    Problem.Severity.WARNING,
                    Problem.Kind.SUSPICIOUS_TEXT,
                    name,
                    parser.currentTokenLocation().getLineNr(),
                    parser.currentTokenLocation().getColumnNr(),
                    pointer,
                    "contains " + what + ": Retrospec escapes it, code generators that do not would run what"
                            + " follows it as code"));
        }
    }

    /** Closes the anchors opened at {@code depth}: their node is complete, and aliases of it count its size. */
    private static void closeAnchors(List<Anchor> open, int depth, Map<String, Long> sizes) {
        for (int i = open.size() - 1; i >= 0 && open.get(i).depth == depth; i--) {
            Anchor closed = open.remove(i);
            sizes.put(closed.name, closed.nodes);
        }
    }

    private void reference(String ref, Path file, String name, JsonParser parser, String pointer, Deque<Path> pending) {
        int hash = ref.indexOf('#');
        String location = hash < 0 ? ref : ref.substring(0, hash);
        if (location.isEmpty()) {
            return; // within the same document
        }
        if (isRemote(location)) {
            URI target = remoteTarget(location, file);
            remote.add(new RemoteReference(
                    name,
                    parser.currentTokenLocation().getLineNr(),
                    parser.currentTokenLocation().getColumnNr(),
                    Pointers.parent(pointer),
                    ref,
                    target));
            return;
        }
        try {
            Path local = ReferencedFiles.parentOf(file)
                    .resolve(location)
                    .toAbsolutePath()
                    .normalize();
            if (Files.isRegularFile(local)) {
                pending.add(local);
            }
        } catch (RuntimeException e) {
            // not a path: the parser reports the reference
        }
    }

    /**
     * Whether a reference leaves this machine's file system: a URL of any scheme ({@code https:}, {@code file:}), a
     * network path ({@code //host/...}), or anything relative in a description that was itself downloaded.
     */
    private boolean isRemote(String location) {
        boolean hasScheme = location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !location.matches("^[a-zA-Z]:[\\\\/].*");
        return remoteBase != null || hasScheme || location.startsWith("//") || location.startsWith("\\\\");
    }

    /** The URL a remote reference leads to, or null if it is not a URL. */
    private @Nullable URI remoteTarget(String location, Path file) {
        try {
            URI uri = new URI(location.replace(" ", "%20"));
            if (remoteBase != null && file.startsWith(rootDirectory)) {
                return remoteBase.resolve(uri);
            }
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
