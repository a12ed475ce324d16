package dev.retrospec.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.GeneratorOptions;
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
