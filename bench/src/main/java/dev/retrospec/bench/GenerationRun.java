package dev.retrospec.bench;

import com.palantir.javapoet.JavaFile;
import dev.retrospec.codegen.GeneratedFile;
import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.emit.EmitOptions;
import dev.retrospec.codegen.emit.Emitter;
import dev.retrospec.codegen.load.LoadedSpec;
import dev.retrospec.codegen.load.SpecLoader;
import dev.retrospec.codegen.model.ModelBuilder;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One JVM, {@code warmups} unmeasured runs then {@code runs} measured ones, of one of: Retrospec's generator
 * (generate and write), swagger-parser alone (the floor: what every generator built on it pays), or OpenAPI
 * Generator's CLI (on the classpath only when {@code bench/generation} puts it there, in place of Retrospec).
 * Prints one line: {@code millis=<run 1>,<run 2>,... peakHeapMb=<heap pools' peaks> peakRssMb=<VmHWM>}. {@code bench/generation} runs it with
 * {@code 0 1} for a cold figure and with warm-ups for a warm one.
 *
 * <pre>
 *   GenerationRun retrospec &lt;warmups&gt; &lt;runs&gt; &lt;spec&gt; &lt;output folder&gt;
 *   GenerationRun parse     &lt;warmups&gt; &lt;runs&gt; &lt;spec&gt;
 *   GenerationRun oag       &lt;warmups&gt; &lt;runs&gt; &lt;spec&gt; &lt;output folder&gt;
 * </pre>
 */
public final class GenerationRun {
    private GenerationRun() {}

    public static void main(String[] args) throws Throwable {
        String mode = args[0];
        int warmups = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        String[] rest = Arrays.copyOfRange(args, 3, args.length);
        if (mode.equals("phases")) {
            phases(warmups, runs, Path.of(rest[0]), Path.of(rest[1]));
            System.exit(0);
        }
        Task task = switch (mode) {
            case "retrospec" -> () -> retrospec(Path.of(rest[0]), Path.of(rest[1]));
            case "parse" -> () -> parse(Path.of(rest[0]));
            case "oag" -> oag(Path.of(rest[0]), Path.of(rest[1]));
            default -> throw new IllegalArgumentException("mode: retrospec, parse, phases or oag, not " + mode);
        };
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        List<String> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            millis.add(Long.toString((System.nanoTime() - start) / 1_000_000));
        }
        System.out.println(
                "millis=" + String.join(",", millis) + " peakHeapMb=" + peakHeapMb() + " peakRssMb=" + peakRssMb());
        System.exit(0); // whatever threads a generator left behind
    }

    interface Task {
        void run() throws Throwable;
    }

    /**
     * What the Maven plugin does on a change: generate in memory, then replace the output folder with the plugin's own
     * writer (package-private, so reached reflectively).
     */
    static void retrospec(Path spec, Path output) throws Exception {
        Generator.Result result = Generator.generate(
                GeneratorOptions.builder(spec, "com.example.client").build());
        try {
            REPLACE.invoke(null, output, result.files());
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static final Method REPLACE = outputWriter();

    private static Method outputWriter() {
        try {
            Method replace = Class.forName("dev.retrospec.maven.OutputWriter")
                    .getDeclaredMethod("replace", Path.class, List.class);
            replace.setAccessible(true);
            return replace;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the plugin's OutputWriter.replace(Path, List) is gone", e);
        }
    }

    /**
     * Where a warm generation's wall time goes: the median milliseconds of each step the generator and the plugin take
     * in turn, the bare parse measured in the same runs. Prints {@code phase=<name>:<ms>} lines.
     */
    static void phases(int warmups, int runs, Path spec, Path output) throws Exception {
        String[] names = {"bare parse", "load", "model", "emit", "render", "write"};
        List<List<Long>> times = new ArrayList<>();
        for (String ignored : names) {
            times.add(new ArrayList<>());
        }
        GeneratorOptions options =
                GeneratorOptions.builder(spec, "com.example.client").build();
        EmitOptions emit = EmitOptions.of("com.example.client");
        for (int i = 0; i < warmups + runs; i++) {
            long[] at = new long[names.length + 1];
            at[0] = System.nanoTime();
            parse(spec);
            at[1] = System.nanoTime();
            LoadedSpec loaded = SpecLoader.load(spec, spec.toString());
            at[2] = System.nanoTime();
            ModelBuilder.Result built = ModelBuilder.build(loaded, ModelBuilder.Options.DEFAULTS);
            at[3] = System.nanoTime();
            List<JavaFile> specs = Emitter.emit(built.model(), emit);
            at[4] = System.nanoTime();
            List<GeneratedFile> files =
                    specs.parallelStream().map(Generator::toFile).toList();
            at[5] = System.nanoTime();
            REPLACE.invoke(null, output, files);
            at[6] = System.nanoTime();
            if (i >= warmups) {
                for (int p = 0; p < names.length; p++) {
                    times.get(p).add((at[p + 1] - at[p]) / 1_000_000);
                }
            }
        }
        for (int p = 0; p < names.length; p++) {
            List<Long> sorted = times.get(p).stream().sorted().toList();
            System.out.println("phase=" + names[p] + ":" + sorted.get(sorted.size() / 2));
        }
    }

    /** swagger-parser with the options Retrospec and OpenAPI Generator both use: resolve references. */
    static void parse(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result =
                new OpenAPIParser().readLocation(spec.toAbsolutePath().toString(), null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("swagger-parser read nothing from " + spec + ": " + result.getMessages());
        }
    }

    /**
     * OpenAPI Generator's CLI as a user runs it for Java and Retrofit, given every chance: spec validation, tests and
     * docs skipped. Reflective, so that this class compiles without it; the output folder is emptied first, as for
     * Retrospec.
     */
    static Task oag(Path spec, Path output) throws ReflectiveOperationException {
        Method main = Class.forName("org.openapitools.codegen.OpenAPIGenerator").getMethod("main", String[].class);
        String[] args = {
            "generate",
            "-g",
            "java",
            "--library",
            "retrofit2",
            "-i",
            spec.toAbsolutePath().toString(),
            "-o",
            output.toString(),
            "--skip-validate-spec",
            "-p",
            "hideGenerationTimestamp=true",
            "--global-property",
            "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false"
        };
        return () -> {
            deleteTree(output);
            main.invoke(null, (Object) args.clone());
        };
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /**
     * The peak of the Java heap, in MiB: the sum of each heap pool's peak since the JVM started (an upper bound of the
     * heap used at any one time, since the pools peak at different moments).
     */
    static long peakHeapMb() {
        long bytes = 0;
        for (java.lang.management.MemoryPoolMXBean pool :
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    /** The process's peak resident set (VmHWM), in MiB; -1 where /proc does not say. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
