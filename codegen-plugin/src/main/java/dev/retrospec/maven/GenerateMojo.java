package dev.retrospec.maven;

import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
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
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true, requiresProject = false)
public final class GenerateMojo extends AbstractMojo {
  /**
   * The OpenAPI description (3.0, 3.1, or Swagger 2.0): a path relative to the project, or {@code classpath:} a
   * resource in one of the plugin's dependencies, such as {@code classpath:microtek/api.yaml}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "retrospec.inputSpec", required = true)
  private String inputSpec;

  /**
   * The client class's package. Interfaces go to {@code <packageName>.api}, records and enums to
   * {@code <packageName>.model}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "retrospec.packageName", required = true)
  private String packageName;

  /**
   * Where the sources go. Each execution owns its directory and replaces it as a whole; the default is
   * {@code ${project.build.directory}/generated-sources/retrospec/<execution id>}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "retrospec.outputDirectory")
  private @Nullable File outputDirectory;

  /**
   * Skips generation.
   *
   * @since 0.1.0
   */
  @Parameter(property = "retrospec.skip", defaultValue = "false")
  private boolean skip;

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
    Path basedir = hasPom() ? project.getBasedir().toPath() : Path.of("").toAbsolutePath();
    Path output = outputDirectory != null ? outputDirectory.toPath() : defaultOutput(basedir);
    Generator.Result result;
    try (SpecLocation spec = SpecLocation.resolve(inputSpec, basedir, getClass().getClassLoader())) {
      result = Generator.generate(new GeneratorOptions(spec.file(), spec.displayName(), packageName, null, null,
          null));
      OutputWriter.replace(output, result.files());
    } catch (SpecProblemsException e) {
      for (Problem problem : e.problems()) {
        if (problem.isError()) {
          getLog().error(problem.toString());
        } else {
          getLog().warn(problem.toString());
        }
      }
      throw new MojoFailureException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("Retrospec could not read " + inputSpec + " or write " + output + ": "
          + e.getMessage(), e);
    }
    for (Problem warning : result.warnings()) {
      getLog().warn(warning.toString());
    }
    if (project != null) {
      project.addCompileSourceRoot(output.toAbsolutePath().toString());
    }
    getLog().info(String.format("Retrospec: %s from %s: %d files (%d types, %d interfaces) in %s in %d ms",
        result.model().clientName(), inputSpec, result.files().size(), result.model().types().size(),
        result.model().services().size(), basedir.toAbsolutePath().relativize(output.toAbsolutePath()),
        (System.nanoTime() - start) / 1_000_000));
  }

  /** False when run from the command line outside a project ({@code requiresProject = false}). */
  private boolean hasPom() {
    return project != null && project.getFile() != null && project.getBasedir() != null;
  }

  private Path defaultOutput(Path basedir) {
    Path target = hasPom() ? Path.of(project.getBuild().getDirectory()) : basedir.resolve("target");
    String id = mojoExecution != null ? mojoExecution.getExecutionId() : "default";
    return target.resolve("generated-sources").resolve("retrospec").resolve(id);
  }
}
