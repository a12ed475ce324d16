package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.TypeDef;
import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import dev.retrospec.codegen.model.TypeDef.UnionDef;
import java.util.List;
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

    /** Parameter slots a constructor has (255, one of them {@code this}); a long or a double takes two. */
    private static final int MAX_CONSTRUCTOR_SLOTS = 254;

    /**
     * Whether a record of {@code def} would have more components than its constructor has parameter slots: such an
     * object is a final class with the same accessors, built with a builder.
     */
    static boolean isWide(ObjectDef def, JavaTypes types) {
        return constructorSlots(def, types) > MAX_CONSTRUCTOR_SLOTS;
    }

    /** The parameter slots the record's canonical constructor takes: one per component, two for a long or double. */
    static int constructorSlots(ObjectDef def, JavaTypes types) {
        int slots = def.additionalProperties() == null ? 0 : 1;
        for (Property property : def.properties()) {
            TypeName type = types.property(property);
            slots += type.equals(TypeName.LONG) || type.equals(TypeName.DOUBLE) ? 2 : 1;
        }
        return slots;
    }

    private TypeSpec record(ObjectDef def) {
        if (isWide(def, types)) {
            return wide(def);
        }
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
            ParameterSpec.Builder component = ParameterSpec.builder(types.property(property), property.javaName());
            // Not @Deprecated: on a record component javac warns that it has no effect on the constructor parameter.
            constructor.addParameter(component.build());
            String propertyDoc = propertyDoc(property);
            if (!propertyDoc.isEmpty()) {
                if (first && !description.isEmpty()) {
                    doc.add("\n");
                }
                first = false;
                doc.add("$L\n", Docs.wrapped("@param " + property.javaName() + " " + propertyDoc));
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
        deprecation(type, def);
        return type.addJavadoc(doc.build()).build();
    }

    /**
     * {@code @Deprecated} on a type the description deprecates; on one that is not, but must name a deprecated type, the
     * suppression of javac's warning about it.
     */
    private void deprecation(TypeSpec.Builder type, TypeDef def) {
        if (def.deprecated()) {
            type.addAnnotation(Deprecated.class);
        } else if (common.deprecations().namedBy(def)) {
            type.addAnnotation(Deprecations.SUPPRESS);
        }
    }

    /**
     * An object with more properties than a record constructor takes: a final class with the accessors a record would
     * have, value equality and a builder. Each member is a statement of its own, so that no expression nests as deep
     * as the object is wide.
     */
    private TypeSpec wide(ObjectDef def) {
        ClassName self = ClassName.get(common.options().modelPackage(), def.name());
        ClassName builderName = self.nestedClass("Builder");
        TypeSpec.Builder type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        common.decorate(type);
        String description = Docs.paragraphs(def.description());
        type.addJavadoc(
                "$L$L",
                description.isEmpty() ? "" : description + "\n<p>",
                "A class rather than a record: it has more properties than a record's constructor takes. Make one\n"
                        + "with {@link #" + builderMethod(def) + "()}.\n");
        deprecation(type, def);
        for (String union : def.implementsUnions()) {
            type.addSuperinterface(ClassName.get(common.options().modelPackage(), union));
        }
        TypeSpec.Builder builder = TypeSpec.classBuilder(builderName)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Builds a {@link $T}; what is not set is null, or zero and false.\n", self);
        builder.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        MethodSpec.Builder constructor =
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(builderName, "builder");
        MethodSpec.Builder equals = MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(ParameterSpec.builder(ClassName.OBJECT.annotated(nullableAnnotation()), "other")
                        .build())
                .beginControlFlow("if (!(other instanceof $T that))", self)
                .addStatement("return false")
                .endControlFlow();
        MethodSpec.Builder hashCode = MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addStatement("int hash = 0");
        MethodSpec.Builder toString = MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("$T text = new $T($S)", StringBuilder.class, StringBuilder.class, def.name() + "[");
        List<Member> members = new java.util.ArrayList<>();
        for (Property property : def.properties()) {
            members.add(new Member(property.javaName(), types.property(property), propertyDoc(property)));
        }
        if (def.additionalProperties() != null) {
            members.add(new Member(
                    JsonAdapterEmitter.additionalComponent(def),
                    com.palantir.javapoet.ParameterizedTypeName.get(
                            ClassName.get(java.util.Map.class),
                            ClassName.get(String.class),
                            types.boxed(def.additionalProperties()).annotated(nullableAnnotation())),
                    "Properties the description does not name, as the API sent them."));
        }
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            type.addField(member.type(), member.name(), Modifier.PRIVATE, Modifier.FINAL);
            if (member.type() instanceof ParameterizedTypeName generic
                    && generic.rawType().equals(RuntimeTypes.OMITTABLE)) {
                builder.addField(com.palantir.javapoet.FieldSpec.builder(member.type(), member.name(), Modifier.PRIVATE)
                        .initializer("$T.absent()", RuntimeTypes.OMITTABLE)
                        .build()); // what the caller does not set is not sent
            } else {
                builder.addField(member.type(), member.name(), Modifier.PRIVATE);
            }
            constructor.addStatement("this.$N = builder.$N", member.name(), member.name());
            MethodSpec.Builder accessor = MethodSpec.methodBuilder(member.name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(member.type())
                    .addStatement("return $N", member.name());
            MethodSpec.Builder setter = MethodSpec.methodBuilder(member.name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builderName)
                    .addParameter(member.type(), member.name())
                    .addStatement("this.$N = $N", member.name(), member.name())
                    .addStatement("return this");
            if (!member.doc().isEmpty()) {
                accessor.addJavadoc("$L\n", member.doc());
                setter.addJavadoc("$L\n", member.doc());
            }
            type.addMethod(accessor.build());
            builder.addMethod(setter.build());
            // Fields through this.: a property may be named like a local (hash, text, that).
            TypeName javaType = member.type();
            if (javaType.equals(TypeName.FLOAT) || javaType.equals(TypeName.DOUBLE)) {
                equals.beginControlFlow(
                        "if ($T.compare(this.$N, that.$N) != 0)", javaType.box(), member.name(), member.name());
            } else if (javaType.isPrimitive()) {
                equals.beginControlFlow("if (this.$N != that.$N)", member.name(), member.name());
            } else {
                equals.beginControlFlow(
                        "if (!$T.equals(this.$N, that.$N))", java.util.Objects.class, member.name(), member.name());
            }
            equals.addStatement("return false").endControlFlow();
            hashCode.addStatement(
                    "hash = 31 * hash + $T.hashCode(this.$N)",
                    javaType.isPrimitive() ? javaType.box() : java.util.Objects.class,
                    member.name());
            toString.addStatement(
                    "text.append($S).append(this.$N)", (i == 0 ? "" : ", ") + member.name() + "=", member.name());
        }
        type.addMethod(constructor.build());
        type.addMethod(MethodSpec.methodBuilder(builderMethod(def))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(builderName)
                .addStatement("return new $T()", builderName)
                .build());
        builder.addMethod(MethodSpec.methodBuilder("build")
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addStatement("return new $T(this)", self)
                .build());
        type.addMethod(equals.addStatement("return true").build());
        type.addMethod(hashCode.addStatement("return hash").build());
        type.addMethod(
                toString.addStatement("return text.append(']').toString()").build());
        return type.addType(builder.build()).build();
    }

    /** The static method that starts a wide object's builder: {@code builder}, unless a property has that name. */
    static String builderMethod(ObjectDef def) {
        return def.properties().stream().anyMatch(p -> p.javaName().equals("builder")) ? "newBuilder" : "builder";
    }

    /** A field of a wide object, with its accessor's documentation. */
    private record Member(String name, TypeName type, String doc) {}

    private static AnnotationSpec nullableAnnotation() {
        return AnnotationSpec.builder(RuntimeTypes.NULLABLE).build();
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
        type.addJavadoc("$L", description.isEmpty() ? "" : description + "\n<p>");
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
        deprecation(type, def);
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
                        "JSON no variant of {@link $T} describes,\nkept as its text and written back unchanged.\n",
                        self)
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
