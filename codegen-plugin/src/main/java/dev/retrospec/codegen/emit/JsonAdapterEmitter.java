package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.TypeDef.Access;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Presence;
import dev.retrospec.codegen.model.TypeDef.Property;
import dev.retrospec.codegen.model.TypeRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * A Moshi {@code JsonAdapter} per record, written as a careful person would write one: names matched with
 * {@code JsonReader.Options}, numbers read exactly, required properties and non-null values checked with the path
 * and the schema in the message, unknown names skipped (or kept where the schema keeps additional properties),
 * values written in declaration order. No reflection. Unions have their own emitter, {@link UnionAdapterEmitter}.
 */
final class JsonAdapterEmitter {
    private static final AnnotationSpec OVERRIDE =
            AnnotationSpec.builder(Override.class).build();

    private final JavaTypes types;
    private final Emitter.Common common;

    JsonAdapterEmitter(JavaTypes types, Emitter.Common common) {
        this.types = types;
        this.common = common;
    }

    /** The adapter's class name for a model type. */
    static ClassName adapterName(EmitOptions options, String typeName) {
        return ClassName.get(options.jsonPackage(), typeName + "JsonAdapter");
    }

    /** How one property is read and written. */
    private record Slot(Property property, String local, TypeName javaType, Read read, int requiredBit) {}

    /** Whether the slot holds an {@code Omittable}: absent, null and a value kept apart. */
    private static boolean omittable(Slot slot) {
        return slot.property().presence() == Presence.OPTIONAL_NULLABLE;
    }

    /** Reading a value inline (strings, numbers, booleans) or through another adapter. */
    private record Read(
            CodeBlock expression,
            boolean primitive,
            @Nullable String adapterField) {}

    TypeSpec record(ObjectDef def, List<Discriminated> labels) {
        ClassName self = ClassName.get(common.options().modelPackage(), def.name());
        ClassName adapter = adapterName(common.options(), def.name());
        TypeSpec.Builder type = TypeSpec.classBuilder(adapter)
                .addModifiers(Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(RuntimeTypes.JSON_ADAPTER, self))
                .addJavadoc("Reads and writes {@link $T}.\n", self);
        common.decorate(type);
        if (def.deprecated()) {
            suppressDeprecation(type);
        }

        NameAllocator locals = new NameAllocator();
        for (String reserved : List.of(
                "reader", "writer", "value", "strictness", "moshi", "names", "entry", "additional", "label", "built")) {
            locals.newName(reserved, reserved);
        }
        Adapters adapters = new Adapters();
        List<Slot> slots = new ArrayList<>();
        int requiredCount = 0;
        for (Property property : def.properties()) {
            boolean primitiveLocal = property.presence() == Presence.REQUIRED
                    && types.primitive(property.type()).isPrimitive();
            TypeName javaType = primitiveLocal ? types.primitive(property.type()) : types.boxed(property.type());
            Read read = read(property.type(), adapters);
            int bit = property.presence().required() ? requiredCount++ : -1;
            slots.add(new Slot(property, locals.newName(property.javaName()), javaType, read, bit));
        }
        TypeRef additionalType = def.additionalProperties();
        Additional additional = additionalType == null
                ? null
                : new Additional(types.boxed(additionalType), adapters.field(types.boxed(additionalType)));

        CodeBlock.Builder names = CodeBlock.builder();
        for (int i = 0; i < slots.size(); i++) {
            names.add(
                    i == 0 ? "$L" : ",$W$L",
                    Literals.string(slots.get(i).property().wireName()));
        }
        type.addField(FieldSpec.builder(
                        RuntimeTypes.JSON_READER_OPTIONS, "NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($L)", RuntimeTypes.JSON_READER_OPTIONS, names.build())
                .build());
        type.addField(RuntimeTypes.STRICTNESS, "strictness", Modifier.PRIVATE, Modifier.FINAL);
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addParameter(RuntimeTypes.MOSHI, "moshi")
                .addParameter(RuntimeTypes.STRICTNESS, "strictness")
                .addStatement("this.strictness = strictness");
        adapters.declare(type, constructor);
        type.addMethod(constructor.build());
        type.addMethod(fromJson(def, self, slots, additional));
        type.addMethod(toJson(def, self, slots, additional, labels));
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $S", "GeneratedJsonAdapter(" + def.name() + ")")
                .build());
        return type.build();
    }

    /** The Java type of a record's additional properties' values, and the adapter field for them. */
    private record Additional(TypeName valueType, String adapterField) {}

    /** An adapter of a type the description deprecates still reads and writes it, without a warning. */
    static void suppressDeprecation(TypeSpec.Builder type) {
        type.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "deprecation")
                .build());
    }

    /** A discriminator property and value a record writes because it is a variant of a discriminated union. */
    record Discriminated(String property, String label) {}

    private MethodSpec fromJson(ObjectDef def, ClassName self, List<Slot> slots, @Nullable Additional additional) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("fromJson")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addParameter(RuntimeTypes.JSON_READER, "reader")
                .addException(IOException.class);
        boolean anyNonNull = slots.stream()
                .anyMatch(s ->
                        !s.property().presence().javaNullable() && !s.read().primitive());
        if (anyNonNull) {
            method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "NullAway")
                    .build());
            method.addComment("Non-null components are checked above, unless the client asked for leniency.");
        }
        for (Slot slot : slots) {
            if (omittable(slot)) {
                method.addStatement(
                        "$T $N = $T.absent()",
                        ParameterizedTypeName.get(RuntimeTypes.OMITTABLE, slot.javaType()),
                        slot.local(),
                        RuntimeTypes.OMITTABLE);
            } else if (slot.javaType().isPrimitive()) {
                method.addStatement("$T $N = $L", slot.javaType(), slot.local(), zero(slot.javaType()));
            } else {
                method.addStatement("$T $N = null", slot.javaType().annotated(nullable()), slot.local());
            }
        }
        int words =
                (int) Math.ceil(slots.stream().filter(s -> s.requiredBit() >= 0).count() / 64.0);
        for (int w = 0; w < words; w++) {
            method.addStatement("long seen$L = 0L", w);
        }
        if (additional != null) {
            method.addStatement(
                    "$T<String, $T> additional = new $T<>()",
                    Map.class,
                    additional.valueType().annotated(nullable()),
                    LinkedHashMap.class);
        }
        method.addStatement("reader.beginObject()").beginControlFlow("while (reader.hasNext())");
        method.beginControlFlow("switch (reader.selectName(NAMES))");
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            method.beginControlFlow("case $L ->", i);
            method.addCode(readInto(def, slot));
            if (slot.requiredBit() >= 0) {
                method.addStatement("seen$L |= $LL", slot.requiredBit() / 64, bitValue(slot.requiredBit() % 64));
            }
            method.endControlFlow();
        }
        method.beginControlFlow("default ->");
        if (additional != null) {
            method.addStatement(
                    "additional.put(reader.nextName(), this.$N.fromJson(reader))", additional.adapterField());
        } else {
            method.addStatement("reader.skipName()").addStatement("reader.skipValue()");
        }
        method.endControlFlow().endControlFlow().endControlFlow().addStatement("reader.endObject()");
        for (Slot slot : slots) {
            if (slot.requiredBit() >= 0) {
                method.beginControlFlow(
                                "if ((seen$L & $LL) == 0)", slot.requiredBit() / 64, bitValue(slot.requiredBit() % 64))
                        .addStatement(
                                "$T.missing(reader, strictness, $L, $S)",
                                RuntimeTypes.JSON_VALUES,
                                Literals.string(slot.property().wireName()),
                                def.name())
                        .endControlFlow();
            }
        }
        if (ModelEmitter.isWide(def, types)) {
            // One statement per property: a chain of calls as long as the object is wide would nest as deep.
            ClassName builder = self.nestedClass("Builder");
            method.addStatement("$T built = $T.$N()", builder, self, ModelEmitter.builderMethod(def));
            for (Slot slot : slots) {
                method.addStatement("built.$N($N)", slot.property().javaName(), slot.local());
            }
            if (additional != null) {
                method.addStatement(
                        "built.$N($T.unmodifiableMap(additional))",
                        additionalComponent(def),
                        java.util.Collections.class);
            }
            return method.addStatement("return built.build()").build();
        }
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (int i = 0; i < slots.size(); i++) {
            arguments.add(i == 0 ? "$N" : ",$W$N", slots.get(i).local());
        }
        if (additional != null) {
            arguments.add(
                    slots.isEmpty() ? "$T.unmodifiableMap(additional)" : ",$W$T.unmodifiableMap(additional)",
                    java.util.Collections.class);
        }
        return method.addStatement("return new $T($L)", self, arguments.build()).build();
    }

    /** The statements of one {@code case}: the value, or what a {@code null} in its place means. */
    private CodeBlock readInto(ObjectDef def, Slot slot) {
        if (omittable(slot)) {
            return CodeBlock.builder()
                    .addStatement(
                            "$N = reader.peek() == $T.NULL ? $T.explicitNull(reader) : $T.ofNullable($L)",
                            slot.local(),
                            RuntimeTypes.JSON_READER_TOKEN,
                            RuntimeTypes.JSON_VALUES,
                            RuntimeTypes.OMITTABLE,
                            slot.read().expression())
                    .build();
        }
        boolean nullable = slot.property().presence().nullable();
        CodeBlock whenNull = nullable
                ? CodeBlock.of("reader.nextNull()")
                : CodeBlock.of(
                        "$T.unexpectedNull(reader, strictness, $L, $S)",
                        RuntimeTypes.JSON_VALUES,
                        Literals.string(slot.property().wireName()),
                        def.name());
        if (slot.javaType().isPrimitive()) {
            return CodeBlock.builder()
                    .beginControlFlow("if (reader.peek() == $T.NULL)", RuntimeTypes.JSON_READER_TOKEN)
                    .addStatement("$L", whenNull)
                    .nextControlFlow("else")
                    .addStatement("$N = $L", slot.local(), slot.read().expression())
                    .endControlFlow()
                    .build();
        }
        return CodeBlock.builder()
                .addStatement(
                        "$N = reader.peek() == $T.NULL ? $L : $L",
                        slot.local(),
                        RuntimeTypes.JSON_READER_TOKEN,
                        whenNull,
                        slot.read().expression())
                .build();
    }

    private MethodSpec toJson(
            ObjectDef def,
            ClassName self,
            List<Slot> slots,
            @Nullable Additional additional,
            List<Discriminated> labels) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("toJson")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeTypes.JSON_WRITER, "writer")
                .addParameter(self.annotated(nullable()), "value")
                .addException(IOException.class);
        method.beginControlFlow("if (value == null)")
                .addStatement("writer.nullValue()")
                .addStatement("return")
                .endControlFlow()
                .addStatement("writer.beginObject()");
        for (Discriminated label : labels) {
            method.addStatement(
                    "writer.name($L).value($L)", Literals.string(label.property()), Literals.string(label.label()));
        }
        for (Slot slot : slots) {
            Property property = slot.property();
            if (property.access() == Access.READ_ONLY && property.presence().javaNullable()) {
                continue; // the server sets it; a request never sends it
            }
            CodeBlock name = Literals.string(property.wireName());
            CodeBlock accessor = CodeBlock.of("value.$N()", property.javaName());
            if (omittable(slot)) {
                // Absent is left out, null is written even where the writer leaves nulls out: the caller chose it.
                // A component a caller left null is absent.
                method.addStatement(
                                "$T $N = $L",
                                ParameterizedTypeName.get(RuntimeTypes.OMITTABLE, slot.javaType())
                                        .annotated(nullable()),
                                slot.local(),
                                accessor)
                        .beginControlFlow("if ($N != null && !$N.isAbsent())", slot.local(), slot.local())
                        .addStatement("writer.name($L)", name)
                        .beginControlFlow("if ($N.isNull())", slot.local())
                        .addStatement("$T.requiredNull(writer)", RuntimeTypes.JSON_VALUES)
                        .nextControlFlow("else")
                        .addCode(write(slot, CodeBlock.of("$N.get()", slot.local())))
                        .endControlFlow()
                        .endControlFlow();
            } else if (!property.presence().javaNullable()) {
                method.addStatement("writer.name($L)", name).addCode(write(slot, accessor));
            } else if (property.presence() == Presence.REQUIRED_NULLABLE) {
                method.addStatement("$T $N = $L", slot.javaType().annotated(nullable()), slot.local(), accessor)
                        .addStatement("writer.name($L)", name)
                        .beginControlFlow("if ($N == null)", slot.local())
                        .addStatement("$T.requiredNull(writer)", RuntimeTypes.JSON_VALUES)
                        .nextControlFlow("else")
                        .addCode(write(slot, CodeBlock.of("$N", slot.local())))
                        .endControlFlow();
            } else {
                method.addStatement("$T $N = $L", slot.javaType().annotated(nullable()), slot.local(), accessor)
                        .beginControlFlow("if ($N != null)", slot.local())
                        .addStatement("writer.name($L)", name)
                        .addCode(write(slot, CodeBlock.of("$N", slot.local())))
                        .endControlFlow();
            }
        }
        if (additional != null) {
            method.beginControlFlow(
                            "for ($T.Entry<String, $T> entry : value.$N().entrySet())",
                            Map.class,
                            additional.valueType().annotated(nullable()),
                            additionalComponent(def))
                    .addStatement("writer.name(entry.getKey())")
                    .addStatement("this.$N.toJson(writer, entry.getValue())", additional.adapterField())
                    .endControlFlow();
        }
        return method.addStatement("writer.endObject()").build();
    }

    /** The name of the component holding additional properties: as {@link ModelEmitter} names it. */
    static String additionalComponent(ObjectDef def) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        def.properties().forEach(p -> taken.add(p.javaName().toLowerCase(java.util.Locale.ROOT)));
        return dev.retrospec.codegen.model.Names.unique("additionalProperties", taken);
    }

    private CodeBlock write(Slot slot, CodeBlock value) {
        if (slot.read().adapterField() == null && slot.javaType().equals(TypeName.FLOAT)) {
            // As a Number: widened to a double, 0.1F would be written 0.10000000149011612.
            return CodeBlock.builder()
                    .addStatement("writer.value(($T) $L)", Float.class, value)
                    .build();
        }
        if (slot.read().adapterField() == null) {
            return CodeBlock.builder().addStatement("writer.value($L)", value).build();
        }
        return CodeBlock.builder()
                .addStatement("this.$N.toJson(writer, $L)", slot.read().adapterField(), value)
                .build();
    }

    /** How a value of {@code type} is read: inline for strings, numbers and booleans, else by an adapter. */
    private Read read(TypeRef type, Adapters adapters) {
        if (type instanceof TypeRef.Primitive p) {
            switch (p.kind()) {
                case STRING, TIME -> {
                    return new Read(CodeBlock.of("reader.nextString()"), false, null);
                }
                case BOOLEAN -> {
                    return new Read(CodeBlock.of("reader.nextBoolean()"), true, null);
                }
                case INT32 -> {
                    return new Read(CodeBlock.of("reader.nextInt()"), true, null);
                }
                case INT64 -> {
                    return new Read(CodeBlock.of("reader.nextLong()"), true, null);
                }
                case FLOAT -> {
                    return new Read(CodeBlock.of("(float) reader.nextDouble()"), true, null);
                }
                case DOUBLE -> {
                    return new Read(CodeBlock.of("reader.nextDouble()"), true, null);
                }
                case DECIMAL -> {
                    return new Read(CodeBlock.of("$T.decimal(reader)", RuntimeTypes.JSON_VALUES), false, null);
                }
                case BIG_INTEGER -> {
                    return new Read(CodeBlock.of("$T.bigInteger(reader)", RuntimeTypes.JSON_VALUES), false, null);
                }
                default -> {}
            }
        }
        String field = adapters.field(types.boxed(type));
        return new Read(CodeBlock.of("this.$N.fromJson(reader)", field), false, field);
    }

    private static CodeBlock zero(TypeName type) {
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("false");
        }
        if (type.equals(TypeName.LONG)) {
            return CodeBlock.of("0L");
        }
        if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("0F");
        }
        if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("0D");
        }
        return CodeBlock.of("0");
    }

    private static String bitValue(int bit) {
        return "0x" + Long.toHexString(1L << bit);
    }

    private static AnnotationSpec nullable() {
        return AnnotationSpec.builder(RuntimeTypes.NULLABLE).build();
    }

    /** The adapters a generated adapter delegates to, one field per Java type, asked of Moshi once. */
    static final class Adapters {
        private final Map<TypeName, String> fields = new LinkedHashMap<>();
        private final NameAllocator names = new NameAllocator();

        Adapters() {
            for (String reserved : List.of("strictness", "NAMES", "LABELS")) {
                names.newName(reserved, reserved);
            }
        }

        String field(TypeName type) {
            return fields.computeIfAbsent(type, t -> names.newName(simpleName(t) + "Adapter"));
        }

        /** {@code Owner} gives {@code owner}, {@code List<Pet>} gives {@code listOfPet}, {@code UUID} {@code uuid}. */
        private static String simpleName(TypeName type) {
            return dev.retrospec.codegen.model.Names.memberName(words(type.withoutAnnotations()));
        }

        private static String words(TypeName type) {
            if (type instanceof ClassName name) {
                return name.simpleName();
            }
            if (type instanceof ParameterizedTypeName parameterized) {
                StringBuilder out = new StringBuilder(parameterized.rawType().simpleName()).append(" of");
                parameterized
                        .typeArguments()
                        .forEach(argument -> out.append(' ').append(words(argument)));
                return out.toString();
            }
            return "value";
        }

        void declare(TypeSpec.Builder type, MethodSpec.Builder constructor) {
            fields.forEach((javaType, field) -> {
                type.addField(
                        ParameterizedTypeName.get(RuntimeTypes.JSON_ADAPTER, javaType),
                        field,
                        Modifier.PRIVATE,
                        Modifier.FINAL);
                constructor.addStatement("this.$N = moshi.adapter($L)", field, reflectType(javaType));
            });
        }
    }

    /** An expression for a {@code java.lang.reflect.Type}: a class literal, or Moshi's Types for generics. */
    static CodeBlock reflectType(TypeName type) {
        if (type instanceof ParameterizedTypeName parameterized) {
            List<CodeBlock> arguments = new ArrayList<>();
            arguments.add(CodeBlock.of("$T.class", parameterized.rawType()));
            parameterized.typeArguments().forEach(argument -> arguments.add(reflectType(argument)));
            return CodeBlock.of(
                    "$T.newParameterizedType($L)", RuntimeTypes.MOSHI_TYPES, CodeBlock.join(arguments, ", "));
        }
        return CodeBlock.of("$T.class", type.withoutAnnotations());
    }
}
