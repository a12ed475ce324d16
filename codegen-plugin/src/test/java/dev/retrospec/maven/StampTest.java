package dev.retrospec.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampTest {
  @TempDir
  Path dir;

  @Test
  void saysWhyItRegeneratesOrThatNothingChanged() {
    Stamp recorded = new Stamp("in", "conf", "gen", "out");

    assertThat(recorded.reasonToRegenerate(recorded, "out")).isNull();
    assertThat(new Stamp("in", "conf", "gen", "").reasonToRegenerate(null, "out"))
        .isEqualTo("no earlier generation recorded");
    assertThat(new Stamp("in", "conf", "gen2", "").reasonToRegenerate(recorded, "out"))
        .isEqualTo("the generator changed");
    assertThat(new Stamp("in", "conf2", "gen", "").reasonToRegenerate(recorded, "out"))
        .isEqualTo("the configuration changed");
    assertThat(new Stamp("in2", "conf", "gen", "").reasonToRegenerate(recorded, "out"))
        .isEqualTo("the description or a file it references changed");
    assertThat(new Stamp("in", "conf", "gen", "").reasonToRegenerate(recorded, "edited"))
        .isEqualTo("the generated sources were changed or removed");
  }

  @Test
  void roundTripsWithoutADateAndRejectsOtherFormats() throws Exception {
    Path file = dir.resolve(".out.retrospec-stamp");
    Stamp stamp = new Stamp("a", "b", "c", "d");
    stamp.write(file);
    String first = Files.readString(file);
    stamp.write(file);

    assertThat(Files.readString(file)).isEqualTo(first).doesNotContainPattern("20\\d\\d");
    assertThat(Stamp.read(file)).isEqualTo(stamp);
    Files.writeString(file, first.replace("format=1", "format=0"));
    assertThat(Stamp.read(file)).isNull();
  }

  @Test
  void outputDigestSeesRemovedAndChangedFiles() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("a"));
    Files.writeString(out.resolve("a/One.java"), "one");
    Files.writeString(out.resolve("a/Two.java"), "two");
    String before = Stamp.digestOutput(out);

    Files.writeString(out.resolve("a/Two.java"), "changed");
    String changed = Stamp.digestOutput(out);
    Files.delete(out.resolve("a/One.java"));

    assertThat(changed).isNotEqualTo(before);
    assertThat(Stamp.digestOutput(out)).isNotEqualTo(changed);
    assertThat(Stamp.digestOutput(dir.resolve("missing"))).isEmpty();
    assertThat(Stamp.fileFor(out)).isEqualTo(dir.resolve(".out.retrospec-stamp").toAbsolutePath());
  }
}
