package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Descriptions past the 3 MiB that SnakeYAML and swagger-parser refuse by default load like any other: big vendors
 * publish 5 to 15 MB. The descriptions are made here, from a few hundred operations and schemas with long texts.
 */
class BigDescriptionTest {
    /** Operations and schemas: each schema has about 15 KB of text, so that 260 of them pass 3.25 MiB. */
    private static final int COUNT = 260;

    private static final long PAST_THE_DEFAULT_LIMIT = 3L * 1024 * 1024 + 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void anOpenApiYamlPastThreeMebibytesGenerates() throws Exception {
        Path spec = write("big.yaml", openApi(COUNT));
        assertThat(Files.size(spec)).isGreaterThan(PAST_THE_DEFAULT_LIMIT);

        Generator.Result result = Generator.generate(
                GeneratorOptions.builder(spec, "com.example.big").build());

        assertThat(result.model().services().stream()
                        .mapToLong(s -> s.operations().size())
                        .sum())
                .isEqualTo(COUNT);
        assertThat(result.files()).anyMatch(f -> f.path().endsWith("/Item" + (COUNT - 1) + ".java"));
    }

    @Test
    void aSwagger2YamlPastThreeMebibytesGenerates() throws Exception {
        Path spec = write("big2.yaml", swagger2(COUNT));
        assertThat(Files.size(spec)).isGreaterThan(PAST_THE_DEFAULT_LIMIT);

        Generator.Result result = Generator.generate(
                GeneratorOptions.builder(spec, "com.example.big").build());

        assertThat(result.files()).anyMatch(f -> f.path().endsWith("/Item" + (COUNT - 1) + ".java"));
    }

    @Test
    void aReferencedFilePastThreeMebibytesIsRead() throws Exception {
        write("schemas.yaml", schemasFile(COUNT));
        Path spec = write("root.yaml", """
                openapi: 3.0.3
                info: {title: Big, version: '1'}
                paths:
                  /items:
                    get:
                      operationId: getItem
                      responses:
                        '200':
                          description: An item.
                          content:
                            application/json:
                              schema: {$ref: 'schemas.yaml#/Item259'}
                """);
        assertThat(Files.size(dir.resolve("schemas.yaml"))).isGreaterThan(PAST_THE_DEFAULT_LIMIT);

        Generator.Result result = Generator.generate(
                GeneratorOptions.builder(spec, "com.example.big").build());

        assertThat(result.files()).anyMatch(f -> f.path().endsWith("/Item" + (COUNT - 1) + ".java"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** About 15 KB of description text per schema: long paragraphs, as vendors write them. */
    private static String text(int i) {
        return ("Paragraph " + i + " of a long description that explains what this field means in detail. ")
                .repeat(170);
    }

    private static String openApi(int count) {
        StringBuilder out = new StringBuilder("openapi: 3.0.3\ninfo: {title: Big, version: '1'}\npaths:\n");
        for (int i = 0; i < count; i++) {
            out.append("  /items")
                    .append(i)
                    .append(":\n    get:\n      operationId: getItem")
                    .append(i)
                    .append("\n      responses:\n        '200':\n          description: An item.\n")
                    .append("          content:\n            application/json:\n              schema:")
                    .append(" {$ref: '#/components/schemas/Item")
                    .append(i)
                    .append("'}\n");
        }
        out.append("components:\n  schemas:\n");
        schemas(out, count, "    ");
        return out.toString();
    }

    private static String swagger2(int count) {
        StringBuilder out = new StringBuilder("swagger: '2.0'\ninfo: {title: Big, version: '1'}\npaths:\n");
        for (int i = 0; i < count; i++) {
            out.append("  /items")
                    .append(i)
                    .append(":\n    get:\n      operationId: getItem")
                    .append(i)
                    .append("\n      produces: [application/json]\n      responses:\n        '200':\n")
                    .append("          description: An item.\n          schema: {$ref: '#/definitions/Item")
                    .append(i)
                    .append("'}\n");
        }
        out.append("definitions:\n");
        schemas(out, count, "  ");
        return out.toString();
    }

    private static String schemasFile(int count) {
        StringBuilder out = new StringBuilder();
        schemas(out, count, "");
        return out.toString();
    }

    private static void schemas(StringBuilder out, int count, String indent) {
        for (int i = 0; i < count; i++) {
            out.append(indent)
                    .append("Item")
                    .append(i)
                    .append(":\n")
                    .append(indent)
                    .append("  type: object\n")
                    .append(indent)
                    .append("  properties:\n")
                    .append(indent)
                    .append("    name:\n")
                    .append(indent)
                    .append("      type: string\n")
                    .append(indent)
                    .append("      description: '")
                    .append(text(i))
                    .append("'\n");
        }
    }
}
