package dev.retrospec.maven;

import dev.retrospec.codegen.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Replaces an output directory as a whole: the new files are written to a staging directory beside it, which then
 * takes the old directory's place by rename. Until that moment the previous output is untouched; a failure while
 * writing leaves it as it was and removes the staging directory.
 */
final class OutputWriter {
    private OutputWriter() {}

    static void replace(Path target, List<GeneratedFile> files) throws IOException {
        Path directory = target.toAbsolutePath().normalize();
        Path parent = dev.retrospec.codegen.load.ReferencedFiles.parentOf(directory);
        Files.createDirectories(parent);
        String name = directory.getFileName().toString();
        // Not createTempDirectory: its owner-only permissions would end up on the output directory.
        Path staging = parent.resolve("." + name + ".staging-" + UUID.randomUUID());
        Files.createDirectory(staging);
        Path backup = null;
        try {
            write(staging, files);
            if (Files.exists(directory)) {
                backup = parent.resolve(
                        "." + name + ".old-" + staging.getFileName().toString().replaceAll(".*-", ""));
                Files.move(directory, backup, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (backup != null && Files.exists(backup) && !Files.exists(directory)) {
                Files.move(backup, directory, StandardCopyOption.ATOMIC_MOVE);
                backup = null;
            }
            deleteRecursively(staging);
            throw e;
        }
        if (backup != null) {
            deleteRecursively(backup);
        }
    }

    /**
     * Writes {@code files} under {@code staging}: every path checked first, then each directory's files in a task of
     * their own. Creating a file costs more than writing one (GitHub's client is some 1,800 files of 2.5 KB), and two
     * threads creating files in one directory wait on each other, so the directories are written in parallel and
     * each one's files in order. Every task runs to its end before this returns, so that nothing is still writing
     * when a failure's clean-up deletes the staging directory.
     */
    private static void write(Path staging, List<GeneratedFile> files) throws IOException {
        Map<Path, List<Map.Entry<Path, String>>> byDirectory = new LinkedHashMap<>();
        for (GeneratedFile file : files) {
            Path path = staging.resolve(file.path()).normalize();
            if (!path.startsWith(staging) || path.equals(staging)) {
                throw new IOException("generated path escapes the output directory: " + file.path());
            }
            byDirectory
                    .computeIfAbsent(path.getParent(), k -> new ArrayList<>())
                    .add(Map.entry(path, file.content()));
        }
        for (Path directory : byDirectory.keySet()) {
            Files.createDirectories(directory);
        }
        List<Optional<Exception>> failures = byDirectory.values().parallelStream()
                .map(OutputWriter::writeAll)
                .toList();
        for (Optional<Exception> failure : failures) {
            if (failure.isPresent()) {
                if (failure.get() instanceof IOException e) {
                    throw e;
                }
                throw (RuntimeException) failure.get();
            }
        }
    }

    /** Writes one directory's files, in order; what went wrong, returned rather than thrown (see {@link #write}). */
    private static Optional<Exception> writeAll(List<Map.Entry<Path, String>> files) {
        try {
            for (Map.Entry<Path, String> file : files) {
                Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
