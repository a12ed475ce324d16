package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.retrospec.codegen.model.TypeDef;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The one {@code JsonAdapter.Factory} of a model package: it hands Moshi the generated adapter of each record, union
 * and enum, by class identity (so it survives shrinking and obfuscation), and nothing else. The client registers
 * it; so can applications that use the model types with a Moshi of their own.
 */
final class JsonFactoryEmitter {
    /** Types per lookup method: a method's bytecode may not exceed 64 KB. */
    private static final int TYPES_PER_METHOD = 400;

    static final String NAME = "JsonAdapters";

    private final Emitter.Common common;

    JsonFactoryEmitter(Emitter.Common common) {
        this.common = common;
    }

    static ClassName className(EmitOptions options) {
        return ClassName.get(options.jsonPackage(), NAME);
    }

    TypeSpec emit(List<TypeDef> types) {
        ClassName self = className(common.options());
        TypeName adapter =
                ParameterizedTypeName.get(RuntimeTypes.JSON_ADAPTER, WildcardTypeName.subtypeOf(Object.class));
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.JSON_ADAPTER_FACTORY)
                .addJavadoc(
                        "JSON adapters for the types of {@code $L}, generated: no reflection, exact numbers, and\n"
                                + "the description's {@code required} and {@code nullable} enforced.\n\n"
                                + "<pre>{@code\nMoshi moshi = new Moshi.Builder()\n    .add($T.strict())\n"
                                + "    .add(StandardJsonAdapters.FACTORY)\n    .build();\n}</pre>\n",
                        common.options().modelPackage(),
                        self);
        common.decorate(type);
        type.addField(RuntimeTypes.STRICTNESS, "strictness", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(RuntimeTypes.STRICTNESS, "strictness")
                .addStatement("this.strictness = strictness")
                .build());
        type.addMethod(MethodSpec.methodBuilder("strict")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(RuntimeTypes.JSON_ADAPTER_FACTORY)
                .addJavadoc("Adapters that hold servers to the description: a missing required property or a null\n"
                        + "where none is allowed fails, naming the path and the schema.\n")
                .addStatement("return new $T($T.STRICT)", self, RuntimeTypes.STRICTNESS)
                .build());
        type.addMethod(MethodSpec.methodBuilder("lenient")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(RuntimeTypes.JSON_ADAPTER_FACTORY)
                .addJavadoc("Adapters for servers known to break their own description: missing required properties\n"
                        + "and unexpected nulls read as null or zero, even where the model says non-null.\n")
                .addStatement("return new $T($T.LENIENT)", self, RuntimeTypes.STRICTNESS)
                .build());

        List<TypeDef> served = types;
        List<MethodSpec> parts = new ArrayList<>();
        for (int start = 0; start < served.size(); start += TYPES_PER_METHOD) {
            List<TypeDef> chunk = served.subList(start, Math.min(start + TYPES_PER_METHOD, served.size()));
            MethodSpec.Builder part = MethodSpec.methodBuilder("adapter" + (parts.size() + 1))
                    .addModifiers(Modifier.PRIVATE)
                    .returns(adapter.annotated(
                            AnnotationSpec.builder(RuntimeTypes.NULLABLE).build()))
                    .addParameter(
                            ParameterizedTypeName.get(
                                    ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)),
                            "raw")
                    .addParameter(RuntimeTypes.MOSHI, "moshi");
            if (chunk.stream().anyMatch(TypeDef::deprecated)) {
                part.addAnnotation(Deprecations.SUPPRESS);
            }
            for (TypeDef def : chunk) {
                ClassName model = ClassName.get(common.options().modelPackage(), def.name());
                part.beginControlFlow("if (raw == $T.class)", model)
                        .addStatement("return $L", create(def, model))
                        .endControlFlow();
            }
            parts.add(part.addStatement("return null").build());
        }
        CodeBlock.Builder lookup = CodeBlock.builder()
                .beginControlFlow("if (!annotations.isEmpty() || !(type instanceof Class<?> raw))")
                .addStatement("return null")
                .endControlFlow()
                .addStatement(
                        "$T adapter = null",
                        adapter.annotated(
                                AnnotationSpec.builder(RuntimeTypes.NULLABLE).build()));
        for (MethodSpec part : parts) {
            lookup.beginControlFlow("if (adapter == null)")
                    .addStatement("adapter = $N(raw, moshi)", part)
                    .endControlFlow();
        }
        type.addMethod(MethodSpec.methodBuilder("create")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(adapter.annotated(
                        AnnotationSpec.builder(RuntimeTypes.NULLABLE).build()))
                .addParameter(Type.class, "type")
                .addParameter(
                        ParameterizedTypeName.get(
                                ClassName.get(Set.class), WildcardTypeName.subtypeOf(Annotation.class)),
                        "annotations")
                .addParameter(RuntimeTypes.MOSHI, "moshi")
                .addCode(lookup.build())
                .addStatement("return adapter")
                .build());
        parts.forEach(type::addMethod);
        return type.build();
    }

    private CodeBlock create(TypeDef def, ClassName model) {
        if (def instanceof TypeDef.EnumDef) {
            return CodeBlock.of("$T.constants($T.class)", RuntimeTypes.OPEN_ENUMS, model);
        }
        return CodeBlock.of("new $T(moshi, strictness)", JsonAdapterEmitter.adapterName(common.options(), def.name()));
    }
}
