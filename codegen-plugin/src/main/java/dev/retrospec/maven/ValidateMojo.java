package dev.retrospec.maven;

import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.ModelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * Checks OpenAPI descriptions the way {@code generate} reads them, without writing code: for the project where the
 * descriptions are written, so a broken or unsupported one fails there with the same messages, not later in a
 * consumer's build. Every problem of every description is reported before the build fails.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true, requiresProject = false)
public final class ValidateMojo extends AbstractMojo {
    /**
     * The descriptions: paths relative to the project, {@code http(s)} URLs, or {@code classpath:} resources.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> inputSpecs = new ArrayList<>();

    /**
     * One more description, handy on the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.inputSpec")
    private @Nullable String inputSpec;

    /**
     * Fails the build on warnings too (constructs Retrospec reads with a fallback).
     *
     * @since 0.1.0
     */
    @Parameter(property = "retrospec.failOnWarnings", defaultValue = "false")
    private boolean failOnWarnings;

    /**
     * Skips validation.
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

    @Parameter(defaultValue = "${project}", readonly = true)
    private @Nullable MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Retrospec: validation skipped (retrospec.skip)");
            return;
        }
        List<String> specs = new ArrayList<>(inputSpecs);
        if (inputSpec != null && !inputSpec.isBlank()) {
            specs.add(inputSpec);
        }
        if (specs.isEmpty()) {
            throw new MojoFailureException(
                    "nothing to validate: name descriptions in <inputSpecs> or with" + " -Dretrospec.inputSpec");
        }
        Path basedir = Projects.basedir(project);
        List<String> failed = new ArrayList<>();
        for (String spec : specs) {
            try (SpecLocation location =
                    SpecLocation.resolve(spec, basedir, getClass().getClassLoader())) {
                ModelBuilder.Result result = Generator.model(GeneratorOptions.builder(location.file(), "validate")
                        .specName(location.displayName())
                        .remoteOrigin(location.remoteOrigin())
                        .allowRemoteRefs(allowRemoteRefs)
                        .maxDescriptionNodes(maxDescriptionNodes)
                        .build());
                Projects.log(getLog(), result.warnings());
                long warnings =
                        result.warnings().stream().filter(Problem::isWarning).count();
                ApiModel model = result.model();
                int operations = model.services().stream()
                        .mapToInt(s -> s.operations().size())
                        .sum();
                getLog().info(String.format(
                        "Retrospec: %s is valid: %d types, %d interfaces, %d operations%s",
                        spec,
                        model.types().size(),
                        model.services().size(),
                        operations,
                        warnings == 0 ? "" : ", " + warnings + " warnings"));
                getLog().info("Retrospec: " + model.clientName() + ": "
                        + Produced.of(model, result.warnings()).line());
                if (failOnWarnings && warnings > 0) {
                    failed.add(spec + ": " + warnings + " warnings (failOnWarnings)");
                }
            } catch (SpecProblemsException e) {
                Projects.log(getLog(), e.problems());
                long errors = e.problems().stream().filter(Problem::isError).count();
                failed.add(spec + ": " + errors + (errors == 1 ? " error" : " errors"));
            } catch (IOException e) {
                throw new MojoExecutionException("Retrospec could not read " + spec + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new MojoExecutionException(
                        "Retrospec failed on " + spec + ": this is a bug in Retrospec, please report it with the"
                                + " description if you can: " + e,
                        e);
            }
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException("invalid OpenAPI descriptions:\n  " + String.join("\n  ", failed));
        }
    }
}
