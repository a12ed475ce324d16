package dev.retrospec.codegen;

import dev.retrospec.codegen.emit.EmitOptions.CallStyle;
import dev.retrospec.codegen.load.LoadOptions;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.model.ModelBuilder;
import dev.retrospec.codegen.model.Names;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One generation request.
 *
 * @param specFile the description on disk
 * @param specName how messages name it: the path, URL or {@code classpath:} location the user gave
 * @param remoteOrigin the URL it was downloaded from, if it was (relative references resolve against it)
 * @param packageName the client class's package
 * @param apiPackage the interfaces' package; {@code <packageName>.api} if null
 * @param modelPackage the records' and enums' package; {@code <packageName>.model} if null
 * @param clientName the client class's simple name, or null to derive it from {@code info.title}
 * @param typeMappings OpenAPI type or format to a Java class ({@code date-time=java.time.Instant})
 * @param schemaMappings schema name to an existing Java class, generated no more
 */
public record GeneratorOptions(
        Path specFile,
        String specName,
        @Nullable URI remoteOrigin,
        String packageName,
        @Nullable String apiPackage,
        @Nullable String modelPackage,
        @Nullable String clientName,
        Map<String, String> typeMappings,
        Map<String, String> schemaMappings,
        boolean generateApis,
        boolean generateModels,
        CallStyle callStyle,
        boolean allowRemoteRefs,
        long maxDescriptionNodes,
        int maxGeneratedTypes) {
    public GeneratorOptions {
        Objects.requireNonNull(specFile, "specFile == null");
        Objects.requireNonNull(specName, "specName == null");
        Objects.requireNonNull(packageName, "packageName == null");
        typeMappings = Map.copyOf(typeMappings);
        schemaMappings = Map.copyOf(schemaMappings);
        Objects.requireNonNull(callStyle, "callStyle == null");
    }

    public static Builder builder(Path specFile, String packageName) {
        return new Builder(specFile, packageName);
    }

    /**
     * What is wrong with these options, each problem located at its option: packages that are not Java packages or
     * that clash (interfaces and records need packages of their own), a client name that is not an identifier.
     */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> packages = new LinkedHashMap<>();
        packages.put("packageName", packageName);
        packages.put("apiPackage", effectiveApiPackage());
        packages.put("modelPackage", effectiveModelPackage());
        packages.forEach((option, name) -> {
            String problem = Names.packageProblem(name);
            if (problem != null) {
                problems.add(Problem.option(option, "'" + name + "' is not a valid package: " + problem));
            }
        });
        if (effectiveApiPackage().equals(effectiveModelPackage())) {
            problems.add(clash("apiPackage", "modelPackage", "the interfaces and the records"));
        }
        if (generateApis && effectiveApiPackage().equals(packageName)) {
            problems.add(clash("apiPackage", "packageName", "the interfaces and the client class"));
        }
        if (generateApis && effectiveModelPackage().equals(packageName)) {
            problems.add(clash("modelPackage", "packageName", "the records and the client class"));
        }
        if (maxDescriptionNodes < 1) {
            problems.add(Problem.option("maxDescriptionNodes", "must be at least 1, not " + maxDescriptionNodes));
        }
        if (maxGeneratedTypes < 1) {
            problems.add(Problem.option("maxGeneratedTypes", "must be at least 1, not " + maxGeneratedTypes));
        }
        if (clientName != null && !Names.isIdentifier(clientName)) {
            problems.add(Problem.option("clientName", "'" + clientName + "' is not a Java class name"));
        }
        return problems;
    }

    private Problem clash(String option, String other, String what) {
        return new Problem(
                Problem.Severity.ERROR,
                Problem.Kind.NAME_COLLISION,
                option,
                0,
                0,
                "",
                "'" + (option.equals("apiPackage") ? effectiveApiPackage() : effectiveModelPackage()) + "' is also "
                        + other + ": " + what + " need packages of their own, or files would overwrite each other");
    }

    public String effectiveApiPackage() {
        return apiPackage != null ? apiPackage : packageName + ".api";
    }

    public String effectiveModelPackage() {
        return modelPackage != null ? modelPackage : packageName + ".model";
    }

    /**
     * Everything here that changes the generated code, as one canonical text: for build caches. The description's
     * location is not in it (its content is digested separately), so moving a project does not regenerate.
     */
    public String fingerprint() {
        return "packageName=" + packageName
                + "\napiPackage=" + effectiveApiPackage()
                + "\nmodelPackage=" + effectiveModelPackage()
                + "\nclientName=" + clientName
                + "\ntypeMappings=" + new TreeMap<>(typeMappings)
                + "\nschemaMappings=" + new TreeMap<>(schemaMappings)
                + "\ngenerateApis=" + generateApis
                + "\ngenerateModels=" + generateModels
                + "\ncallStyle=" + callStyle
                + "\nallowRemoteRefs=" + allowRemoteRefs
                + "\nmaxDescriptionNodes=" + maxDescriptionNodes
                + "\nmaxGeneratedTypes=" + maxGeneratedTypes
                + "\nremote=" + remoteOrigin;
    }

    public static final class Builder {
        private Path specFile;
        private final String packageName;
        private String specName;
        private @Nullable URI remoteOrigin;
        private @Nullable String apiPackage;
        private @Nullable String modelPackage;
        private @Nullable String clientName;
        private Map<String, String> typeMappings = Map.of();
        private Map<String, String> schemaMappings = Map.of();
        private boolean generateApis = true;
        private boolean generateModels = true;
        private CallStyle callStyle = CallStyle.CALL;
        private boolean allowRemoteRefs;
        private long maxDescriptionNodes = LoadOptions.DEFAULTS.maxDescriptionNodes();
        private int maxGeneratedTypes = ModelBuilder.Options.DEFAULT_MAX_TYPES;

        private Builder(Path specFile, String packageName) {
            this.specFile = specFile;
            this.packageName = packageName;
            this.specName = specFile.getFileName().toString();
        }

        /** The description on disk, once resolved; also names it unless {@link #specName(String)} does. */
        public Builder specFile(Path specFile) {
            this.specFile = Objects.requireNonNull(specFile, "specFile == null");
            return this;
        }

        public Builder specName(String specName) {
            this.specName = specName;
            return this;
        }

        public Builder remoteOrigin(@Nullable URI remoteOrigin) {
            this.remoteOrigin = remoteOrigin;
            return this;
        }

        public Builder apiPackage(@Nullable String apiPackage) {
            this.apiPackage = apiPackage;
            return this;
        }

        public Builder modelPackage(@Nullable String modelPackage) {
            this.modelPackage = modelPackage;
            return this;
        }

        public Builder clientName(@Nullable String clientName) {
            this.clientName = clientName;
            return this;
        }

        public Builder typeMappings(Map<String, String> typeMappings) {
            this.typeMappings = typeMappings;
            return this;
        }

        public Builder schemaMappings(Map<String, String> schemaMappings) {
            this.schemaMappings = schemaMappings;
            return this;
        }

        public Builder generateApis(boolean generateApis) {
            this.generateApis = generateApis;
            return this;
        }

        public Builder generateModels(boolean generateModels) {
            this.generateModels = generateModels;
            return this;
        }

        public Builder callStyle(CallStyle callStyle) {
            this.callStyle = callStyle;
            return this;
        }

        /** Whether a {@code $ref} may name a URL, fetched during the build: off by default. */
        public Builder allowRemoteRefs(boolean allowRemoteRefs) {
            this.allowRemoteRefs = allowRemoteRefs;
            return this;
        }

        /** The ceiling on the nodes of each document with YAML aliases expanded. */
        public Builder maxDescriptionNodes(long maxDescriptionNodes) {
            this.maxDescriptionNodes = maxDescriptionNodes;
            return this;
        }

        /** The ceiling on the types one generation may define. */
        public Builder maxGeneratedTypes(int maxGeneratedTypes) {
            this.maxGeneratedTypes = maxGeneratedTypes;
            return this;
        }

        public GeneratorOptions build() {
            return new GeneratorOptions(
                    specFile,
                    specName,
                    remoteOrigin,
                    packageName,
                    apiPackage,
                    modelPackage,
                    clientName,
                    typeMappings,
                    schemaMappings,
                    generateApis,
                    generateModels,
                    callStyle,
                    allowRemoteRefs,
                    maxDescriptionNodes,
                    maxGeneratedTypes);
        }
    }
}
