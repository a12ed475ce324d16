package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.TypeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Writes a model as Java files: pure, deterministic, no I/O. */
public final class Emitter {
    static final String GENERATOR = "dev.retrospec.codegen.Generator";

    /**
     * Whether {@code name} is a {@code java.lang} type: a generated type of that name would shadow it within its
     * package (a schema named {@code String}), so references to such names are always written qualified.
     */
    private static boolean isJavaLang(String name) {
        try {
            Class.forName("java.lang." + name, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Emitter() {}

    /**
     * Every file for {@code model}: records and enums, Retrofit interfaces, the client class, and the JSON adapters
     * with their factory (in the model package's {@code json} package).
     */
    public static List<JavaFile> emit(ApiModel model, EmitOptions options) {
        Set<String> qualify = new TreeSet<>();
        model.types().forEach(t -> addIfJavaLang(t.name(), qualify));
        model.services().forEach(s -> addIfJavaLang(s.name(), qualify));
        addIfJavaLang(model.clientName(), qualify);
        String sourceName = fileName(model.source());
        Common common =
                new Common(options, List.copyOf(qualify), ErrorTypes.shared(model), new Deprecations(model.types()));
        JavaTypes types = new JavaTypes(
                options.modelPackage(),
                model.types().stream()
                        .filter(def -> def instanceof TypeDef.EnumDef)
                        .map(TypeDef::name)
                        .collect(java.util.stream.Collectors.toSet()));

        // The emitters hold nothing but immutable settings and each type is emitted alone: in parallel, in order.
        ModelEmitter models = new ModelEmitter(types, common);
        List<JavaFile> files = new ArrayList<>(model.types().parallelStream()
                .map(def -> file(options.modelPackage(), models.emit(def), sourceName))
                .toList());
        ServiceEmitter services = new ServiceEmitter(types, common, model);
        files.addAll(model.services().parallelStream()
                .map(service -> file(options.apiPackage(), services.emit(service), sourceName))
                .toList());
        files.add(file(options.basePackage(), new ClientEmitter(common, model).emit(), sourceName));

        Map<String, TypeDef> byName = new HashMap<>();
        model.types().forEach(def -> byName.put(def.name(), def));
        Map<String, List<JsonAdapterEmitter.Discriminated>> labels = discriminatorLabels(model.types());
        JsonAdapterEmitter records = new JsonAdapterEmitter(types, common);
        UnionAdapterEmitter unions = new UnionAdapterEmitter(types, common, byName::get);
        files.addAll(model.types().parallelStream()
                .filter(def -> !(def instanceof TypeDef.EnumDef))
                .map(def -> file(
                        options.jsonPackage(),
                        def instanceof TypeDef.UnionDef union
                                ? unions.emit(union)
                                : records.record((TypeDef.ObjectDef) def, labels.getOrDefault(def.name(), List.of())),
                        sourceName))
                .toList());
        files.add(file(options.jsonPackage(), new JsonFactoryEmitter(common).emit(model.types()), sourceName));
        return files;
    }

    /**
     * The discriminator properties and values each record writes: one per discriminated union it is a variant of,
     * with the first label that selects it, so that a variant sent on its own still says what it is.
     */
    private static Map<String, List<JsonAdapterEmitter.Discriminated>> discriminatorLabels(List<TypeDef> types) {
        Map<String, List<JsonAdapterEmitter.Discriminated>> labels = new HashMap<>();
        for (TypeDef def : types) {
            if (def instanceof TypeDef.UnionDef union && union.discriminator() != null) {
                for (TypeDef.Variant variant : union.variants()) {
                    if (variant instanceof TypeDef.RecordVariant record
                            && !record.labels().isEmpty()) {
                        List<JsonAdapterEmitter.Discriminated> list =
                                labels.computeIfAbsent(record.javaName(), k -> new ArrayList<>());
                        if (list.stream().noneMatch(l -> l.property().equals(union.discriminator()))) {
                            list.add(new JsonAdapterEmitter.Discriminated(
                                    union.discriminator(), record.labels().get(0)));
                        }
                    }
                }
            }
        }
        return labels;
    }

    private static void addIfJavaLang(String name, Set<String> into) {
        if (isJavaLang(name)) {
            into.add(name);
        }
    }

    private static String fileName(String source) {
        String name = source.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /**
     * The {@code package-info.java} of a generated package: {@code @NullMarked} for all its types, so that each file
     * need not say it. Written as text: JavaPoet writes types, not packages; the package name is a validated one.
     */
    public static String packageInfo(String packageName, String source) {
        return "// Generated by Retrospec from " + Docs.plain(fileName(source))
                + ". Do not edit: changes are lost when it runs again.\n"
                + "@NullMarked\n"
                + "package " + packageName + ";\n\n"
                + "import org.jspecify.annotations.NullMarked;\n";
    }

    private static JavaFile file(String packageName, TypeSpec type, String sourceName) {
        return JavaFile.builder(packageName, type)
                .addFileComment(
                        "Generated by Retrospec from $L. Do not edit: changes are lost when it runs again.",
                        Docs.plain(sourceName))
                .indent("  ")
                .skipJavaLangImports(true)
                .build();
    }

    /**
     * What every emitter of one client shares.
     *
     * @param sharedErrors the error body type of each status most operations give it, declared once on the client
     * @param deprecations which generated types are deprecated
     */
    record Common(
            EmitOptions options,
            List<String> alwaysQualify,
            java.util.Map<String, String> sharedErrors,
            Deprecations deprecations) {
        /** What every emitted top-level type carries. */
        void decorate(TypeSpec.Builder type) {
            type.addAnnotation(AnnotationSpec.builder(RuntimeTypes.GENERATED)
                    .addMember("value", "$S", GENERATOR)
                    .build());
            if (!alwaysQualify.isEmpty()) {
                type.alwaysQualify(alwaysQualify.toArray(String[]::new));
            }
        }
    }
}
