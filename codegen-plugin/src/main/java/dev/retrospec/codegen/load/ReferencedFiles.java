package dev.retrospec.codegen.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Every local file a description depends on: the root and, transitively, each file a {@code $ref} names
 * ({@code schemas/pet.yaml#/Pet}). Remote references (http) are left to swagger-parser. For build caches: a change
 * to any of these files must regenerate.
 */
public final class ReferencedFiles {
    private ReferencedFiles() {}

    /** The root and every file reachable from it through {@code $ref}s, sorted, normalized, absolute. */
    public static Set<Path> of(Path root) {
        Set<Path> files = new TreeSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(root.toAbsolutePath().normalize());
        while (!pending.isEmpty()) {
            Path file = pending.pop();
            if (files.add(file)) {
                collect(file, pending);
            }
        }
        return files;
    }

    /** Streams the file's tokens for {@code $ref} values: no tree is built, which matters for large descriptions. */
    private static void collect(Path file, Deque<Path> pending) {
        try (JsonParser parser = SourceMap.factory(file).createParser(file.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME
                        && parser.currentName().equals("$ref")
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    Path target = localTarget(parser.getText(), parentOf(file));
                    if (target != null && Files.isRegularFile(target)) {
                        pending.add(target);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the loader reports it; the digest still covers the bytes
        }
    }

    /** The directory of an absolute, normalized file. */
    public static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        return parent;
    }

    private static @Nullable Path localTarget(String ref, Path directory) {
        int hash = ref.indexOf('#');
        String location = hash < 0 ? ref : ref.substring(0, hash);
        if (location.isEmpty() || location.contains("://")) {
            return null;
        }
        try {
            return directory.resolve(location).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
