package dev.retrospec.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampTest {
    private static final List<String> FILES = List.of("api.yaml", "schemas/pet.yaml");

    @TempDir
    Path dir;

    @Test
    void saysWhyItRegeneratesOrThatNothingChanged() {
        Stamp recorded = new Stamp("in", FILES, "1:2", "", "conf", "gen", "out");

        assertThat(recorded.reasonToRegenerate(recorded, "out")).isNull();
        assertThat(new Stamp("in", FILES, "1:2", "", "conf", "gen", "").reasonToRegenerate(null, "out"))
                .isEqualTo("no earlier generation recorded");
        assertThat(new Stamp("in", FILES, "1:2", "", "conf", "gen2", "").reasonToRegenerate(recorded, "out"))
                .isEqualTo("the generator changed");
        assertThat(new Stamp("in", FILES, "1:2", "", "conf2", "gen", "").reasonToRegenerate(recorded, "out"))
                .isEqualTo("the configuration changed");
        assertThat(new Stamp("in2", FILES, "1:2", "", "conf", "gen", "").reasonToRegenerate(recorded, "out"))
                .isEqualTo("the description or a file it references changed");
        assertThat(new Stamp("in", FILES, "1:2", "remote2", "conf", "gen", "").reasonToRegenerate(recorded, "out"))
                .isEqualTo("a document a remote reference names changed");
        assertThat(new Stamp("in", FILES, "1:2", "", "conf", "gen", "").reasonToRegenerate(recorded, "edited"))
                .isEqualTo("the generated sources were changed or removed");
    }

    @Test
    void roundTripsWithoutADateAndRejectsOtherFormats() throws Exception {
        Path file = dir.resolve(".out.retrospec-stamp");
        Stamp stamp = new Stamp("a", FILES, "1:2", "", "b", "c", "d");
        stamp.write(file);
        String first = Files.readString(file);
        stamp.write(file);

        assertThat(Files.readString(file)).isEqualTo(first).doesNotContainPattern("20\\d\\d");
        assertThat(Stamp.read(file)).isEqualTo(stamp);
        Files.writeString(file, first.replace("format=" + Stamp.FORMAT, "format=1"));
        assertThat(Stamp.read(file)).isNull();
    }

    @Test
    void keepsTheInputFileNamesWhateverCharactersTheyHave() throws Exception {
        Path file = dir.resolve(".out.retrospec-stamp");
        List<String> names = List.of(" leading space.yaml", "back\\slash/é=:#!.yaml", "tab\there.json");
        Stamp stamp = new Stamp("in", names, "1:2,3:4,5:6", "", "conf", "gen", "out");
        stamp.write(file);

        assertThat(Stamp.read(file)).isEqualTo(stamp);
        assertThat(Stamp.read(file).files()).containsExactlyElementsOf(names);
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
        assertThat(Stamp.fileFor(out))
                .isEqualTo(dir.resolve(".out.retrospec-stamp").toAbsolutePath());
    }
}
