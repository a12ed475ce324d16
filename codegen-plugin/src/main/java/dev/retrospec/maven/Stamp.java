package dev.retrospec.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a generation was made from, kept beside its output: digests of the inputs (the description and every file
 * it references, whose names relative to the description's folder are kept too, with their sizes and modification
 * times), the configuration, the generator itself, and the output as written. Equal stamps mean the output is
 * current; the first digest that differs says why it is not.
 */
record Stamp(
        String inputs,
        List<String> files,
        String stats,
        String remote,
        String configuration,
        String generator,
        String output) {
    /** Bumped whenever what a stamp covers changes, so that older stamps never match. */
    static final String FORMAT = "3";

    Stamp {
        files = List.copyOf(files);
    }

    /** Where the stamp of {@code outputDirectory} lives: beside it, so replacing the directory cannot lose it. */
    static Path fileFor(Path outputDirectory) {
        Path directory = outputDirectory.toAbsolutePath().normalize();
        return directory.resolveSibling("." + directory.getFileName() + ".retrospec-stamp");
    }

    static @Nullable Stamp read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return null; // unreadable: regenerate
        }
        if (!FORMAT.equals(properties.getProperty("format"))) {
            return null;
        }
        List<String> files = new ArrayList<>();
        for (int i = 0; properties.containsKey("file." + i); i++) {
            files.add(properties.getProperty("file." + i));
        }
        return new Stamp(
                properties.getProperty("inputs", ""),
                files,
                properties.getProperty("stats", ""),
                properties.getProperty("remote", ""),
                properties.getProperty("configuration", ""),
                properties.getProperty("generator", ""),
                properties.getProperty("output", ""));
    }

    void write(Path file) throws IOException {
        // Written by hand rather than with Properties.store, which adds a date and follows no order: the stamp is
        // reproducible too.
        StringBuilder text = new StringBuilder()
                .append("# Retrospec: what generated the directory beside this file. Delete it to regenerate.\n")
                .append("format=")
                .append(FORMAT)
                .append('\n')
                .append("inputs=")
                .append(inputs)
                .append('\n');
        for (int i = 0; i < files.size(); i++) {
            text.append("file.")
                    .append(i)
                    .append('=')
                    .append(escape(files.get(i)))
                    .append('\n');
        }
        text.append("stats=")
                .append(stats)
                .append('\n')
                .append("remote=")
                .append(remote)
                .append('\n')
                .append("configuration=")
                .append(configuration)
                .append('\n')
                .append("generator=")
                .append(generator)
                .append('\n')
                .append("output=")
                .append(output)
                .append('\n');
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A value as {@link Properties#load} reads it back. */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\f' -> escaped.append("\\f");
                case ' ' -> escaped.append(i == 0 ? "\\ " : " ");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** This stamp for the output as it now is. */
    Stamp withOutput(String currentOutput) {
        return new Stamp(inputs, files, stats, remote, configuration, generator, currentOutput);
    }

    /** Why {@code this} (the wanted state) is not what {@code previous} recorded; null if nothing changed. */
    @Nullable
    String reasonToRegenerate(@Nullable Stamp previous, String currentOutput) {
        if (previous == null) {
            return "no earlier generation recorded";
        }
        if (!previous.generator.equals(generator)) {
            return "the generator changed";
        }
        if (!previous.configuration.equals(configuration)) {
            return "the configuration changed";
        }
        if (!previous.inputs.equals(inputs)) {
            return "the description or a file it references changed";
        }
        if (!previous.remote.equals(remote)) {
            return "a document a remote reference names changed";
        }
        if (!previous.output.equals(currentOutput)) {
            return "the generated sources were changed or removed";
        }
        return null;
    }

    /**
     * The size and modification time of each file: equal stats are taken for equal content, as git's index and
     * Gradle do, so that an unchanged build need not read the files; different stats fall back to the digest.
     */
    static String stats(List<Path> files) throws IOException {
        StringBuilder stats = new StringBuilder();
        for (Path file : files) {
            stats.append(stats.isEmpty() ? "" : ",").append(sizeAndTime(file));
        }
        return stats.toString();
    }

    private static String sizeAndTime(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + ":" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /** How a stamp names an input file: relative to the description's folder, with forward slashes. */
    static String name(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    /** A digest of the files, {@linkplain #name named} relative to {@code base}, each with its content. */
    static String digestFiles(Path base, Iterable<Path> files) throws IOException {
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(name(base, file).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A digest of the names, sizes and modification times of every file under {@code directory}; empty if it does
     * not exist. Plain {@link File} calls: on a cold JVM several times faster than walking the tree with NIO, and a
     * large client has more than a thousand files.
     */
    static String digestOutput(Path directory) {
        File root = directory.toFile();
        if (!root.isDirectory()) {
            return "";
        }
        StringBuilder listing = new StringBuilder();
        list(root, "", listing);
        return digestText(listing.toString());
    }

    private static void list(File directory, String prefix, StringBuilder listing) {
        String[] names = directory.list();
        if (names == null) {
            return;
        }
        Arrays.sort(names);
        for (String name : names) {
            File file = new File(directory, name);
            if (file.isDirectory()) {
                list(file, prefix + name + "/", listing);
            } else {
                listing.append(prefix)
                        .append(name)
                        .append(':')
                        .append(file.length())
                        .append(':')
                        .append(file.lastModified())
                        .append('\n');
            }
        }
    }

    /**
     * A 64-bit FNV-1a hash of the text and its length: enough to see a change where no one is trying to collide, and
     * free of the security provider that a cold JVM takes tens of milliseconds to load (the file digests, computed
     * only when a file's size or time changed, still use SHA-256).
     */
    static String digestText(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return HexFormat.of().toHexDigits(hash) + "-" + text.length();
    }

    /**
     * The generator's identity: the plugin's version and its jar's size and time (or a digest of its class directory
     * when run from a build), so that a rebuilt snapshot of the plugin regenerates too.
     */
    static String generatorIdentity() {
        return GeneratorIdentity.VALUE;
    }

    private static final class GeneratorIdentity {
        static final String VALUE = compute();

        private static String compute() {
            String version = "unknown";
            try (InputStream in = Stamp.class.getResourceAsStream(
                    "/META-INF/maven/dev.retrospec/retrospec-maven-plugin/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    version = properties.getProperty("version", version);
                }
                Path code = Path.of(Stamp.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
                if (!Files.isDirectory(code)) {
                    // A rebuilt jar is rewritten: its size and time tell, where reading it would cost more than all the
                    // rest of an unchanged build.
                    return version + "/" + sizeAndTime(code);
                }
                List<Path> files;
                try (Stream<Path> walk = Files.walk(code)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                return version + "/"
                        + digestFiles(dev.retrospec.codegen.load.ReferencedFiles.parentOf(code), files)
                                .substring(0, 16);
            } catch (IOException | URISyntaxException | RuntimeException e) {
                throw new UncheckedIOException(
                        "cannot identify the generator's own code",
                        e instanceof IOException io ? io : new IOException(e));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required on every JVM", e);
        }
    }
}
