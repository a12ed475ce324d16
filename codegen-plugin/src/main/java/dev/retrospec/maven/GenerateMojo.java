package dev.retrospec.maven;

import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.emit.EmitOptions.CallStyle;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * Generates a typed client from an OpenAPI description: Retrofit interfaces, Moshi records and enums, and a client
 * class that wires authentication from the description's security schemes.
 *
 * <p>Incremental: when the description, every file it references, this configuration and the generator are all
 * unchanged since the last run, nothing is written. Otherwise the output directory is replaced as a whole, so
 * sources of schemas and tags that disappeared go with it; a failure leaves the previous output untouched.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true, requiresProject = false)
public final class GenerateMojo extends AbstractMojo {
    /**
     * The OpenAPI description (3.0, 3.1, or Swagger 2.0): a path relative to the project, an {@code http(s)} URL,
     * or {@code classpath:} a resource in one of the plugin's dependencies, such as
     * {@code classpath:microtek/api.yaml}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.inputSpec", required = true)
    private String inputSpec;

    /**
     * The client class's package. Interfaces go to {@code <packageName>.api}, records and enums to
     * {@code <packageName>.model}, unless {@code apiPackage} or {@code modelPackage} say otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.packageName", required = true)
    private String packageName;

    /**
     * The Retrofit interfaces' package. Default: {@code <packageName>.api}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.apiPackage")
    private @Nullable String apiPackage;

    /**
     * The records' and enums' package. Default: {@code <packageName>.model}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.modelPackage")
    private @Nullable String modelPackage;

    /**
     * The client class's simple name. Default: from the description's {@code info.title} ("MicroTek Identity"
     * becomes {@code MicroTekIdentity}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.clientName")
    private @Nullable String clientName;

    /**
     * Where the sources go. Each execution owns its directory and replaces it as a whole. Default:
     * {@code ${project.build.directory}/generated-sources/retrospec/<execution id>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.outputDirectory")
    private @Nullable File outputDirectory;

    /**
     * Java classes for OpenAPI types and formats instead of the built-in ones, such as
     * {@code <date-time>java.time.Instant</date-time>}. Keys: {@code string, boolean, integer, int32, int64, number,
     * float, double, date, date-time, time, uuid, uri, byte, binary, object}; OpenAPI Generator's spellings
     * ({@code DateTime}, {@code string+date-time}, {@code file}, ...) are accepted. Register a Moshi adapter for a
     * class Moshi does not know ({@code Instant} it does).
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> typeMappings = Map.of();

    /**
     * Existing classes to use for schemas instead of generating them, such as
     * {@code <Money>com.example.Money</Money>}: OpenAPI Generator's {@code schemaMappings}, or its
     * {@code importMappings} with {@code typeMappings} combined.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> schemaMappings = Map.of();

    /**
     * Whether to generate the Retrofit interfaces and the client class.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.generateApis", defaultValue = "true")
    private boolean generateApis = true;

    /**
     * Whether to generate the records and enums. Without them, {@code modelPackage} must name classes you have.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.generateModels", defaultValue = "true")
    private boolean generateModels = true;

    /**
     * What operations return: {@code call} for Retrofit's {@code Call<T>}, {@code completable-future} for
     * {@code CompletableFuture<T>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.callStyle", defaultValue = "call")
    private String callStyle = "call";

    /**
     * Adds the output directory to the project's main sources.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.addCompileSourceRoot", defaultValue = "true")
    private boolean addCompileSourceRoot = true;

    /**
     * Adds the output directory to the project's test sources (a client used only by tests).
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.addTestCompileSourceRoot", defaultValue = "false")
    private boolean addTestCompileSourceRoot;

    /**
     * Skips generation.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Lets a {@code $ref} name a URL ({@code https://...}), fetched during the build; the fetched content then
     * counts in the up-to-date check. Off by default: a description cannot make a build reach out to the network
     * unannounced, and a reference to a URL is an error that says so.
     *
     * @since 0.2.0
     */
    @Parameter(property = "retrospec.allowRemoteRefs", defaultValue = "false")
    private boolean allowRemoteRefs;

    /**
     * The most nodes a description document may have with its YAML aliases expanded: a few lines of nested anchors
     * can otherwise stand for millions of nodes. Default: 10,000,000 (GitHub's description has about 500,000).
     *
     * @since 0.2.0
     */
    @Parameter(property = "retrospec.maxDescriptionNodes", defaultValue = "10000000")
    private long maxDescriptionNodes = 10_000_000;

    /**
     * The most types (records, enums, unions) one description may make: a ceiling against descriptions that would
     * fill the disk. Default: 25,000 (GitHub's description makes about 1,200).
     *
     * @since 0.2.0
     */
    @Parameter(property = "retrospec.maxGeneratedTypes", defaultValue = "25000")
    private int maxGeneratedTypes = 25_000;

    /**
     * Fails the build when generation has warnings (something skipped, or typed in a degraded form such as Object),
     * writing nothing; each warning is logged with its file, line and JSON pointer. As {@code validate}'s.
     *
     * @since 0.2.0
     */
    @Parameter(property = "retrospec.failOnWarnings", defaultValue = "false")
    private boolean failOnWarnings;

    @Parameter(defaultValue = "${project}", readonly = true)
    private @Nullable MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private @Nullable MojoExecution mojoExecution;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Retrospec: skipped (retrospec.skip)");
            return;
        }
        long start = System.nanoTime();
        Path basedir = Projects.basedir(project);
        Path output = outputDirectory != null ? outputDirectory.toPath() : defaultOutput(basedir);
        GeneratorOptions.Builder options = GeneratorOptions.builder(basedir.resolve("unresolved"), packageName)
                .apiPackage(apiPackage)
                .modelPackage(modelPackage)
                .clientName(clientName)
                .typeMappings(typeMappings)
                .schemaMappings(schemaMappings)
                .generateApis(generateApis)
                .generateModels(generateModels)
                .callStyle(parseCallStyle())
                .allowRemoteRefs(allowRemoteRefs)
                .maxDescriptionNodes(maxDescriptionNodes)
                .maxGeneratedTypes(maxGeneratedTypes);
        Generation.Outcome outcome;
        try {
            outcome = Generation.run(new Generation.Request(
                    inputSpec, basedir, output, getClass().getClassLoader(), options, failOnWarnings));
        } catch (SpecProblemsException e) {
            Projects.log(getLog(), e.problems());
            throw new MojoFailureException(e.getMessage());
        } catch (Generation.FailedOnWarnings e) {
            Projects.log(getLog(), e.problems());
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "Retrospec could not read " + inputSpec + " or write " + output + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException(
                    "Retrospec failed on " + inputSpec + ": this is a bug in Retrospec, please"
                            + " report it with the description if you can: " + e,
                    e);
        }
        Projects.log(getLog(), outcome.warnings());
        addSourceRoot(output);
        String where = Projects.relative(basedir, output);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (outcome.upToDate()) {
            getLog().info(String.format(
                    "Retrospec: %s is up to date with %s (%d description %s, configuration and"
                            + " generator unchanged): nothing written, %d ms",
                    where, inputSpec, outcome.inputs(), outcome.inputs() == 1 ? "file" : "files", millis));
        } else {
            getLog().info(String.format(
                    "Retrospec: %s from %s: %d files (%d types, %d interfaces) in %s in %d ms (%s)",
                    outcome.clientName(),
                    inputSpec,
                    outcome.files(),
                    outcome.types(),
                    outcome.interfaces(),
                    where,
                    millis,
                    outcome.reason()));
        }
        if (outcome.produced() != null) {
            getLog().info("Retrospec: " + outcome.clientName() + ": "
                    + outcome.produced().line());
        }
    }

    private CallStyle parseCallStyle() throws MojoFailureException {
        return switch (callStyle.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "call" -> CallStyle.CALL;
            case "completable-future", "completablefuture" -> CallStyle.COMPLETABLE_FUTURE;
            default ->
                throw new MojoFailureException(
                        "callStyle: '" + callStyle + "' is neither 'call' nor" + " 'completable-future'");
        };
    }

    private void addSourceRoot(Path output) {
        if (project == null || !Projects.hasPom(project)) {
            return;
        }
        if (addCompileSourceRoot) {
            project.addCompileSourceRoot(output.toAbsolutePath().toString());
        }
        if (addTestCompileSourceRoot) {
            project.addTestCompileSourceRoot(output.toAbsolutePath().toString());
        }
    }

    private Path defaultOutput(Path basedir) {
        MavenProject withPom = Projects.withPom(project);
        Path target = withPom != null ? Path.of(withPom.getBuild().getDirectory()) : basedir.resolve("target");
        String id = mojoExecution != null ? mojoExecution.getExecutionId() : "default";
        return target.resolve("generated-sources").resolve("retrospec").resolve(id);
    }
}
