package dev.retrospec.codegen.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptionScanTest {
    @TempDir
    Path dir;

    @Test
    void aRefKeyInsideAnExampleADefaultOrAnExtensionIsDataNotAReference() throws IOException {
        Path spec = dir.resolve("api.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: Data, version: '1'}
                paths:
                  /things:
                    get:
                      responses:
                        '200':
                          description: Things.
                          content:
                            application/json:
                              schema:
                                type: object
                                default: {$ref: 'https://example.com/default'}
                                example: {$ref: 'https://example.com/example'}
                                x-origin: {$ref: 'https://example.com/extension'}
                                properties:
                                  default: {$ref: 'https://example.com/a-property-named-default'}
                              examples:
                                inline:
                                  value: [{$ref: 'https://example.com/inline'}]
                                shared:
                                  $ref: 'https://example.com/an-example-object'
                components:
                  examples:
                    value:
                      value: {members: [{$ref: 'https://example.com/scim-user'}]}
                  schemas:
                    Listed:
                      type: string
                      enum: [{$ref: 'https://example.com/enum'}]
                      examples: [{$ref: 'https://example.com/schema-examples'}]
                """, StandardCharsets.UTF_8);

        DescriptionScan.Result result = DescriptionScan.of(spec, "api.yaml", null, DescriptionScan.DEFAULT_MAX_NODES);

        assertThat(result.remote())
                .extracting(DescriptionScan.RemoteReference::pointer)
                .containsExactlyInAnyOrder(
                        "#/paths/~1things/get/responses/200/content/application~1json/schema/properties/default",
                        "#/paths/~1things/get/responses/200/content/application~1json/examples/shared");
    }

    /**
     * Every golden description, both syntaxes: each member's location is where its key is written (bare, or quoted),
     * each array element's where its value starts.
     */
    @Test
    void everyPointerIsLocatedWhereItsKeyOrValueIsWritten() throws IOException {
        try (var cases = Files.list(Path.of("src/test/golden"))) {
            for (Path golden : cases.sorted().toList()) {
                for (String name : new String[] {"spec.yaml", "spec.json"}) {
                    Path spec = golden.resolve(name);
                    if (!Files.isRegularFile(spec)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
                    Map<String, SourceMap.Location> index = DescriptionScan.of(
                                    spec, name, null, DescriptionScan.DEFAULT_MAX_NODES)
                            .rootIndex();

                    assertThat(index).as(spec.toString()).hasSizeGreaterThan(10);
                    index.forEach((pointer, at) -> {
                        String from = lines.get(at.line() - 1).substring(at.column() - 1);
                        String key = pointer.substring(pointer.lastIndexOf('/') + 1)
                                .replace("~1", "/")
                                .replace("~0", "~");
                        boolean atKey =
                                from.startsWith(key) || from.startsWith("\"" + key) || from.startsWith("'" + key);
                        boolean atElement = key.chars().allMatch(Character::isDigit)
                                && !from.isEmpty()
                                && !Character.isWhitespace(from.charAt(0));
                        assertThat(pointer.equals("#") || atKey || atElement)
                                .as("%s %s at %s: %s", spec, pointer, at, from)
                                .isTrue();
                    });
                }
            }
        }
    }

    @Test
    void columnsCountCharactersNotBytesInJson() throws IOException {
        Path spec = dir.resolve("api.json");
        String text = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Grüße, 世界\",\"version\":\"1\"},\"paths\":{}}";
        Files.writeString(spec, text, StandardCharsets.UTF_8);

        DescriptionScan.Result result = DescriptionScan.of(spec, "api.json", null, DescriptionScan.DEFAULT_MAX_NODES);

        assertThat(result.rootIndex().get("#/paths").column()).isEqualTo(text.indexOf("\"paths\"") + 1);
        assertThat(result.rootIndex().get("#/info/version").column()).isEqualTo(text.indexOf("\"version\"") + 1);
    }

    @Test
    void aScanStoppedByTheNodeCeilingIndexesNothing() throws IOException {
        Path spec = dir.resolve("api.yaml");
        Files.writeString(
                spec, "openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths: {}\n", StandardCharsets.UTF_8);

        assertThat(DescriptionScan.of(spec, "api.yaml", null, 3).rootIndex()).isNull();
        assertThat(DescriptionScan.of(spec, "api.yaml", null, 100).rootIndex()).containsKey("#/info/title");
    }

    @Test
    void textIsFoundByTheLastSegmentsOfItsPointer() {
        java.util.regex.Pattern spec = java.util.regex.Pattern.compile(
                ".*/(description|summary|title|default|const|enum/[0-9]+|x-enum-descriptions/[0-9]+)$");
        String[] segments = {
            "#",
            "description",
            "summary",
            "title",
            "default",
            "const",
            "enum",
            "x-enum-descriptions",
            "0",
            "12",
            "1a",
            "",
            "paths",
            "~1enum",
            "x-enum",
            "descriptions",
            "properties",
            "name",
            "3enum"
        };
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder pointer = new StringBuilder("#");
            int depth = random.nextInt(5);
            for (int d = 0; d < depth; d++) {
                pointer.append('/').append(segments[random.nextInt(segments.length)]);
            }
            String text = pointer.toString();
            assertThat(DescriptionScan.isText(text))
                    .as(text)
                    .isEqualTo(spec.matcher(text).matches());
        }
    }

    @Test
    void aByteOrderMarkNeitherHidesTheFileFromTheScanNorMovesItsColumns() throws IOException {
        Path json = dir.resolve("bom.json");
        String text = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"T\",\"version\":\"1\"},\"paths\":{}}";
        Files.writeString(json, "\uFEFF" + text, StandardCharsets.UTF_8);
        Path yaml = dir.resolve("bom.yaml");
        Files.writeString(yaml, """
                \uFEFFopenapi: 3.0.3
                info: {title: T, version: '1'}
                x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                x-c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                paths: {}
                """, StandardCharsets.UTF_8);

        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, text, StandardCharsets.UTF_8);

        assertThat(DescriptionScan.of(json, "bom.json", null, DescriptionScan.DEFAULT_MAX_NODES)
                        .rootIndex())
                .isEqualTo(DescriptionScan.of(plain, "plain.json", null, DescriptionScan.DEFAULT_MAX_NODES)
                        .rootIndex())
                .containsKey("#/paths");
        assertThat(DescriptionScan.of(yaml, "bom.yaml", null, 500).problems())
                .extracting(Problem::kind)
                .containsExactly(Problem.Kind.TOO_LARGE);
    }

    @Test
    void theRootKeepsItsIndexWhenOtherFilesAreScannedAfterIt() throws IOException {
        Path spec = dir.resolve("api.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: Split, version: '1'}
                paths:
                  /pets:
                    get:
                      $ref: 'ops/list.yml'
                """, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("ops"));
        Files.writeString(dir.resolve("ops/list.yml"), "responses: {'200': {description: Pets.}}\n");

        DescriptionScan.Result result = DescriptionScan.of(spec, "api.yaml", null, DescriptionScan.DEFAULT_MAX_NODES);

        assertThat(result.files()).hasSize(2);
        assertThat(result.rootIndex()).containsEntry("#/paths/~1pets/get", new SourceMap.Location(5, 5));
    }
}
