package dev.retrospec.maven;

import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.load.DescriptionScan;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.ReferencedFiles;
import dev.retrospec.codegen.load.RemoteDocuments;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One execution of the generate goal, apart from Maven: resolve the description, decide from the stamp whether
 * the output is current, and if not generate, replace the output directory and stamp it. A failure leaves the
 * previous output and stamp as they were.
 */
final class Generation {
    private Generation() {}

    /** What the goal should do, already checked and defaulted. */
    record Request(
            String inputSpec,
            Path basedir,
            Path outputDirectory,
            ClassLoader resources,
            GeneratorOptions.Builder options,
            boolean failOnWarnings) {
        Request(
                String inputSpec,
                Path basedir,
                Path outputDirectory,
                ClassLoader resources,
                GeneratorOptions.Builder options) {
            this(inputSpec, basedir, outputDirectory, resources, options, false);
        }
    }

    /**
     * A generation that had warnings while {@code failOnWarnings} was set: nothing was written, and the previous
     * output and stamp are as they were.
     */
    static final class FailedOnWarnings extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient List<Problem> problems;

        FailedOnWarnings(String spec, List<Problem> problems) {
            super(warnings(problems.stream().filter(Problem::isWarning).count()) + " in " + spec
                    + ", and failOnWarnings is set: nothing written");
            this.problems = List.copyOf(problems);
        }

        List<Problem> problems() {
            return problems;
        }

        private static String warnings(long n) {
            return n + (n == 1 ? " warning" : " warnings");
        }
    }

    /** What happened. */
    record Outcome(
            boolean upToDate,
            String reason,
            String clientName,
            int files,
            int types,
            int interfaces,
            int inputs,
            List<Problem> warnings,
            @Nullable Produced produced) {}

    /**
     * The input files the previous stamp recorded, if each is still there with the content it had (the same size and
     * modification time, or else the same digest): then the files they reference are the same too, and the
     * description need not be read to find them (on an unchanged build of a large description, that read was most
     * of the plugin's time). Null if they must be found again.
     */
    private static @Nullable List<Path> unchangedInputs(@Nullable Stamp previous, Path root) throws IOException {
        // The root comes first: another root (inputSpec changed) reads the description again, even one that was
        // among the files before.
        if (previous == null
                || previous.files().isEmpty()
                || !previous.files().get(0).equals(root.getFileName().toString())) {
            return null;
        }
        Path base = ReferencedFiles.parentOf(root);
        // Loops rather than streams on this path: each lambda costs a cold JVM time to spin up.
        List<Path> recorded = new ArrayList<>();
        for (String name : previous.files()) {
            Path file = base.resolve(name).normalize();
            if (!Files.isRegularFile(file)) {
                return null;
            }
            recorded.add(file);
        }
        if (Stamp.stats(recorded).equals(previous.stats())) {
            return recorded;
        }
        return Stamp.digestFiles(base, recorded).equals(previous.inputs()) ? recorded : null;
    }

    static Outcome run(Request request) throws SpecProblemsException, IOException, FailedOnWarnings {
        try (SpecLocation spec = SpecLocation.resolve(request.inputSpec(), request.basedir(), request.resources())) {
            GeneratorOptions options = request.options()
                    .specFile(spec.file())
                    .specName(spec.displayName())
                    .remoteOrigin(spec.remoteOrigin())
                    .build();
            Path output = request.outputDirectory().toAbsolutePath().normalize();
            Path stampFile = Stamp.fileFor(output);
            if (!Files.isRegularFile(spec.file())) {
                throw new SpecProblemsException(List.of(new Problem(
                        Problem.Severity.ERROR,
                        Problem.Kind.NO_SUCH_FILE,
                        spec.displayName(),
                        0,
                        0,
                        "",
                        "no such file")));
            }
            Path root = spec.file().toAbsolutePath().normalize();
            Path base = ReferencedFiles.parentOf(root);
            Stamp previous = Stamp.read(stampFile);
            List<Path> inputs = unchangedInputs(previous, root);
            String inputsDigest;
            if (inputs != null && previous != null) {
                inputsDigest = previous.inputs();
            } else {
                inputs = new ArrayList<>();
                inputs.add(root);
                for (Path file : ReferencedFiles.of(root)) {
                    if (!file.equals(root)) {
                        inputs.add(file);
                    }
                }
                inputsDigest = Stamp.digestFiles(base, inputs);
            }
            List<String> names = new ArrayList<>();
            for (Path file : inputs) {
                names.add(Stamp.name(base, file));
            }
            String remote = "";
            if (options.allowRemoteRefs()) {
                // Remote documents have no file times: they are fetched and digested on every build that allows them.
                DescriptionScan.Result scan =
                        DescriptionScan.of(root, spec.displayName(), spec.remoteOrigin(), Long.MAX_VALUE);
                if (!scan.remote().isEmpty()) {
                    remote = Stamp.digestText(RemoteDocuments.digest(scan.remote()));
                }
            }
            Stamp wanted = new Stamp(
                    inputsDigest,
                    names,
                    Stamp.stats(inputs),
                    remote,
                    // failOnWarnings in the digest: setting it regenerates, so that warnings are found again
                    Stamp.digestText(options.fingerprint() + (request.failOnWarnings() ? "\nfailOnWarnings" : "")),
                    Stamp.generatorIdentity(),
                    "");
            String currentOutput = Stamp.digestOutput(output);
            @Nullable String reason = wanted.reasonToRegenerate(previous, currentOutput);
            if (reason == null) {
                if (previous != null && !previous.stats().equals(wanted.stats())) {
                    // touched, not changed: remember the new times so that the next build need not read the files again
                    wanted.withOutput(currentOutput).write(stampFile);
                }
                return new Outcome(true, "", "", 0, 0, 0, inputs.size(), List.of(), null);
            }
            Generator.Result result = Generator.generate(options);
            if (request.failOnWarnings() && result.warnings().stream().anyMatch(Problem::isWarning)) {
                throw new FailedOnWarnings(spec.displayName(), result.warnings());
            }
            Files.deleteIfExists(stampFile); // no stamp may vouch for a directory in the middle of being replaced
            OutputWriter.replace(output, result.files());
            wanted.withOutput(Stamp.digestOutput(output)).write(stampFile);
            return new Outcome(
                    false,
                    reason,
                    result.model().clientName(),
                    result.files().size(),
                    result.model().types().size(),
                    result.model().services().size(),
                    inputs.size(),
                    result.warnings(),
                    Produced.of(result.model(), result.warnings()));
        }
    }
}
