package dev.retrospec.codegen.load;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every local file a description depends on: the root and, transitively, each file a {@code $ref} names
 * ({@code schemas/pet.yaml#/Pet}). For build caches: a change to any of these files must regenerate.
 */
public final class ReferencedFiles {
    private ReferencedFiles() {}

    /** The root and every file reachable from it through {@code $ref}s, sorted, normalized, absolute. */
    public static Set<Path> of(Path root) {
        return new TreeSet<>(
                DescriptionScan.of(root, root.toString(), null, Long.MAX_VALUE).files());
    }

    /** The directory of a file, as an absolute path. */
    public static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        return parent;
    }
}
