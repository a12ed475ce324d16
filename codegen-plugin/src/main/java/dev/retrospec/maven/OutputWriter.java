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
import java.util.List;
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
            for (GeneratedFile file : files) {
                Path path = staging.resolve(file.path()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("generated path escapes the output directory: " + file.path());
                }
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.content(), StandardCharsets.UTF_8);
            }
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
