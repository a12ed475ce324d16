package dev.retrospec.maven;

import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.ReferencedFiles;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One execution of the generate goal, apart from Maven: resolve the description, decide from the stamp whether
 * the output is current, and if not generate, replace the output directory and stamp it. A failure leaves the
 * previous output and stamp as they were.
 */
final class Generation {
  private Generation() {}

  /** What the goal should do, already checked and defaulted. */
  record Request(String inputSpec, Path basedir, Path outputDirectory, ClassLoader resources,
      GeneratorOptions.Builder options) {}

  /** What happened. */
  record Outcome(boolean upToDate, String reason, String clientName, int files, int types, int interfaces,
      int inputs, List<Problem> warnings) {}

  static Outcome run(Request request) throws SpecProblemsException, IOException {
    try (SpecLocation spec = SpecLocation.resolve(request.inputSpec(), request.basedir(), request.resources())) {
      GeneratorOptions options = request.options()
          .specFile(spec.file())
          .specName(spec.displayName())
          .remoteOrigin(spec.remoteOrigin())
          .build();
      Path output = request.outputDirectory().toAbsolutePath().normalize();
      Path stampFile = Stamp.fileFor(output);
      if (!Files.isRegularFile(spec.file())) {
        throw new SpecProblemsException(List.of(new Problem(Problem.Severity.ERROR, spec.displayName(), 0, 0, "",
            "no such file")));
      }
      Set<Path> inputs = ReferencedFiles.of(spec.file());
      Stamp wanted = new Stamp(
          Stamp.digestFiles(spec.file().toAbsolutePath().getParent(), inputs),
          Stamp.digestText(options.fingerprint()),
          Stamp.generatorIdentity(),
          "");
      Stamp previous = Stamp.read(stampFile);
      @Nullable String reason = wanted.reasonToRegenerate(previous, Stamp.digestOutput(output));
      if (reason == null) {
        return new Outcome(true, "", "", 0, 0, 0, inputs.size(), List.of());
      }
      Generator.Result result = Generator.generate(options);
      Files.deleteIfExists(stampFile); // no stamp may vouch for a directory in the middle of being replaced
      OutputWriter.replace(output, result.files());
      new Stamp(wanted.inputs(), wanted.configuration(), wanted.generator(), Stamp.digestOutput(output))
          .write(stampFile);
      return new Outcome(false, reason, result.model().clientName(), result.files().size(),
          result.model().types().size(), result.model().services().size(), inputs.size(), result.warnings());
    }
  }
}
