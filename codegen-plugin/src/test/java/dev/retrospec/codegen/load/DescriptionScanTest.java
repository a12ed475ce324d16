package dev.retrospec.codegen.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
