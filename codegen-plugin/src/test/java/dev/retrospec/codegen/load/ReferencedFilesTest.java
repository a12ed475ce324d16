package dev.retrospec.codegen.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencedFilesTest {
    @TempDir
    Path dir;

    @Test
    void followsRelativeReferencesTransitivelyAndIgnoresRemoteAndLocalOnes() throws Exception {
        Files.createDirectories(dir.resolve("schemas/common"));
        Files.writeString(
                dir.resolve("api.yaml"),
                String.join(
                        "\n",
                        "paths:",
                        "  /a: {$ref: 'paths/a.yaml'}",
                        "components:",
                        "  schemas:",
                        "    Pet: {$ref: 'schemas/pet.yaml#/Pet'}",
                        "    Local: {$ref: '#/components/schemas/Pet'}",
                        "    Remote: {$ref: 'https://example.com/x.yaml#/X'}",
                        "    Missing: {$ref: 'schemas/missing.yaml'}"));
        Files.createDirectories(dir.resolve("paths"));
        Files.writeString(dir.resolve("paths/a.yaml"), "get: {responses: {'200': {description: ok}}}");
        Files.writeString(dir.resolve("schemas/pet.yaml"), "Pet: {properties: {tag: {$ref: 'common/tag.json'}}}");
        Files.writeString(
                dir.resolve("schemas/common/tag.json"),
                "{\"type\": \"object\", \"properties\": {\"parent\": {\"$ref\": \"../pet.yaml#/Pet\"}}}");

        assertThat(ReferencedFiles.of(dir.resolve("api.yaml")))
                .containsExactly(
                        dir.resolve("api.yaml").toAbsolutePath(),
                        dir.resolve("paths/a.yaml").toAbsolutePath(),
                        dir.resolve("schemas/common/tag.json").toAbsolutePath(),
                        dir.resolve("schemas/pet.yaml").toAbsolutePath());
    }
}
