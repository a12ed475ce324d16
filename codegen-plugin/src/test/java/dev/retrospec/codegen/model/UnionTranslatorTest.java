package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import dev.retrospec.codegen.model.TypeDef.RecordVariant;
import dev.retrospec.codegen.model.TypeDef.UnionDef;
import dev.retrospec.codegen.model.TypeDef.WrapperVariant;
import org.junit.jupiter.api.Test;

class UnionTranslatorTest {
    private static ModelContext translate(String yaml) {
        ModelContext context = Descriptions.context(yaml);
        SchemaTranslator schemas = new SchemaTranslator(context);
        schemas.translateComponents();
        schemas.unions().joinUnions();
        return context;
    }

    @Test
    void aDiscriminatedOneOfBecomesASealedUnionOfRecordsThatLoseTheDiscriminatorProperty() {
        ModelContext context = translate("""
                paths: {}
                components:
                  schemas:
                    Pet:
                      oneOf:
                        - $ref: '#/components/schemas/Cat'
                        - $ref: '#/components/schemas/Dog'
                      discriminator:
                        propertyName: kind
                        mapping:
                          cat: '#/components/schemas/Cat'
                          kitten: '#/components/schemas/Cat'
                    Cat: {type: object, properties: {kind: {type: string}, lives: {type: integer}}}
                    Dog: {type: object, properties: {kind: {type: string}}}
                """);

        UnionDef pet = (UnionDef) context.type("Pet");
        assertThat(pet.discriminator()).isEqualTo("kind");
        assertThat(pet.variants())
                .containsExactly(
                        new RecordVariant("Cat", java.util.List.of("cat", "kitten")),
                        new RecordVariant("Dog", java.util.List.of("Dog")));
        ObjectDef cat = (ObjectDef) context.type("Cat");
        assertThat(cat.implementsUnions()).containsExactly("Pet");
        assertThat(cat.properties()).extracting(Property::wireName).containsExactly("lives");
    }

    @Test
    void valuesThatAreNotObjectsAreWrappedAndNamedByTheirType() {
        ModelContext context = translate("""
                paths: {}
                components:
                  schemas:
                    Shape:
                      oneOf:
                        - type: string
                        - type: array
                          items: {type: integer, format: int32}
                        - type: object
                          title: circle
                          properties: {radius: {type: number}}
                """);

        UnionDef shape = (UnionDef) context.type("Shape");
        assertThat(shape.variants())
                .containsExactly(
                        new WrapperVariant("OfString", TypeRef.STRING),
                        new WrapperVariant(
                                "OfIntegerList", new TypeRef.ListOf(new TypeRef.Primitive(TypeRef.Kind.INT32), false)),
                        new RecordVariant("ShapeCircle", java.util.List.of()));
        assertThat(((ObjectDef) context.type("ShapeCircle")).implementsUnions()).containsExactly("Shape");
    }

    @Test
    void aNullAlternativeOrAlternativesThatOnlyConstrainMakeNoUnion() {
        ModelContext context = translate("""
                openapi: 3.1.0
                info: {title: Test, version: '1'}
                paths: {}
                components:
                  schemas:
                    Name:
                      oneOf:
                        - type: string
                        - type: 'null'
                    Contact:
                      type: object
                      properties:
                        email: {type: string}
                        phone: {type: string}
                      anyOf:
                        - required: [email]
                        - required: [phone]
                """);

        assertThat(context.type("Name"))
                .as("a nullable string is no type of its own")
                .isNull();
        assertThat(context.type("Contact")).isInstanceOf(ObjectDef.class);
    }

    @Test
    void aDiscriminatorBaseExtendedWithAllOfIsTheUnionOfItsChildren() {
        ModelContext context = translate("""
                paths: {}
                components:
                  schemas:
                    Animal:
                      type: object
                      required: [type]
                      properties: {type: {type: string}}
                      discriminator: {propertyName: type}
                    Bird:
                      allOf:
                        - $ref: '#/components/schemas/Animal'
                        - type: object
                          properties: {wings: {type: integer}}
                """);

        assertThat(((UnionDef) context.type("Animal")).variants())
                .containsExactly(new RecordVariant("Bird", java.util.List.of("Bird")));
        assertThat(((ObjectDef) context.type("Bird")).properties())
                .extracting(Property::wireName)
                .containsExactly("wings");
    }
}
