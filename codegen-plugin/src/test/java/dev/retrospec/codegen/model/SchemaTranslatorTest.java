package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.retrospec.codegen.model.TypeDef.Access;
import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Presence;
import dev.retrospec.codegen.model.TypeDef.Property;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaTranslatorTest {
    private static SchemaTranslator translate(ModelContext context) {
        SchemaTranslator schemas = new SchemaTranslator(context);
        schemas.translateComponents();
        return schemas;
    }

    private static ObjectDef object(ModelContext context, String name) {
        return (ObjectDef) context.type(name);
    }

    @Test
    void anObjectBecomesARecordWhosePropertiesSayWhetherTheyMayBeAbsentOrNull() {
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    Pet:
                      type: object
                      required: [id, name]
                      properties:
                        id: {type: integer, format: int64, readOnly: true}
                        name: {type: string, nullable: true}
                        tag: {type: string}
                        owner: {type: string, nullable: true, writeOnly: true, deprecated: true, default: nobody}
                """);
        translate(context);

        assertThat(object(context, "Pet").properties())
                .containsExactly(
                        new Property(
                                "id",
                                "id",
                                new TypeRef.Primitive(TypeRef.Kind.INT64),
                                Presence.REQUIRED,
                                Access.READ_ONLY,
                                null,
                                false,
                                null),
                        new Property(
                                "name",
                                "name",
                                TypeRef.STRING,
                                Presence.REQUIRED_NULLABLE,
                                Access.READ_WRITE,
                                null,
                                false,
                                null),
                        new Property(
                                "tag", "tag", TypeRef.STRING, Presence.OPTIONAL, Access.READ_WRITE, null, false, null),
                        new Property(
                                "owner",
                                "owner",
                                TypeRef.STRING,
                                Presence.OPTIONAL_NULLABLE,
                                Access.WRITE_ONLY,
                                null,
                                true,
                                "\"nobody\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{type: integer, format: int32}                 | INT32",
                "{type: integer}                                | INT64",
                "{type: integer, format: int64}                 | INT64",
                "{type: integer, format: uint64}                | BIG_INTEGER",
                "{type: integer, maximum: 99999999999999999999} | BIG_INTEGER",
                "{type: number}                                 | DECIMAL",
                "{type: number, format: float}                  | FLOAT",
                "{type: string, format: date-time}              | DATE_TIME",
                "{type: string, format: uuid}                   | UUID",
                "{type: string, format: byte}                   | BYTES",
                "{type: string, format: binary}                 | BINARY",
                "{}                                             | ANY",
            })
    void scalarsMapByTypeAndFormat(String schema, TypeRef.Kind kind) {
        ModelContext context = Descriptions.context(
                "paths: {}\ncomponents:\n  schemas:\n    Box:\n      type: object\n      properties:\n        value: "
                        + schema + "\n");
        translate(context);

        assertThat(object(context, "Box").properties().get(0).type()).isEqualTo(new TypeRef.Primitive(kind));
    }

    @Test
    void aTypeArrayOfSeveralTypesIsAnyValueUnlessItIsIntegerAndNumber() {
        ModelContext context = Descriptions.context("""
                openapi: 3.1.0
                info: {title: Test, version: '1'}
                paths: {}
                components:
                  schemas:
                    Mixed:
                      type: object
                      properties:
                        either: {type: [string, integer]}
                        count: {type: [integer, number, 'null']}
                        name: {type: [string, 'null']}
                """);
        translate(context);

        assertThat(object(context, "Mixed").properties())
                .extracting(Property::wireName, Property::type)
                .containsExactly(
                        tuple("either", TypeRef.ANY),
                        tuple("count", new TypeRef.Primitive(TypeRef.Kind.DECIMAL)),
                        tuple("name", TypeRef.STRING));
    }

    @Test
    void typeMappingsReplaceBuiltInTypesAndSchemas() {
        ModelContext context = Descriptions.context(
                """
                paths: {}
                components:
                  schemas:
                    Money: {type: object, properties: {amount: {type: number}}}
                    Invoice:
                      type: object
                      properties:
                        issued: {type: string, format: date-time}
                        total: {$ref: '#/components/schemas/Money'}
                """,
                new ModelBuilder.Options(
                        null,
                        TypeMappings.of(
                                java.util.Map.of("date-time", "java.time.Instant"),
                                java.util.Map.of("Money", "com.example.Money"),
                                new java.util.ArrayList<>()),
                        ModelBuilder.Options.DEFAULT_MAX_TYPES));
        translate(context);

        assertThat(context.type("Money")).as("a mapped schema is not generated").isNull();
        assertThat(object(context, "Invoice").properties())
                .extracting(Property::type)
                .containsExactly(new TypeRef.External("java.time.Instant"), new TypeRef.External("com.example.Money"));
    }

    @Test
    void anInlineObjectIsNamedFromWhereItIsAndTranslatedOnceHoweverOftenItIsReached() {
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    Drawing:
                      type: object
                      properties:
                        label:
                          type: object
                          properties:
                            text: {type: string}
                        copy: {$ref: '#/components/schemas/Drawing/properties/label'}
                """);
        translate(context);

        assertThat(object(context, "Drawing").properties())
                .extracting(Property::type)
                .containsExactly(new TypeRef.Named("DrawingLabel"), new TypeRef.Named("DrawingLabel"));
        assertThat(context.types()).extracting(TypeDef::name).containsExactlyInAnyOrder("Drawing", "DrawingLabel");
    }

    @Test
    void allOfIsFlattenedTheNearestDefinitionWinning() {
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    Base:
                      type: object
                      required: [id]
                      properties:
                        id: {type: string}
                        size: {type: integer}
                    Derived:
                      allOf:
                        - $ref: '#/components/schemas/Base'
                        - type: object
                          properties:
                            size: {type: string}
                            extra: {type: boolean}
                """);
        translate(context);

        assertThat(object(context, "Derived").properties())
                .extracting(Property::wireName, Property::type, Property::presence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", TypeRef.STRING, Presence.REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("size", TypeRef.STRING, Presence.OPTIONAL),
                        org.assertj.core.groups.Tuple.tuple(
                                "extra", new TypeRef.Primitive(TypeRef.Kind.BOOLEAN), Presence.OPTIONAL));
    }

    @Test
    void anEnumKeepsEachValueOnceAndNullIsNotAValue() {
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    Status:
                      type: string
                      nullable: true
                      enum: [in-progress, done, UNKNOWN, done, null]
                """);
        translate(context);

        EnumDef status = (EnumDef) context.type("Status");
        assertThat(status.values())
                .containsExactly(
                        new EnumValue("IN_PROGRESS", "in-progress"),
                        new EnumValue("DONE", "done"),
                        new EnumValue("UNKNOWN", "UNKNOWN"));
    }

    @Test
    void enumsOfNumbersStayNumbersAndEnumsTooLargeForJavaArePlainStringsWithAWarning() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i <= SchemaTranslator.MAX_ENUM_VALUES; i++) {
            values.append(i == 0 ? "" : ", ").append("v").append(i);
        }
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    Level: {type: integer, enum: [1, 2, 3]}
                    Huge: {type: string, enum: [%s]}
                    Holder:
                      type: object
                      properties:
                        level: {$ref: '#/components/schemas/Level'}
                        huge: {$ref: '#/components/schemas/Huge'}
                """.formatted(values));
        translate(context);

        assertThat(context.type("Level")).isNull();
        assertThat(context.type("Huge")).isNull();
        ObjectDef holder = (ObjectDef) context.type("Holder");
        assertThat(holder.properties())
                .extracting(p -> p.type())
                .containsExactly(new TypeRef.Primitive(TypeRef.Kind.INT64), new TypeRef.Primitive(TypeRef.Kind.STRING));
        assertThat(context.problems())
                .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("#/components/schemas/Huge/enum"));
    }

    @Test
    void schemasThatDifferOnlyByCaseGetDistinctNamesTheExactOneKeepingItsOwn() {
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    pet: {type: object, properties: {a: {type: string}}}
                    Pet: {type: object, properties: {b: {type: string}}}
                """);
        SchemaTranslator schemas = translate(context);

        assertThat(schemas.componentTypeName("Pet")).isEqualTo("Pet");
        assertThat(schemas.componentTypeName("pet")).isEqualTo("Pet2");
    }

    @Test
    void aCycleOfAliasesIsReportedWithItsPathAndReadAsAnything() {
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    A: {$ref: '#/components/schemas/B'}
                    B: {$ref: '#/components/schemas/A'}
                    Holder: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}
                """);
        translate(context);

        assertThat(object(context, "Holder").properties().get(0).type()).isEqualTo(TypeRef.ANY);
        assertThat(Descriptions.problems(context))
                .containsExactly(
                        "test.yaml:9:5: warning: #/components/schemas/B: $ref '#/components/schemas/A' closes a cycle"
                                + " of schemas that only refer to each other (A -> B -> A); using Object");
    }

    @Test
    void referencesIntoSchemasThatLeadNowhereAreLocatedErrors() {
        ModelContext context = Descriptions.context("""
                paths: {}
                components:
                  schemas:
                    Holder:
                      type: object
                      properties:
                        a: {$ref: '#/components/schemas/Holder/properties/missing'}
                        b: {$ref: '#/components/schemas/Holder/oneOf/x'}
                """);
        translate(context);

        assertThat(Descriptions.problems(context))
                .containsExactly(
                        "test.yaml:11:9: error: #/components/schemas/Holder/properties/a: $ref"
                                + " '#/components/schemas/Holder/properties/missing' does not resolve: nothing at that"
                                + " place",
                        "test.yaml:12:9: error: #/components/schemas/Holder/properties/b: $ref"
                                + " '#/components/schemas/Holder/oneOf/x' does not resolve: nothing at that place");
    }

    @Test
    void nullIsAValueWhenTheSchemaOrTheComponentItReferencesSaysSo() {
        ModelContext context = Descriptions.context("""
                openapi: 3.1.0
                info: {title: Test, version: '1'}
                paths: {}
                components:
                  schemas:
                    MaybeUser: {type: [object, 'null'], properties: {login: {type: string}}}
                    Issue:
                      type: object
                      required: [assignee, closer, labels]
                      properties:
                        assignee: {$ref: '#/components/schemas/MaybeUser'}
                        closer:
                          oneOf:
                            - $ref: '#/components/schemas/MaybeUser'
                            - type: 'null'
                        labels: {type: array, items: {type: string}}
                """);
        translate(context);

        assertThat(object(context, "Issue").properties())
                .extracting(Property::presence)
                .isEqualTo(List.of(Presence.REQUIRED_NULLABLE, Presence.REQUIRED_NULLABLE, Presence.REQUIRED));
    }

    @Test
    void aChainOfReferencesLongerThanTheNestingCeilingIsNotNesting() {
        // Link0.next is Link1, ... Link299.next is Link0: 300 components, each one level deep
        StringBuilder yaml = new StringBuilder("paths: {}\ncomponents:\n  schemas:\n");
        int links = SchemaTranslator.MAX_DEPTH * 4 + 44;
        for (int i = 0; i < links; i++) {
            yaml.append("    Link")
                    .append(i)
                    .append(":\n      type: object\n      properties:\n        next: {$ref: '#/components/schemas/Link")
                    .append((i + 1) % links)
                    .append("'}\n");
        }
        ModelContext context = Descriptions.context(yaml.toString());
        translate(context);

        assertThat(Descriptions.problems(context)).isEmpty();
        assertThat(object(context, "Link0").properties().get(0).type()).isEqualTo(new TypeRef.Named("Link1"));
        assertThat(object(context, "Link299").properties().get(0).type()).isEqualTo(new TypeRef.Named("Link0"));
    }
}
