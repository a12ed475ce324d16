package dev.retrospec.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic OpenAPI 3.0 description of {@code operations} operations and {@code schemas} component schemas,
 * shaped like a big vendor's: 25 tags, path and query parameters, JSON bodies, paged lists, errors, and schemas with a
 * dozen properties each (scalars of every format, enums, arrays and maps, references to other schemas, nested objects),
 * some {@code allOf} extensions and some discriminated {@code oneOf} unions. Deterministic: a function of the two
 * numbers only, so the same numbers give the same bytes. The defaults, 1,000 and 3,000, make about 10 MB.
 *
 * <pre>
 *   SyntheticDescription &lt;output file&gt; [operations] [schemas]
 * </pre>
 */
public final class SyntheticDescription {
    private static final int TAGS = 25;
    private static final String[] WORDS = {
        "account",
        "billing",
        "catalog",
        "device",
        "event",
        "fleet",
        "gateway",
        "invoice",
        "journal",
        "ledger",
        "metric",
        "network",
        "order",
        "payment",
        "quota",
        "region",
        "shipment",
        "tenant",
        "usage",
        "vault",
        "webhook",
        "zone",
        "audit",
        "budget",
        "contract"
    };

    private final int operations;
    private final int schemas;
    private final BufferedWriter out;

    private SyntheticDescription(int operations, int schemas, BufferedWriter out) {
        this.operations = operations;
        this.schemas = schemas;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int operations = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int schemas = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        if (operations < 1 || schemas < 4) {
            throw new IllegalArgumentException("at least 1 operation and 4 schemas");
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SyntheticDescription(operations, schemas, out).write();
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d operations, %d schemas, %.1f MB%n",
                file,
                operations,
                schemas,
                Files.size(file) / 1e6);
    }

    private void write() throws IOException {
        line(0, "openapi: 3.0.3");
        line(0, "info:");
        line(1, "title: Synthetic");
        line(1, "version: '1'");
        line(1, "description: A synthetic description of " + operations + " operations and " + schemas + " schemas.");
        line(0, "servers:");
        line(1, "- url: https://synthetic.example.com/v1");
        line(0, "security:");
        line(1, "- bearer: []");
        line(0, "tags:");
        for (int t = 0; t < TAGS; t++) {
            line(1, "- name: " + WORDS[t]);
            line(2, "description: Operations on " + WORDS[t] + " resources.");
        }
        line(0, "paths:");
        for (int i = 0; i < operations; i++) {
            operation(i);
        }
        line(0, "components:");
        line(1, "securitySchemes:");
        line(2, "bearer:");
        line(3, "type: http");
        line(3, "scheme: bearer");
        line(1, "parameters:");
        line(2, "Limit:");
        line(3, "name: limit");
        line(3, "in: query");
        line(3, "description: The most items a page holds.");
        line(3, "schema: {type: integer, format: int32, minimum: 1, maximum: 100, default: 30}");
        line(1, "responses:");
        line(2, "NotFound:");
        line(3, "description: No such resource.");
        line(3, "content:");
        line(4, "application/json:");
        line(5, "schema: {$ref: '#/components/schemas/Error'}");
        line(1, "schemas:");
        line(2, "Error:");
        line(3, "type: object");
        line(3, "required: [code, message]");
        line(3, "properties:");
        line(4, "code: {type: string, description: A machine-readable code.}");
        line(4, "message: {type: string, description: What went wrong in words people read.}");
        line(4, "details: {type: array, items: {type: string}}");
        for (int i = 1; i < schemas; i++) {
            schema(i);
        }
    }

    /** Schema {@code i}'s name: {@code Error} is schema 0. */
    private static String schemaName(int i) {
        return i == 0
                ? "Error"
                : capitalize(WORDS[i % WORDS.length]) + capitalize(WORDS[(i / WORDS.length) % WORDS.length]) + i;
    }

    /** A schema an operation or property refers to: never a union base, so every reference is a plain record. */
    private int recordSchema(int seed) {
        int i = 1 + Math.floorMod(seed * 7919, schemas - 1);
        return i % 10 == 0 ? Math.max(1, i - 1) : i;
    }

    private void operation(int i) throws IOException {
        String tag = WORDS[i % TAGS];
        String resource = tag + "s" + (i / TAGS);
        int item = recordSchema(i);
        switch (i % 4) {
            case 0 -> {
                start(i, "/" + resource + "", "get", tag, "List " + resource + ", a page at a time.");
                line(4, "- $ref: '#/components/parameters/Limit'");
                query(4, "cursor", "{type: string}", "Where the page starts: the nextCursor of the page before.");
                query(4, "since", "{type: string, format: date-time}", "Only those changed since then.");
                query(4, "sort", "{type: string, enum: [created, updated, name]}", "The order they come in.");
                line(3, "responses:");
                line(4, "'200':");
                line(5, "description: A page.");
                line(5, "headers:");
                line(6, "X-Total-Count: {description: How many there are in all., schema: {type: integer}}");
                line(5, "content:");
                line(6, "application/json:");
                line(7, "schema:");
                line(8, "type: object");
                line(8, "required: [items]");
                line(8, "properties:");
                line(9, "items: {type: array, items: {$ref: '#/components/schemas/" + schemaName(item) + "'}}");
                line(9, "nextCursor: {type: string, nullable: true}");
            }
            case 1 -> {
                start(i, "/" + resource + "/{id}", "get", tag, "Get one of " + resource + " by its id.");
                path(4);
                line(3, "responses:");
                json(4, "'200'", "The resource.", item);
                line(4, "'404': {$ref: '#/components/responses/NotFound'}");
            }
            case 2 -> {
                start(i, "/" + resource + "", "post", tag, "Create one of " + resource + ".");
                line(4, "- {name: Idempotency-Key, in: header, required: false, schema: {type: string}}");
                line(3, "requestBody:");
                line(4, "required: true");
                line(4, "content:");
                line(5, "application/json:");
                line(6, "schema: {$ref: '#/components/schemas/" + schemaName(recordSchema(i + 1)) + "'}");
                line(3, "responses:");
                json(4, "'201'", "Created.", item);
                line(4, "'400':");
                line(5, "description: Not valid.");
                line(5, "content:");
                line(6, "application/json:");
                line(7, "schema: {$ref: '#/components/schemas/Error'}");
            }
            default -> {
                start(i, "/" + resource + "/{id}", "delete", tag, "Delete one of " + resource + ".");
                path(4);
                query(4, "force", "{type: boolean}", "Delete even if others refer to it.");
                line(3, "responses:");
                line(4, "'204': {description: Deleted.}");
                line(4, "'404': {$ref: '#/components/responses/NotFound'}");
            }
        }
    }

    /** An operation's path and method, its names and text, and the start of its parameters. */
    private void start(int i, String path, String method, String tag, String summary) throws IOException {
        line(1, path + ":");
        line(2, method + ":");
        line(3, "operationId: " + tag + "Op" + i);
        line(3, "tags: [" + tag + "]");
        line(3, "summary: " + summary);
        line(3, "description: |");
        line(4, "Operation " + i + " of the synthetic description. " + summary);
        line(4, "It is here to make the description as large as a big vendor's; its text says nothing more.");
        line(3, "parameters:");
    }

    private void path(int indent) throws IOException {
        line(indent, "- {name: id, in: path, required: true, description: The resource's id., schema: {type: string}}");
    }

    private void query(int indent, String name, String schema, String description) throws IOException {
        line(indent, "- {name: " + name + ", in: query, description: '" + description + "', schema: " + schema + "}");
    }

    private void json(int indent, String status, String description, int schema) throws IOException {
        line(indent, status + ":");
        line(indent + 1, "description: " + description);
        line(indent + 1, "content:");
        line(indent + 2, "application/json:");
        line(indent + 3, "schema: {$ref: '#/components/schemas/" + schemaName(schema) + "'}");
    }

    private void schema(int i) throws IOException {
        String name = schemaName(i);
        line(2, name + ":");
        if (i % 10 == 0) { // a union of the next two records, told apart by a discriminator
            String a = schemaName(i + 1 < schemas ? i + 1 : 1);
            String b = schemaName(i + 2 < schemas ? i + 2 : 2);
            line(3, "description: One of two kinds of " + name + ".");
            line(3, "oneOf:");
            line(4, "- $ref: '#/components/schemas/" + a + "'");
            line(4, "- $ref: '#/components/schemas/" + b + "'");
            line(3, "discriminator:");
            line(4, "propertyName: kind");
            line(4, "mapping:");
            line(5, a + ": '#/components/schemas/" + a + "'");
            line(5, b + ": '#/components/schemas/" + b + "'");
            return;
        }
        if (i % 10 == 7) { // an extension of a plain record before it: no allOf cycles
            line(3, "allOf:");
            line(4, "- $ref: '#/components/schemas/" + schemaName(i - 6) + "'");
            line(4, "- type: object");
            line(5, "properties:");
            line(6, "extra" + i + ": {type: string, description: What the extension adds.}");
            return;
        }
        line(3, "type: object");
        line(3, "description: |");
        line(
                4,
                "Schema " + i + " of the synthetic description: a " + WORDS[i % WORDS.length]
                        + " record with a dozen properties of every kind.");
        line(4, "Its text is here to make the description as large as a big vendor's.");
        line(3, "required: [id, kind, createdAt]");
        line(3, "properties:");
        line(4, "id: {type: string, format: uuid, description: The identifier., readOnly: true}");
        line(4, "kind: {type: string, description: The kind of record; a union's discriminator.}");
        line(4, "name: {type: string, maxLength: 200, description: A name people read., example: Example name}");
        line(4, "createdAt: {type: string, format: date-time, description: When it was created.}");
        line(4, "day: {type: string, format: date, description: The day it belongs to.}");
        line(4, "count: {type: integer, format: int32, description: How many there are.}");
        line(4, "total: {type: integer, format: int64, description: The running total.}");
        line(4, "amount: {type: number, description: An exact amount.}");
        line(4, "active: {type: boolean, default: true, description: Whether it is in use.}");
        line(4, "status:");
        line(5, "type: string");
        line(5, "description: Where it is in its life.");
        line(5, "enum: [draft, active, suspended, closed]");
        line(4, "labels: {type: object, additionalProperties: {type: string}, description: Free labels.}");
        line(4, "tags: {type: array, items: {type: string}, description: Tags to find it by.}");
        line(4, "owner: {$ref: '#/components/schemas/" + schemaName(recordSchema(i + 11)) + "'}");
        line(4, "related:");
        line(5, "type: array");
        line(5, "items: {$ref: '#/components/schemas/" + schemaName(recordSchema(i + 13)) + "'}");
        line(4, "address:");
        line(5, "type: object");
        line(5, "description: Where it is.");
        line(5, "properties:");
        line(6, "street: {type: string}");
        line(6, "city: {type: string}");
        line(6, "postcode: {type: string, pattern: '^[0-9A-Z -]+$'}");
        line(6, "country: {type: string, minLength: 2, maxLength: 2}");
        line(4, "createdBy: {type: string, description: Who created it; an account id.}");
        line(4, "updatedAt: {type: string, format: date-time, description: When it last changed.}");
        line(4, "version: {type: integer, format: int64, description: Increases with every change.}");
        line(4, "etag: {type: string, description: The version as an opaque tag for conditional requests.}");
        line(4, "externalId: {type: string, nullable: true, description: The id another system knows it by.}");
        line(4, "currency: {type: string, pattern: '^[A-Z]{3}$', description: The ISO 4217 code of amount.}");
        line(4, "priority:");
        line(5, "type: integer");
        line(5, "description: How soon it is handled; 1 first.");
        line(5, "enum: [1, 2, 3, 4, 5]");
        line(4, "metadata: {type: object, additionalProperties: true, description: Anything the caller keeps here.}");
        line(4, "limits:");
        line(5, "type: object");
        line(5, "description: What it may use.");
        line(5, "properties:");
        line(6, "requests: {type: integer, format: int32, description: Requests a minute.}");
        line(6, "storage: {type: integer, format: int64, description: Bytes it may store.}");
        line(6, "seats: {type: integer, format: int32, description: People who may use it.}");
        line(4, "history:");
        line(5, "type: array");
        line(5, "description: What happened to it, oldest first.");
        line(5, "items:");
        line(6, "type: object");
        line(6, "required: [at, change]");
        line(6, "properties:");
        line(7, "at: {type: string, format: date-time, description: When.}");
        line(7, "by: {type: string, description: Who.}");
        line(7, "change: {type: string, enum: [created, updated, suspended, resumed, closed], description: What.}");
    }

    private void line(int indent, String text) throws IOException {
        out.write("  ".repeat(indent));
        out.write(text);
        out.write('\n');
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
