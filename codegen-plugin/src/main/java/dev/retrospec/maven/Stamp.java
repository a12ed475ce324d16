package dev.retrospec.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a generation was made from, kept beside its output: digests of the inputs (the description and every file
 * it references), the configuration, the generator itself, and the output as written. Equal stamps mean the
 * output is current; the first digest that differs says why it is not.
 */
record Stamp(String inputs, String configuration, String generator, String output) {
  /** Bumped whenever what a stamp covers changes, so that older stamps never match. */
  static final String FORMAT = "1";

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
    return new Stamp(properties.getProperty("inputs", ""), properties.getProperty("configuration", ""),
        properties.getProperty("generator", ""), properties.getProperty("output", ""));
  }

  void write(Path file) throws IOException {
    // Written by hand rather than with Properties.store, which adds a date: the stamp is reproducible too.
    String text = "# Retrospec: what generated the directory beside this file. Delete it to regenerate.\n"
        + "format=" + FORMAT + "\n"
        + "inputs=" + inputs + "\n"
        + "configuration=" + configuration + "\n"
        + "generator=" + generator + "\n"
        + "output=" + output + "\n";
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Why {@code this} (the wanted state) is not what {@code previous} recorded; null if nothing changed. */
  @Nullable String reasonToRegenerate(@Nullable Stamp previous, String currentOutput) {
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
    if (!previous.output.equals(currentOutput)) {
      return "the generated sources were changed or removed";
    }
    return null;
  }

  /** A digest of the files, named relative to {@code base}, each with its content. */
  static String digestFiles(Path base, Iterable<Path> files) throws IOException {
    MessageDigest digest = sha256();
    for (Path file : files) {
      digest.update(base.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(file));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A digest of the names and sizes of every file under {@code directory}; empty if it does not exist. */
  static String digestOutput(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return "";
    }
    List<String> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        entries.add(directory.relativize(file).toString().replace('\\', '/') + ":" + Files.size(file));
      }
    }
    entries.sort(null);
    return digestText(String.join("\n", entries));
  }

  static String digestText(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The generator's identity: the plugin's version and a digest of its code (its jar, or its class directory when
   * run from a build), so that a rebuilt snapshot of the plugin regenerates too.
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
        Path code = Path.of(Stamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        if (Files.isDirectory(code)) {
          try (Stream<Path> walk = Files.walk(code)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
        } else {
          files = List.of(code);
        }
        return version + "/" + digestFiles(code.getParent(), files).substring(0, 16);
      } catch (IOException | URISyntaxException | RuntimeException e) {
        throw new UncheckedIOException("cannot identify the generator's own code",
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
