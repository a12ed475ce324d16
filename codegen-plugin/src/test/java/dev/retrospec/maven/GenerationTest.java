package dev.retrospec.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.load.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stamp's shortcut: an unchanged build reads no description, yet any change to any input still regenerates. */
class GenerationTest {
    @TempDir
    Path dir;

    private static final String API = """
      openapi: 3.0.3
      info: {title: Shop, version: '1'}
      paths:
        /orders:
          get:
            operationId: listOrders
            responses:
              '200':
                description: Orders.
                content:
                  application/json:
                    schema: {$ref: '%s'}
      """;

    @Test
    void aChangeToAReferencedFileRegeneratesEvenWhenTheListOfFilesCameFromTheStamp() throws Exception {
        Files.writeString(dir.resolve("api.yaml"), API.formatted("schemas/order.yaml#/Order"));
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/order.yaml"), "Order: {type: object, properties: {id: {type: string}}}");

        Generation.Outcome first = run();
        assertThat(first.upToDate()).isFalse();
        assertThat(first.inputs()).isEqualTo(2);
        assertThat(Stamp.read(Stamp.fileFor(output())).files()).containsExactly("api.yaml", "schemas/order.yaml");
        assertThat(run().upToDate()).isTrue();

        Files.writeString(
                dir.resolve("schemas/order.yaml"), "Order: {type: object, properties: {id: {type: integer}}}");
        Generation.Outcome changed = run();
        assertThat(changed.upToDate()).isFalse();
        assertThat(changed.reason()).isEqualTo("the description or a file it references changed");
        assertThat(run().upToDate()).isTrue();

        // The root now names another file: it is found, recorded, and watched from then on.
        Files.writeString(
                dir.resolve("schemas/order-v2.yaml"), "Order: {type: object, properties: {n: {type: string}}}");
        Files.writeString(dir.resolve("api.yaml"), API.formatted("schemas/order-v2.yaml#/Order"));
        assertThat(run().upToDate()).isFalse();
        assertThat(Stamp.read(Stamp.fileFor(output())).files()).containsExactly("api.yaml", "schemas/order-v2.yaml");
        Files.writeString(
                dir.resolve("schemas/order-v2.yaml"), "Order: {type: object, properties: {m: {type: string}}}");
        assertThat(run().upToDate()).isFalse();
        assertThat(Files.readString(output().resolve("com/example/shop/model/Order.java")))
                .contains("String m");
        // Touched but not changed: still current, and the stamp takes the new time so that it is not read again.
        String stats = Stamp.read(Stamp.fileFor(output())).stats();
        Files.setLastModifiedTime(dir.resolve("api.yaml"), java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        assertThat(run().upToDate()).isTrue();
        assertThat(Stamp.read(Stamp.fileFor(output())).stats())
                .isNotEqualTo(stats)
                .contains(":86400000000000,");

        // The file no longer referenced is no longer watched.
        Files.delete(dir.resolve("schemas/order.yaml"));
        assertThat(run().upToDate()).isTrue();
    }

    @Test
    void anotherRootIsReadAgainEvenIfItWasAmongTheFiles() throws Exception {
        // api.yaml uses other.yaml's schema, itself a whole description that uses schemas.yaml.
        Files.writeString(dir.resolve("api.yaml"), API.formatted("other.yaml#/components/schemas/Order"));
        Files.writeString(
                dir.resolve("other.yaml"),
                API.formatted("schemas.yaml#/Order").replace("/orders", "/other")
                        + "components: {schemas: {Order: {$ref: 'schemas.yaml#/Order'}}}\n");
        Files.writeString(dir.resolve("schemas.yaml"), "Order: {type: object, properties: {id: {type: string}}}");
        assertThat(run("api.yaml").inputs()).isEqualTo(3);
        assertThat(run("api.yaml").upToDate()).isTrue();

        Generation.Outcome other = run("other.yaml");
        assertThat(other.upToDate()).isFalse();
        assertThat(other.inputs()).isEqualTo(2);
        assertThat(Stamp.read(Stamp.fileFor(output())).files()).containsExactly("other.yaml", "schemas.yaml");
    }

    private static final String COMPLETE = """
      openapi: 3.0.3
      info: {title: Shop, version: '1'}
      paths:
        /orders/{id}:
          get:
            operationId: getOrder
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
            responses:
              '200':
                description: An order.
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Order'}
        /carts:
          get:
            operationId: listCarts
            responses:
              '200': {description: Carts., content: {application/json: {schema: {type: array, items: {}}}}}
      webhooks:
        orderShipped:
          post:
            responses:
              '200': {description: Acknowledged.}
      components:
        schemas:
          Order:
            type: object
            properties:
              status: {type: string, enum: [open, shipped]}
              total: {oneOf: [{type: string}, {type: integer}]}
              receipt: {type: file}
      """;

    @Test
    void whatAGenerationProducedIsOneLineAndItsWarningsComeWithIt() throws Exception {
        Files.writeString(dir.resolve("api.yaml"), COMPLETE.replace("3.0.3", "3.1.0"));

        Generation.Outcome outcome = run();

        assertThat(outcome.produced()).isNotNull();
        assertThat(outcome.produced().line())
                .isEqualTo("2 operations in 1 interface; 1 record, 1 union, 1 enum; 1 warning (skipped or degraded:"
                        + " each is above, with where it is); 1 note");
        assertThat(outcome.warnings())
                .extracting(Problem::toString)
                .containsExactlyInAnyOrder(
                        "api.yaml:32:9: warning: #/components/schemas/Order/properties/receipt: unknown type 'file';"
                                + " using Object",
                        "api.yaml:20:1: info: #/webhooks: webhooks are not generated: they are requests the API sends"
                                + " to a server of the caller's, which a client does not serve (orderShipped)");
    }

    @Test
    void failOnWarningsFailsAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("api.yaml"), COMPLETE.replace("3.0.3", "3.1.0"));

        assertThatThrownBy(this::runFailingOnWarnings)
                .isInstanceOf(Generation.FailedOnWarnings.class)
                .hasMessage("1 warning in api.yaml, and failOnWarnings is set: nothing written");
        assertThat(output()).doesNotExist();

        // without it the same description generates, and turning it on later does not pass on the stamp's word
        assertThat(run().upToDate()).isFalse();
        assertThatThrownBy(this::runFailingOnWarnings).isInstanceOf(Generation.FailedOnWarnings.class);
    }

    private Generation.Outcome runFailingOnWarnings() throws Exception {
        return Generation.run(new Generation.Request(
                "api.yaml",
                dir,
                output(),
                getClass().getClassLoader(),
                GeneratorOptions.builder(dir.resolve("unresolved"), "com.example.shop"),
                true));
    }

    private Path output() {
        return dir.resolve("target/generated");
    }

    private Generation.Outcome run() throws Exception {
        return run("api.yaml");
    }

    private Generation.Outcome run(String spec) throws Exception {
        return Generation.run(new Generation.Request(
                spec,
                dir,
                output(),
                getClass().getClassLoader(),
                GeneratorOptions.builder(dir.resolve("unresolved"), "com.example.shop")));
    }
}
