package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.TypeDef;
import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import dev.retrospec.codegen.model.TypeDef.UnionDef;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/** Records for object schemas, enums for enum schemas. */
final class ModelEmitter {
    private final JavaTypes types;
    private final Emitter.Common common;

    ModelEmitter(JavaTypes types, Emitter.Common common) {
        this.types = types;
        this.common = common;
    }

    TypeSpec emit(TypeDef def) {
        if (def instanceof EnumDef enumDef) {
            return enumType(enumDef);
        }
        if (def instanceof UnionDef union) {
            return unionType(union);
        }
        return record((ObjectDef) def);
    }

    private TypeSpec record(ObjectDef def) {
        TypeSpec.Builder type = TypeSpec.recordBuilder(def.name()).addModifiers(Modifier.PUBLIC);
        common.decorate(type);
        CodeBlock.Builder doc = CodeBlock.builder();
        String description = Docs.paragraphs(def.description());
        if (!description.isEmpty()) {
            doc.add("$L\n", description);
        }
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        boolean first = true;
        for (Property property : def.properties()) {
            ParameterSpec.Builder component = ParameterSpec.builder(
                    types.of(property.type(), property.presence().javaNullable()), property.javaName());
            // Not @Deprecated: on a record component javac warns that it has no effect on the constructor parameter.
            constructor.addParameter(component.build());
            String propertyDoc = propertyDoc(property);
            if (!propertyDoc.isEmpty()) {
                if (first && !description.isEmpty()) {
                    doc.add("\n");
                }
                first = false;
                doc.add("@param $L $L\n", property.javaName(), propertyDoc);
            }
        }
        if (def.additionalProperties() != null) {
            String name = JsonAdapterEmitter.additionalComponent(def);
            constructor.addParameter(ParameterSpec.builder(
                            com.palantir.javapoet.ParameterizedTypeName.get(
                                    ClassName.get(java.util.Map.class),
                                    ClassName.get(String.class),
                                    types.boxed(def.additionalProperties())
                                            .annotated(AnnotationSpec.builder(RuntimeTypes.NULLABLE)
                                                    .build())),
                            name)
                    .build());
            doc.add("@param $L Properties the description does not name, as the API sent them.\n", name);
        }
        type.recordConstructor(constructor.build());
        for (String union : def.implementsUnions()) {
            type.addSuperinterface(ClassName.get(common.options().modelPackage(), union));
        }
        if (def.deprecated()) {
            type.addAnnotation(Deprecated.class);
        }
        return type.addJavadoc(doc.build()).build();
    }

    /**
     * A union as a sealed interface: its variants are records implementing it, records nested in it that wrap a value
     * that is not an object, and {@code Unknown}, which keeps JSON no variant describes.
     */
    private TypeSpec unionType(UnionDef def) {
        ClassName self = ClassName.get(common.options().modelPackage(), def.name());
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
                .addSuperinterface(RuntimeTypes.UNION);
        common.decorate(type);
        String description = Docs.paragraphs(def.description());
        type.addJavadoc("$L", description.isEmpty() ? "" : description + "\n\n<p>");
        if (def.discriminator() != null) {
            type.addJavadoc(
                    "One of the variants below, told apart by $L; a value of a kind this client does"
                            + " not know\nreads as {@link Unknown}.\n",
                    Docs.code(def.discriminator()));
        } else {
            type.addJavadoc(
                    "One of the variants below, told apart by the JSON's shape: strings by their format, numbers"
                            + " by their\nwidth, objects by the names they have. JSON none of them describes reads as"
                            + " {@link Unknown}.\n");
        }
        if (def.deprecated()) {
            type.addAnnotation(Deprecated.class);
        }
        for (TypeDef.Variant variant : def.variants()) {
            if (!(variant instanceof TypeDef.WrapperVariant wrapped)) {
                type.addPermittedSubclass(ClassName.get(common.options().modelPackage(), variant.javaName()));
                continue;
            }
            ClassName wrapper = self.nestedClass(variant.javaName());
            type.addPermittedSubclass(wrapper);
            type.addType(TypeSpec.recordBuilder(wrapper)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addSuperinterface(self)
                    .addSuperinterface(RuntimeTypes.UNION_WRAPPER)
                    .recordConstructor(MethodSpec.constructorBuilder()
                            .addParameter(types.boxed(wrapped.wrapped()), "value")
                            .build())
                    .build());
        }
        ClassName unknown = self.nestedClass("Unknown");
        type.addPermittedSubclass(unknown);
        type.addType(TypeSpec.recordBuilder(unknown)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addSuperinterface(self)
                .addJavadoc(
                        "JSON no variant of {@link $T} describes, kept as its text and written back unchanged.\n", self)
                .recordConstructor(MethodSpec.constructorBuilder()
                        .addParameter(String.class, "json")
                        .build())
                .build());
        return type.build();
    }

    private static String propertyDoc(Property property) {
        StringBuilder doc = new StringBuilder(Docs.inline(property.description()));
        if (property.access() == TypeDef.Access.READ_ONLY) {
            doc.append(doc.length() > 0 ? " " : "").append("Set by the server; ignored in requests.");
        }
        if (property.access() == TypeDef.Access.WRITE_ONLY) {
            doc.append(doc.length() > 0 ? " " : "").append("Sent in requests; never returned.");
        }
        if (property.deprecated()) {
            doc.append(doc.length() > 0 ? " " : "").append("Deprecated.");
        }
        if (property.defaultValue() != null) {
            doc.append(doc.length() > 0 ? " " : "")
                    .append("Default: ")
                    .append(Docs.code(property.defaultValue()))
                    .append(".");
        }
        return doc.toString();
    }

    /**
     * An enum as a final class: a constant per known value, interned so {@code ==} works, {@link String} values kept
     * whatever they are, and a nested {@code Known} enum to {@code switch} on.
     */
    private TypeSpec enumType(EnumDef def) {
        ClassName self = ClassName.get(common.options().modelPackage(), def.name());
        ClassName known = self.nestedClass("Known");
        TypeSpec.Builder type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        common.decorate(type);
        String description = Docs.paragraphs(def.description());
        type.addJavadoc("$L", description.isEmpty() ? "" : description + "\n\n<p>");
        type.addJavadoc(
                "A constant for each value the API documents; {@link #of(String)} also accepts values it adds"
                        + " later,\nwhich keep their text ({@link #value()}) and read as {@link Known#$L} in {@link #known()}.\n",
                def.unknownConstant());
        if (def.deprecated()) {
            type.addAnnotation(Deprecated.class);
        }
        TypeSpec.Builder knownEnum = TypeSpec.enumBuilder(known)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The values this client knows, to {@code switch} on.\n");
        CodeBlock.Builder of = CodeBlock.builder()
                .addStatement("$T.requireNonNull(value, $S)", Objects.class, "value == null")
                .beginControlFlow("switch (value)");
        for (EnumValue value : def.values()) {
            type.addField(FieldSpec.builder(self, value.javaName(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("$L\n", Docs.code(value.wireValue()))
                    .initializer("new $T($L, $T.$N)", self, Literals.string(value.wireValue()), known, value.javaName())
                    .build());
            knownEnum.addEnumConstant(value.javaName());
            of.add("case $L:\n", Literals.string(value.wireValue()))
                    .indent()
                    .addStatement("return $N", value.javaName())
                    .unindent();
        }
        knownEnum.addEnumConstant(
                def.unknownConstant(),
                TypeSpec.anonymousClassBuilder("")
                        .addJavadoc(
                                "A value this version of the client does not know; {@link $T#value()} has its text.\n",
                                self)
                        .build());
        of.add("default:\n")
                .indent()
                .addStatement("return new $T(value, $T.$N)", self, known, def.unknownConstant())
                .unindent()
                .endControlFlow();
        type.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL);
        type.addField(known, "known", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(String.class, "value")
                .addParameter(known, "known")
                .addStatement("this.value = value")
                .addStatement("this.known = known")
                .build());
        type.addMethod(MethodSpec.methodBuilder("of")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(String.class, "value")
                .addJavadoc("The constant for {@code value}, or a new instance if this client does not know it.\n")
                .addCode(of.build())
                .build());
        type.addMethod(MethodSpec.methodBuilder("value")
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc("The value as the API sends it.\n")
                .addStatement("return value")
                .build());
        type.addMethod(MethodSpec.methodBuilder("known")
                .addModifiers(Modifier.PUBLIC)
                .returns(known)
                .addJavadoc(
                        "The value as a constant to {@code switch} on; {@link Known#$L} if this client does not know"
                                + " it.\n",
                        def.unknownConstant())
                .addStatement("return known")
                .build());
        type.addMethod(MethodSpec.methodBuilder("isKnown")
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addStatement("return known != $T.$N", known, def.unknownConstant())
                .build());
        type.addMethod(MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(ParameterSpec.builder(
                                ClassName.OBJECT.annotated(AnnotationSpec.builder(RuntimeTypes.NULLABLE)
                                        .build()),
                                "other")
                        .build())
                .addStatement("return other instanceof $T that && value.equals(that.value)", self)
                .build());
        type.addMethod(MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addStatement("return value.hashCode()")
                .build());
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc("The value as the API sends it: query and path parameters use this.\n")
                .addStatement("return value")
                .build());
        type.addType(knownEnum.build());
        return type.build();
    }
}
