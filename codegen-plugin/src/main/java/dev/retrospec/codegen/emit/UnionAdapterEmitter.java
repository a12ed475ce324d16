package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.TypeDef;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.RecordVariant;
import dev.retrospec.codegen.model.TypeDef.UnionDef;
import dev.retrospec.codegen.model.TypeDef.Variant;
import dev.retrospec.codegen.model.TypeDef.WrapperVariant;
import dev.retrospec.codegen.model.TypeRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * A Moshi {@code JsonAdapter} per union. With a discriminator, the label is peeked at and the variant's adapter reads
 * the object (and writes it, label included). Without one, the JSON's own shape decides, read from its tokens and
 * never through a lossy tree: strings by format, numbers by width ({@code 9007199254740993} stays a long), objects by
 * the names they have against each variant's required and declared properties. JSON no variant describes becomes
 * the union's {@code Unknown}, kept as its text and written back unchanged.
 */
final class UnionAdapterEmitter {
    private static final AnnotationSpec OVERRIDE =
            AnnotationSpec.builder(Override.class).build();

    private final JavaTypes types;
    private final Emitter.Common common;
    private final Function<String, @Nullable TypeDef> definitions;

    UnionAdapterEmitter(JavaTypes types, Emitter.Common common, Function<String, @Nullable TypeDef> definitions) {
        this.types = types;
        this.common = common;
        this.definitions = definitions;
    }

    /** The JSON token a variant starts with, in the order its candidates are tried within each. */
    private enum Shape {
        STRING,
        NUMBER,
        BOOLEAN,
        ARRAY,
        OBJECT,
        ANY
    }

    /** One variant and how it is read: inline, or through an adapter field. */
    private record Candidate(
            Variant variant,
            ClassName javaType,
            Shape shape,
            int rank,
            CodeBlock read,
            @Nullable String adapterField,
            TypeRef.@Nullable Kind kind) {}

    TypeSpec emit(UnionDef def) {
        ClassName self = ClassName.get(common.options().modelPackage(), def.name());
        ClassName adapter = JsonAdapterEmitter.adapterName(common.options(), def.name());
        TypeSpec.Builder type = TypeSpec.classBuilder(adapter)
                .addModifiers(Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(RuntimeTypes.JSON_OUT_ADAPTER, self))
                .addJavadoc("Reads and writes {@link $T}.\n", self);
        common.decorate(type);
        if (common.deprecations().namedByAdapterOf(def)) {
            type.addAnnotation(Deprecations.SUPPRESS);
        }
        JsonAdapterEmitter.Adapters adapters = new JsonAdapterEmitter.Adapters();
        List<Candidate> candidates = new ArrayList<>();
        for (Variant variant : def.variants()) {
            candidates.add(candidate(self, variant, adapters));
        }
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addParameter(RuntimeTypes.MOSHI, "moshi")
                .addParameter(RuntimeTypes.STRICTNESS, "strictness");
        adapters.declare(type, constructor);
        type.addMethod(constructor.build());
        MethodSpec.Builder fromJson = MethodSpec.methodBuilder("read")
                .addAnnotation(OVERRIDE)
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "NullAway")
                        .build())
                .addComment("A variant's adapter reads a value, not null: the token it is at is not a null.")
                .addModifiers(Modifier.PROTECTED)
                .returns(self)
                .addParameter(RuntimeTypes.JSON_IN, "in")
                .addException(IOException.class);
        ClassName unknown = self.nestedClass("Unknown");
        String discriminator = def.discriminator();
        if (discriminator != null) {
            discriminated(fromJson, discriminator, candidates);
        } else {
            byShape(type, fromJson, candidates);
        }
        fromJson.addStatement("return new $T($T.read(in))", unknown, RuntimeTypes.RAW_JSON);
        type.addMethod(fromJson.build());
        type.addMethod(write(self, unknown, candidates));
        return type.build();
    }

    private Candidate candidate(ClassName union, Variant variant, JsonAdapterEmitter.Adapters adapters) {
        if (variant instanceof RecordVariant record) {
            ClassName javaType = ClassName.get(common.options().modelPackage(), record.javaName());
            String field = adapters.field(javaType);
            return new Candidate(
                    variant, javaType, Shape.OBJECT, 0, CodeBlock.of("this.$N.read(in)", field), field, null);
        }
        WrapperVariant wrapper = (WrapperVariant) variant;
        ClassName javaType = union.nestedClass(wrapper.javaName());
        TypeRef wrapped = wrapper.wrapped();
        if (wrapped instanceof TypeRef.Primitive p) {
            JsonAdapterEmitter.Scalar scalar = JsonAdapterEmitter.scalar(p.kind());
            Shape shape = switch (p.kind()) {
                case STRING, TIME, DATE, DATE_TIME, UUID, URI, BYTES, BINARY -> Shape.STRING;
                case BOOLEAN -> Shape.BOOLEAN;
                case INT32, INT64, FLOAT, DOUBLE, DECIMAL, BIG_INTEGER -> Shape.NUMBER;
                case ANY -> Shape.ANY;
            };
            // Within a shape: formats (which may refuse a value) before what never refuses one: a value read inline.
            if (scalar != null) {
                return new Candidate(variant, javaType, shape, 1, scalar.value(), null, p.kind());
            }
            int rank = 0;
            String field = adapters.field(types.boxed(wrapped));
            return new Candidate(
                    variant, javaType, shape, rank, CodeBlock.of("this.$N.read(in)", field), field, p.kind());
        }
        String field = adapters.field(types.boxed(wrapped));
        Shape shape = Shape.ANY;
        int rank = 0;
        if (wrapped instanceof TypeRef.ListOf) {
            shape = Shape.ARRAY;
        } else if (wrapped instanceof TypeRef.MapOf) {
            shape = Shape.OBJECT;
            rank = 1;
        } else if (wrapped instanceof TypeRef.Named named
                && definitions.apply(named.name()) instanceof TypeDef.EnumDef) {
            shape = Shape.STRING;
            rank = 1; // open: takes any string
        }
        return new Candidate(variant, javaType, shape, rank, CodeBlock.of("this.$N.read(in)", field), field, null);
    }

    private void discriminated(MethodSpec.Builder method, String discriminator, List<Candidate> candidates) {
        method.addStatement(
                        "String label = in.peek() == $T.BEGIN_OBJECT ? $T.label(in, $L) : null",
                        RuntimeTypes.JSON_READER_TOKEN,
                        RuntimeTypes.JSON_VALUES,
                        Literals.string(discriminator))
                .beginControlFlow("if (label != null)")
                .beginControlFlow("switch (label)");
        for (Candidate candidate : candidates) {
            for (String label : ((RecordVariant) candidate.variant()).labels()) {
                method.beginControlFlow("case $L ->", Literals.string(label))
                        .addStatement("return $L", candidate.read())
                        .endControlFlow();
            }
        }
        method.beginControlFlow("default ->").endControlFlow().endControlFlow().endControlFlow();
    }

    private void byShape(TypeSpec.Builder type, MethodSpec.Builder method, List<Candidate> candidates) {
        method.beginControlFlow("switch (in.peek())");
        for (Shape shape : List.of(Shape.STRING, Shape.NUMBER, Shape.BOOLEAN, Shape.ARRAY, Shape.OBJECT)) {
            List<Candidate> here = candidates.stream()
                    .filter(c -> c.shape() == shape || c.shape() == Shape.ANY)
                    .sorted(java.util.Comparator.comparingInt(c -> c.shape() == Shape.ANY ? 2 : c.rank()))
                    .toList();
            if (here.isEmpty()) {
                continue;
            }
            method.beginControlFlow("case $L ->", token(shape));
            switch (shape) {
                case NUMBER -> numbers(method, here);
                case OBJECT -> objects(type, method, here);
                default -> tryInOrder(method, here);
            }
            method.endControlFlow();
        }
        method.beginControlFlow("default ->").endControlFlow().endControlFlow();
    }

    /** The name of the {@code JsonReader.Token} a shape starts with. */
    private static String token(Shape shape) {
        return switch (shape) {
            case STRING -> "STRING";
            case NUMBER -> "NUMBER";
            case BOOLEAN -> "BOOLEAN";
            case ARRAY -> "BEGIN_ARRAY";
            case OBJECT, ANY -> "BEGIN_OBJECT";
        };
    }

    /**
     * Each candidate that may refuse the value is tried on a peek, and what it read taken; the last one, or one that
     * never refuses, reads.
     *
     * @return whether the code can go on past the candidates (none was sure to take the value)
     */
    private static boolean tryInOrder(MethodSpec.Builder method, List<Candidate> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (i == candidates.size() - 1 || candidate.rank() > 0 || candidate.adapterField() == null) {
                method.addStatement("return new $T($L)", candidate.javaType(), candidate.read());
                return false;
            }
            String attempt = "attempt" + i;
            method.addStatement("var $L = this.$N.attempt(in)", attempt, candidate.adapterField())
                    .beginControlFlow("if ($L != null)", attempt)
                    .addStatement("return new $T($L.value())", candidate.javaType(), attempt)
                    .endControlFlow();
        }
        return true;
    }

    /**
     * Numbers by width: an integer that fits an int is an int before it is a long, and so on to decimals.
     *
     * @return whether the code can go on past the candidates
     */
    private static boolean numbers(MethodSpec.Builder method, List<Candidate> candidates) {
        List<Candidate> ordered = new ArrayList<>(candidates);
        ordered.sort(java.util.Comparator.comparingInt(UnionAdapterEmitter::width));
        method.addStatement("$T kind = $T.numberKind(in)", RuntimeTypes.NUMBER_KIND, RuntimeTypes.JSON_VALUES);
        for (Candidate candidate : ordered) {
            CodeBlock accepts = accepts(candidate.kind());
            if (accepts == null) {
                method.addStatement("return new $T($L)", candidate.javaType(), candidate.read());
                return false;
            }
            method.beginControlFlow("if ($L)", accepts)
                    .addStatement("return new $T($L)", candidate.javaType(), candidate.read())
                    .endControlFlow();
        }
        return true;
    }

    /** The numbers an integer variant takes, or null for one that takes any number. */
    private static @Nullable CodeBlock accepts(TypeRef.@Nullable Kind kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case INT32 -> CodeBlock.of("kind == $T.INT", RuntimeTypes.NUMBER_KIND);
            case INT64 ->
                CodeBlock.of("kind == $T.INT || kind == $T.LONG", RuntimeTypes.NUMBER_KIND, RuntimeTypes.NUMBER_KIND);
            case BIG_INTEGER -> CodeBlock.of("kind != $T.DECIMAL", RuntimeTypes.NUMBER_KIND);
            default -> null;
        };
    }

    private static int width(Candidate candidate) {
        if (candidate.kind() == null) {
            return 9;
        }
        return switch (candidate.kind()) {
            case INT32 -> 0;
            case INT64 -> 1;
            case BIG_INTEGER -> 2;
            case DECIMAL -> 3;
            case DOUBLE -> 4;
            case FLOAT -> 5;
            default -> 9;
        };
    }

    /**
     * Objects by their names: first a record whose required names are all there and which declares every name there
     * is, then one whose required names are there; maps and anything else after records.
     */
    private boolean objects(TypeSpec.Builder type, MethodSpec.Builder method, List<Candidate> candidates) {
        List<Candidate> records = candidates.stream()
                .filter(c -> c.variant() instanceof RecordVariant)
                .toList();
        List<Candidate> others = candidates.stream()
                .filter(c -> !(c.variant() instanceof RecordVariant))
                .toList();
        if (!records.isEmpty()) {
            method.addStatement("$T<String> names = $T.objectNames(in)", Set.class, RuntimeTypes.JSON_VALUES);
        }
        List<String[]> sets = new ArrayList<>();
        for (Candidate candidate : records) {
            ObjectDef record = (ObjectDef) java.util.Objects.requireNonNull(
                    definitions.apply(candidate.variant().javaName()), "a record variant is a type");
            String stem = dev.retrospec.codegen.model.Names.constantName(
                    candidate.variant().javaName());
            String required = stem + "_REQUIRED";
            String declared = stem + "_NAMES";
            type.addField(names(
                    required,
                    record.properties().stream()
                            .filter(p -> p.presence().required())
                            .map(TypeDef.Property::wireName)
                            .toList()));
            type.addField(names(
                    declared,
                    record.properties().stream().map(TypeDef.Property::wireName).toList()));
            sets.add(new String[] {required, declared, record.additionalProperties() == null ? "closed" : "open"});
        }
        for (int i = 0; i < records.size(); i++) {
            String[] set = sets.get(i);
            CodeBlock condition = set[2].equals("closed")
                    ? CodeBlock.of("names.containsAll($N) && $N.containsAll(names)", set[0], set[1])
                    : CodeBlock.of("names.containsAll($N)", set[0]);
            method.beginControlFlow("if ($L)", condition)
                    .addStatement("return $L", records.get(i).read())
                    .endControlFlow();
        }
        for (int i = 0; i < records.size(); i++) {
            method.beginControlFlow("if (names.containsAll($N))", sets.get(i)[0])
                    .addStatement("return $L", records.get(i).read())
                    .endControlFlow();
        }
        return others.isEmpty() || tryInOrder(method, others);
    }

    private static FieldSpec names(String name, List<String> wireNames) {
        CodeBlock values =
                CodeBlock.join(wireNames.stream().map(Literals::string).toList(), ", ");
        return FieldSpec.builder(
                        ParameterizedTypeName.get(ClassName.get(Set.class), ClassName.get(String.class)),
                        name,
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .initializer("$T.of($L)", Set.class, values)
                .build();
    }

    private MethodSpec write(ClassName self, ClassName unknown, List<Candidate> candidates) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("write")
                .addAnnotation(OVERRIDE)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(RuntimeTypes.JSON_OUT, "out")
                .addParameter(self, "value")
                .addException(IOException.class);
        // One flat if per variant, not an else-if chain: javac's recursion over a long chain overflows its stack.
        for (Candidate candidate : candidates) {
            method.beginControlFlow("if (value instanceof $T v)", candidate.javaType());
            if (candidate.variant() instanceof RecordVariant) {
                method.addStatement("this.$N.write(out, v)", candidate.adapterField());
            } else if (candidate.adapterField() != null) {
                method.addStatement("this.$N.write(out, v.value())", candidate.adapterField());
            } else {
                // The wrapped value is boxed: a Float or a Long is written as a Number, as it reads back.
                method.addStatement("out.value(v.value())");
            }
            method.addStatement("return").endControlFlow();
        }
        method.addStatement("out.raw((($T) value).json())", unknown);
        return method.build();
    }

    private static AnnotationSpec nullable() {
        return AnnotationSpec.builder(RuntimeTypes.NULLABLE).build();
    }
}
