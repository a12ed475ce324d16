package dev.retrospec.codegen.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecLoaderTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "paths.'/a/{id}'(get).responses.200 | #/paths/~1a~1{id}/get/responses/200",
                "components.schemas.Pet.Owner | #/components/schemas/Pet/Owner",
                "paths.'/a'(get).parameters.[q].in | #/paths/~1a/get/parameters",
                "paths.'/a'(get).responses.200.content.'application/json'.schema.#/components/schemas/X"
                        + " | #/paths/~1a/get/responses/200/content/application~1json/schema",
                "info.version | #/info/version",
            })
    void swaggerParserLocationsBecomeJsonPointers(String location, String pointer) {
        assertThat(SpecLoader.toPointer(location)).isEqualTo(pointer);
    }

    @Test
    void pointersAreFoundOnTheirLines(@TempDir Path dir) throws Exception {
        String yaml = String.join(
                "\n",
                "openapi: 3.0.3",
                "paths:",
                "  /pets/{id}:",
                "    get:",
                "      parameters:",
                "        - name: id",
                "          in: path",
                "        - name: q");
        Path spec = dir.resolve("api.yaml");
        Files.writeString(spec, yaml, StandardCharsets.UTF_8);
        var index = DescriptionScan.of(spec, "api.yaml", null, DescriptionScan.DEFAULT_MAX_NODES)
                .rootIndex();
        assertThat(index.get("#/paths/~1pets~1{id}/get")).isEqualTo(new SourceMap.Location(4, 5));
        assertThat(index.get("#/paths/~1pets~1{id}/get/parameters/1/name")).isEqualTo(new SourceMap.Location(8, 11));
    }

    @Test
    void aMissingFileIsOneClearProblem() {
        SpecProblemsException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                SpecProblemsException.class, () -> SpecLoader.load(Path.of("no/such/api.yaml"), "no/such/api.yaml"));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly("no/such/api.yaml: error: no such file");
    }
}
