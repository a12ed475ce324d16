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
 * values written in declaration order through the runtime's {@code JsonOut}. No reflection. Unions have their own
 * emitter, {@link UnionAdapterEmitter}.
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
    private record Slot(Property property, int index, String local, TypeName javaType, Read read) {}

    /** Whether the slot holds an {@code Omittable}: absent, null and a value kept apart. */
    private static boolean omittable(Slot slot) {
        return slot.property().presence() == Presence.OPTIONAL_NULLABLE;
    }

    /**
     * How a property's value is read and written: by {@code JsonIn}'s and {@code JsonOut}'s methods for text, numbers
     * and booleans, or by the methods of the {@code ValueAdapter} in {@code adapterField}; {@code method} is the read
     * method, {@code writer} the write method.
     */
    private record Read(
            String method, String writer, @Nullable String adapterField) {}

    TypeSpec record(ObjectDef def, List<Discriminated> labels) {
        ClassName self = ClassName.get(common.options().modelPackage(), def.name());
        ClassName adapter = adapterName(common.options(), def.name());
        TypeSpec.Builder type = TypeSpec.classBuilder(adapter)
                .addModifiers(Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(RuntimeTypes.JSON_OUT_ADAPTER, self))
                .addJavadoc("Reads and writes {@link $T}.\n", self);
        common.decorate(type);
        if (common.deprecations().namedByAdapterOf(def)) {
            type.addAnnotation(Deprecations.SUPPRESS);
        }

        NameAllocator locals = new NameAllocator();
        for (String reserved : List.of(
                "in",
                "out",
                "value",
                "strictness",
                "moshi",
                "names",
                "entry",
                "additional",
                "label",
                "built",
                "fields",
                "i",
                "seen",
                "values")) {
            locals.newName(reserved, reserved);
        }
        Adapters adapters = new Adapters();
        List<Slot> slots = new ArrayList<>();
        for (Property property : def.properties()) {
            boolean primitiveLocal = property.presence() == Presence.REQUIRED
                    && types.primitive(property.type()).isPrimitive();
            TypeName javaType = primitiveLocal ? types.primitive(property.type()) : types.boxed(property.type());
            Read read = read(property.type(), adapters);
            slots.add(new Slot(property, slots.size(), locals.newName(property.javaName()), javaType, read));
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
        type.addField(RuntimeTypes.JSON_FIELDS, "fields", Modifier.PRIVATE, Modifier.FINAL);
        CodeBlock.Builder required = CodeBlock.builder();
        for (Slot slot : slots) {
            if (slot.property().presence().required()) {
                required.add(",$W$L", slot.index());
            }
        }
        CodeBlock.Builder nullable = CodeBlock.builder();
        for (Slot slot : slots) {
            if (slot.property().presence().nullable()) {
                nullable.add(nullable.isEmpty() ? "$L" : ",$W$L", slot.index());
            }
        }
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addParameter(RuntimeTypes.MOSHI, "moshi")
                .addParameter(RuntimeTypes.STRICTNESS, "strictness")
                .addStatement(
                        "this.fields = new $T(NAMES, $S, strictness$L)$L",
                        RuntimeTypes.JSON_FIELDS,
                        def.name(),
                        required.build(),
                        nullable.isEmpty() ? "" : CodeBlock.of("$Z.nullable($L)", nullable.build()));
        adapters.declare(type, constructor);
        type.addMethod(constructor.build());
        read(type, def, self, slots, additional);
        type.addMethod(write(def, self, slots, additional, labels));
        return type.build();
    }

    /** The Java type of a record's additional properties' values, and the adapter field for them. */
    private record Additional(TypeName valueType, String adapterField) {}

    /** A discriminator property and value a record writes because it is a variant of a discriminated union. */
    record Discriminated(String property, String label) {}

    /**
     * HotSpot's optimizing compiler gives up on a method that calls another with more arguments than this (about 54
     * references, fewer longs); a record that wide is read into a holder by a method of its own, and only the
     * short method that builds the record from the holder is left to the baseline compiler.
     */
    private static final int MAX_HOT_CALL_SLOTS = 32;

    private void read(
            TypeSpec.Builder type, ObjectDef def, ClassName self, List<Slot> slots, @Nullable Additional additional) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("read")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PROTECTED)
                .returns(self)
                .addParameter(RuntimeTypes.JSON_IN, "in")
                .addException(IOException.class);
        boolean anyNonNull = slots.stream()
                .anyMatch(s ->
                        !s.property().presence().javaNullable() && !s.javaType().isPrimitive());
        if (anyNonNull) {
            method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "NullAway")
                    .build());
        }
        boolean wide = ModelEmitter.isWide(def, types);
        boolean holder = !wide && ModelEmitter.constructorSlots(def, types) > MAX_HOT_CALL_SLOTS;
        String prefix = holder ? "values." : "";
        if (holder) {
            TypeSpec.Builder values = TypeSpec.classBuilder("Values")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("One object's values as read, until the record is built from them.\n");
            for (Slot slot : slots) {
                values.addField(FieldSpec.builder(fieldType(slot), slot.local())
                        .initializer(initial(slot))
                        .build());
            }
            if (additional != null) {
                values.addField(FieldSpec.builder(additionalType(additional), "additional", Modifier.FINAL)
                        .initializer("new $T<>()", LinkedHashMap.class)
                        .build());
            }
            type.addType(values.build());
            MethodSpec.Builder read = MethodSpec.methodBuilder("readValues")
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(RuntimeTypes.JSON_IN, "in")
                    .addParameter(ClassName.get("", "Values"), "values")
                    .addException(IOException.class);
            readLoop(read, slots, additional, prefix);
            type.addMethod(read.build());
            method.addStatement("Values values = new Values()").addStatement("readValues(in, values)");
        } else {
            if (anyNonNull) {
                method.addComment("Non-null components are checked as read, unless the client asked for leniency.");
            }
            for (Slot slot : slots) {
                method.addStatement("$T $N = $L", fieldType(slot), slot.local(), initial(slot));
            }
            if (additional != null) {
                method.addStatement("$T additional = new $T<>()", additionalType(additional), LinkedHashMap.class);
            }
            readLoop(method, slots, additional, prefix);
        }
        if (wide) {
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
            type.addMethod(method.addStatement("return built.build()").build());
            return;
        }
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (int i = 0; i < slots.size(); i++) {
            arguments.add(i == 0 ? "$L$N" : ",$W$L$N", prefix, slots.get(i).local());
        }
        if (additional != null) {
            arguments.add(
                    slots.isEmpty() ? "$T.unmodifiableMap($Ladditional)" : ",$W$T.unmodifiableMap($Ladditional)",
                    java.util.Collections.class,
                    prefix);
        }
        type.addMethod(method.addStatement("return new $T($L)", self, arguments.build())
                .build());
    }

    private static TypeName fieldType(Slot slot) {
        if (omittable(slot)) {
            return ParameterizedTypeName.get(RuntimeTypes.OMITTABLE, slot.javaType());
        }
        return slot.javaType().isPrimitive() ? slot.javaType() : slot.javaType().annotated(nullable());
    }

    private static CodeBlock initial(Slot slot) {
        if (omittable(slot)) {
            return CodeBlock.of("$T.absent()", RuntimeTypes.OMITTABLE);
        }
        return slot.javaType().isPrimitive() ? zero(slot.javaType()) : CodeBlock.of("null");
    }

    private static TypeName additionalType(Additional additional) {
        return ParameterizedTypeName.get(
                ClassName.get(Map.class),
                ClassName.get(String.class),
                additional.valueType().annotated(nullable()));
    }

    /** The loop over an object's names: each value read into {@code prefix + local}, then the required checked. */
    private static void readLoop(
            MethodSpec.Builder method, List<Slot> slots, @Nullable Additional additional, String prefix) {
        boolean anyRequired =
                slots.stream().anyMatch(s -> s.property().presence().required());
        boolean manyWords = slots.size() > 64;
        if (anyRequired) {
            if (manyWords) {
                method.addStatement("long[] seen = new long[$L]", (slots.size() + 63) / 64);
            } else {
                method.addStatement("long seen = 0L");
            }
        }
        method.addStatement("in.beginObject()").beginControlFlow("while (in.hasNext())");
        if (anyRequired) {
            method.addStatement("int i = in.select(fields)").beginControlFlow("switch (i)");
        } else {
            method.beginControlFlow("switch (in.select(fields))");
        }
        for (Slot slot : slots) {
            method.addStatement("case $L -> $L$N = $L", slot.index(), prefix, slot.local(), readValue(slot));
        }
        if (additional != null || anyRequired) {
            method.beginControlFlow("default ->");
            if (additional != null) {
                method.addStatement(
                        "$Ladditional.put(in.nextName(), this.$N.read(in))", prefix, additional.adapterField());
            } else {
                method.addStatement("$T.skip(in)", RuntimeTypes.JSON_FIELDS);
            }
            if (anyRequired) {
                method.addStatement("continue");
            }
            method.endControlFlow();
        } else {
            method.addStatement("default -> $T.skip(in)", RuntimeTypes.JSON_FIELDS);
        }
        method.endControlFlow();
        if (anyRequired) {
            method.addStatement(manyWords ? "seen[i >>> 6] |= 1L << i" : "seen |= 1L << i");
        }
        method.endControlFlow().addStatement("in.endObject()");
        if (anyRequired) {
            method.addStatement("fields.checkRequired(in, seen)");
        }
    }

    /**
     * The value of one {@code case}: read by the {@code JsonIn} method for its kind, which takes a {@code null} as the
     * {@code JsonFields} say the property allows; a three-state property wraps what it read.
     */
    private static CodeBlock readValue(Slot slot) {
        Read read = slot.read();
        CodeBlock value;
        if (read.adapterField() != null) {
            value = CodeBlock.of("this.$N.$L(in, fields, $L)", read.adapterField(), read.method(), slot.index());
        } else {
            boolean boxed = slot.javaType().isBoxedPrimitive();
            value = CodeBlock.of("in.$L$L(fields, $L)", read.method(), boxed ? "OrNull" : "", slot.index());
        }
        return omittable(slot) ? CodeBlock.of("$T.ofNullable($L)", RuntimeTypes.OMITTABLE, value) : value;
    }

    private MethodSpec write(
            ObjectDef def,
            ClassName self,
            List<Slot> slots,
            @Nullable Additional additional,
            List<Discriminated> labels) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("write")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(RuntimeTypes.JSON_OUT, "out")
                .addParameter(self, "value")
                .addException(IOException.class)
                .addStatement("out.beginObject()");
        for (Discriminated label : labels) {
            method.addStatement(
                    "out.name($L).value($L)", Literals.string(label.property()), Literals.string(label.label()));
        }
        for (Slot slot : slots) {
            Property property = slot.property();
            if (property.access() == Access.READ_ONLY && property.presence().javaNullable()) {
                continue; // the server sets it; a request never sends it
            }
            String adapter = slot.read().adapterField();
            String call = omittable(slot) ? "omittable" : slot.read().writer();
            if (adapter != null) {
                method.addStatement(
                        "this.$N.$L(out, fields, $L, value.$N())", adapter, call, slot.index(), property.javaName());
            } else {
                method.addStatement("out.$L(fields, $L, value.$N())", call, slot.index(), property.javaName());
            }
        }
        if (additional != null) {
            method.beginControlFlow(
                            "for ($T.Entry<String, $T> entry : value.$N().entrySet())",
                            Map.class,
                            additional.valueType().annotated(nullable()),
                            additionalComponent(def))
                    .addStatement(
                            "this.$N.write(out.name(entry.getKey()), entry.getValue())", additional.adapterField())
                    .endControlFlow();
        }
        return method.addStatement("out.endObject()").build();
    }

    /** The name of the component holding additional properties: as {@link ModelEmitter} names it. */
    static String additionalComponent(ObjectDef def) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        def.properties().forEach(p -> taken.add(p.javaName().toLowerCase(java.util.Locale.ROOT)));
        return dev.retrospec.codegen.model.Names.unique("additionalProperties", taken);
    }

    /**
     * How a value of a scalar kind is read and written inline: the {@code JsonIn} method for a record's property
     * ({@code in.string(fields, 3)}), the expression for a value on its own ({@code in.nextString()}: a union's
     * variant) and the {@code JsonOut} method for a property; null for a kind another adapter reads (dates, UUIDs,
     * bytes, free-form values).
     */
    record Scalar(String property, CodeBlock value, String writer) {}

    static @Nullable Scalar scalar(TypeRef.Kind kind) {
        return switch (kind) {
            case STRING, TIME -> new Scalar("string", CodeBlock.of("in.nextString()"), "string");
            case BOOLEAN -> new Scalar("bool", CodeBlock.of("in.nextBoolean()"), "bool");
            case INT32 -> new Scalar("int32", CodeBlock.of("in.nextInt()"), "number");
            case INT64 -> new Scalar("int64", CodeBlock.of("in.nextLong()"), "number");
            case FLOAT -> new Scalar("float32", CodeBlock.of("(float) in.nextDouble()"), "number");
            case DOUBLE -> new Scalar("float64", CodeBlock.of("in.nextDouble()"), "number");
            case DECIMAL -> new Scalar("decimal", CodeBlock.of("$T.decimal(in)", RuntimeTypes.JSON_VALUES), "number");
            case BIG_INTEGER ->
                new Scalar("bigInteger", CodeBlock.of("$T.bigInteger(in)", RuntimeTypes.JSON_VALUES), "number");
            default -> null;
        };
    }

    /** How a value of {@code type} is read: inline for strings, numbers and booleans, else by an adapter. */
    private Read read(TypeRef type, Adapters adapters) {
        Scalar scalar = type instanceof TypeRef.Primitive p ? scalar(p.kind()) : null;
        if (scalar != null) {
            return new Read(scalar.property(), scalar.writer(), null);
        }
        String field = adapters.field(types.boxed(type));
        return new Read("read", "write", field);
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

    private static AnnotationSpec nullable() {
        return AnnotationSpec.builder(RuntimeTypes.NULLABLE).build();
    }

    /** The adapters a generated adapter delegates to, one field per Java type, asked of Moshi once. */
    static final class Adapters {
        private final Map<TypeName, String> fields = new LinkedHashMap<>();
        private final NameAllocator names = new NameAllocator();

        Adapters() {
            for (String reserved : List.of("strictness", "fields", "NAMES", "LABELS")) {
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
                // The type argument spelled out, not a diamond: nothing for javac to infer, here or at the calls.
                TypeName adapterType = ParameterizedTypeName.get(RuntimeTypes.VALUE_ADAPTER, javaType);
                type.addField(adapterType, field, Modifier.PRIVATE, Modifier.FINAL);
                constructor.addStatement("this.$N = new $T(moshi,$W$L)", field, adapterType, reflectType(javaType));
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
