package dev.retrospec.codegen.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Operations written as a {@code $ref} to a file that holds the operation ({@code get: {$ref: "ops/list.yml"}}):
 * OpenAPI 3 does not define {@code $ref} on an operation, swagger-parser drops it (the operation would be generated
 * empty, with no parameters and no result), yet big vendors publish descriptions built that way and their own tools
 * read them. The meaning is clear, so the operation is read from the file, said with a located warning; its own
 * {@code $ref}s are rebased from its file to the root's folder. A reference that cannot be read is a located error.
 */
final class OperationRefs {
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    private OperationRefs() {}

    /** Whether {@code pointer}, in the root file, is the {@code $ref} of an operation: {@code #/paths/~1x/get/$ref}. */
    static boolean isOperationRef(String pointer) {
        String[] segments = pointer.split("/", -1);
        return segments.length == 5
                && segments[1].equals("paths")
                && METHODS.contains(segments[3])
                && segments[4].equals("$ref");
    }

    /**
     * The root document with each operation {@code $ref} replaced by the operation it names, as JSON; problems go to
     * {@code found}. Null if the root cannot be read (its syntax was checked: nothing to add).
     */
    static @Nullable String inline(Path root, SourceMap sources, List<String> pointers, List<Problem> found) {
        ObjectMapper mapper = new ObjectMapper(SourceMap.factory(root));
        JsonNode tree;
        try {
            tree = mapper.readTree(root.toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        for (String pointer : pointers) {
            String operationPointer = Pointers.parent(pointer);
            JsonNode paths = tree.path("paths");
            String[] segments = operationPointer.split("/");
            JsonNode item = paths.path(Pointers.unescape(segments[2]));
            if (!(item instanceof ObjectNode pathItem)
                    || !(pathItem.get(segments[3]) instanceof ObjectNode operation)
                    || !(operation.get("$ref") instanceof TextNode ref)) {
                continue;
            }
            JsonNode resolved = resolve(root, ref.textValue(), sources, operationPointer, found);
            if (resolved != null) {
                pathItem.set(segments[3], resolved);
            }
        }
        try {
            return new ObjectMapper().writeValueAsString(tree);
        } catch (IOException e) {
            return null;
        }
    }

    private static @Nullable JsonNode resolve(
            Path root, String ref, SourceMap sources, String pointer, List<Problem> found) {
        int hash = ref.indexOf('#');
        String location = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        if (location.isEmpty() || SCHEME.matcher(location).matches() || location.startsWith("//")) {
            found.add(sources.error(
                    Problem.Kind.UNSUPPORTED_REFERENCE,
                    pointer,
                    "$ref '" + ref + "' on an operation: only a file of this build holding the operation is read"));
            return null;
        }
        Path rootFolder = ReferencedFiles.parentOf(root);
        Path file = rootFolder.resolve(location).normalize();
        if (!Files.isRegularFile(file)) {
            found.add(sources.error(
                    Problem.Kind.MISSING_REFERENCED_FILE,
                    pointer,
                    "$ref '" + ref + "' names a file that does not exist: " + file.getFileName()));
            return null;
        }
        JsonNode target;
        try {
            target = new ObjectMapper(SourceMap.factory(file)).readTree(file.toFile());
            target = target == null ? null : target.at(fragment.isEmpty() ? "" : fragment);
        } catch (IOException | RuntimeException e) {
            target = null;
        }
        if (!(target instanceof ObjectNode operation)) {
            found.add(sources.error(
                    Problem.Kind.UNREADABLE_REFERENCED_FILE,
                    pointer,
                    "$ref '" + ref + "' on an operation does not lead to an operation object"));
            return null;
        }
        String fromRoot = rootFolder.relativize(file).toString().replace('\\', '/');
        ObjectNode copy = operation.deepCopy();
        rebase(copy, fromRoot, rootFolder, ReferencedFiles.parentOf(file), "#");
        found.add(sources.warning(
                Problem.Kind.UNSUPPORTED,
                pointer,
                "$ref on an operation, which OpenAPI does not define: read as the operation in '" + ref + "'"));
        return copy;
    }

    /**
     * Makes the {@code $ref}s of an operation read from {@code fileFromRoot} point where they pointed from there: a
     * fragment into that file, a relative file from the root's folder. Examples, defaults and extensions are data.
     */
    private static void rebase(JsonNode node, String fileFromRoot, Path rootFolder, Path folder, String pointer) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = Pointers.child(pointer, field.getKey());
                if (field.getKey().equals("$ref") && field.getValue() instanceof TextNode ref) {
                    field.setValue(TextNode.valueOf(rebased(ref.textValue(), fileFromRoot, rootFolder, folder)));
                } else if (!DescriptionScan.isLiteral(child, field.getValue().isArray())) {
                    rebase(field.getValue(), fileFromRoot, rootFolder, folder, child);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rebase(node.get(i), fileFromRoot, rootFolder, folder, Pointers.child(pointer, i));
            }
        }
    }

    private static String rebased(String ref, String fileFromRoot, Path rootFolder, Path folder) {
        if (ref.startsWith("#")) {
            return fileFromRoot + ref;
        }
        if (SCHEME.matcher(ref).matches() || ref.startsWith("//") || ref.startsWith("/")) {
            return ref;
        }
        int hash = ref.indexOf('#');
        String location = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash);
        try {
            Path target = folder.resolve(location).normalize();
            return rootFolder.relativize(target).toString().replace('\\', '/') + fragment;
        } catch (RuntimeException e) {
            return ref;
        }
    }
}
