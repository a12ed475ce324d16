package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.TypeDef;
import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import dev.retrospec.codegen.model.TypeDef.UnionDef;
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
     * An enum as a Java enum whose constants know their text: {@code OpenEnum<E>} in the runtime carries the values
     * this client does not know, so the enum itself stays as small as a hand-written one.
     */
    private TypeSpec enumType(EnumDef def) {
        TypeSpec.Builder type = TypeSpec.enumBuilder(
                        ClassName.get(common.options().modelPackage(), def.name()))
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(RuntimeTypes.WIRE_ENUM);
        common.decorate(type);
        String description = Docs.paragraphs(def.description());
        if (!description.isEmpty()) {
            type.addJavadoc("$L\n", description);
        }
        if (def.deprecated()) {
            type.addAnnotation(Deprecated.class);
        }
        for (EnumValue value : def.values()) {
            type.addEnumConstant(
                    value.javaName(),
                    TypeSpec.anonymousClassBuilder("$L", Literals.string(value.wireValue()))
                            .build());
        }
        type.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder()
                .addParameter(String.class, "value")
                .addStatement("this.value = value")
                .build());
        type.addMethod(MethodSpec.methodBuilder("value")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return value")
                .build());
        return type.build();
    }
}
