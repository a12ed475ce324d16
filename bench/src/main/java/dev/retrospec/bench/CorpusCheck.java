package dev.retrospec.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.retrospec.codegen.GeneratedFile;
import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.load.SpecProblemsException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * Runs the generator on every OpenAPI description under a folder and compiles each result against the runtime's
 * classpath with {@code -Xlint:all}, counting warnings (generated code is to give none); prints one row per description
 * and a summary. With {@code --oag <results.tsv>} it reads OpenAPI Generator's results for the same descriptions
 * (written by {@code bench/oag-check}) and prints both side by side; with {@code --list} it only prints which files it
 * takes for descriptions, for {@code bench/oag-check}; with {@code --summary} it prints the totals and only the rows
 * of descriptions that did not compile (refused, crashed or not compiling) or gave a warning, so that a run over
 * hundreds of descriptions says what is left to fix.
 *
 * <pre>
 *   CorpusCheck [folder] [--summary] [--oag &lt;results.tsv&gt;] [--list]
 * </pre>
 */
public final class CorpusCheck {
    /**
     * One description's result: {@code firstError} is the first error (a refusal, a crash, a compile error) or, where
     * it compiled with warnings, the first warning; {@code warnings} counts javac's warnings under {@code -Xlint:all}.
     */
    record Row(
            String spec,
            String generated,
            String compiled,
            int files,
            long lines,
            int warnings,
            double seconds,
            String firstError) {}

    /** What javac made of one output: its first error (null if it compiled), its warnings, the first of them. */
    record Compiled(
            @Nullable String firstError,
            int warnings,
            @Nullable String firstWarning) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("../shared/corpus");
        Path oagResults = null;
        boolean list = false;
        boolean summary = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--oag" -> oagResults = Path.of(args[++i]);
                case "--list" -> list = true;
                case "--summary" -> summary = true;
                default -> root = Path.of(args[i]);
            }
        }
        if (!Files.isDirectory(root)) {
            System.out.println("corpus-check: no folder " + root.toAbsolutePath() + ": nothing to check");
            return;
        }
        List<Path> specs = descriptions(root);
        Path folder = root;
        if (list) {
            specs.forEach(spec -> System.out.println(folder.relativize(spec)));
            return;
        }
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<Row>> futures = new ArrayList<>();
        for (Path spec : specs) {
            futures.add(pool.submit(() -> check(folder, spec)));
        }
        List<Row> rows = new ArrayList<>();
        for (Future<Row> future : futures) {
            rows.add(future.get());
        }
        pool.shutdown();
        print(System.out, rows, oagResults == null ? null : OagResults.read(oagResults), summary);
    }

    /** Root documents only: files whose top level has {@code openapi} or {@code swagger}; fragments are skipped. */
    static List<Path> descriptions(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches("(?i).*\\.(ya?ml|json)$"))
                    .filter(CorpusCheck::isRootDocument)
                    .sorted(Comparator.comparing(f -> root.relativize(f).toString()))
                    .toList();
        }
    }

    static boolean isRootDocument(Path file) {
        JsonFactory factory =
                file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? new JsonFactory() : new YAMLFactory();
        try (JsonParser parser = factory.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                if (name.equals("openapi") || name.equals("swagger")) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return true; // unparsable: let the generator say why
        }
    }

    static Row check(Path root, Path spec) {
        String name = root.relativize(spec).toString();
        long start = System.nanoTime();
        Generator.Result result;
        try {
            result = Generator.generate(GeneratorOptions.builder(spec, "com.example.client")
                    .specName(name)
                    .build());
        } catch (SpecProblemsException e) {
            Problem first = e.problems().stream()
                    .filter(Problem::isError)
                    .findFirst()
                    .orElse(e.problems().get(0));
            return new Row(name, "error", "-", 0, 0, 0, seconds(start), oneLine(first.toString()));
        } catch (RuntimeException | Error e) {
            return new Row(name, "CRASH", "-", 0, 0, 0, seconds(start), oneLine(e.toString()));
        }
        long lines = result.files().stream()
                .mapToLong(f -> f.content().lines().count())
                .sum();
        Compiled compiled;
        try {
            compiled = compile(result.files());
        } catch (IOException | RuntimeException e) {
            compiled = new Compiled("javac: " + e, 0, null);
        }
        String first = compiled.firstError() != null
                ? compiled.firstError()
                : compiled.firstWarning() != null ? "warning: " + compiled.firstWarning() : "";
        return new Row(
                name,
                "yes",
                compiled.firstError() == null ? "yes" : "no",
                result.files().size(),
                lines,
                compiled.warnings(),
                seconds(start),
                oneLine(first));
    }

    /** Compiles {@code files} with {@code -Xlint:all}, as the goldens are: generated code is to give no warning. */
    static Compiled compile(List<GeneratedFile> files) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (GeneratedFile file : files) {
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + file.path()), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return file.content();
                }
            });
        }
        Path classes = Files.createTempDirectory("corpus-classes-");
        try (StandardJavaFileManager manager =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(
                            null,
                            manager,
                            diagnostics,
                            List.of(
                                    "-proc:none",
                                    "--release",
                                    "17",
                                    "-classpath",
                                    System.getProperty("java.class.path"),
                                    "-d",
                                    classes.toString(),
                                    "-Xlint:all",
                                    "-Xmaxwarns",
                                    "100000",
                                    "-Xmaxerrs",
                                    "5"),
                            null,
                            sources)
                    .call();
            int warnings = 0;
            String firstWarning = null;
            String firstError = null;
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR && firstError == null) {
                    firstError = located(d);
                } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                    warnings++;
                    firstWarning = firstWarning == null ? located(d) : firstWarning;
                }
            }
            if (!ok && firstError == null) {
                firstError = "javac failed";
            }
            return new Compiled(firstError, warnings, firstWarning);
        } finally {
            GenerationRun.deleteTree(classes);
        }
    }

    private static String located(Diagnostic<? extends JavaFileObject> d) {
        return (d.getSource() == null
                        ? ""
                        : d.getSource().getName().replace("string:///", "") + ":" + d.getLineNumber() + ": ")
                + d.getMessage(Locale.ROOT);
    }

    /** The table (with {@code summary}, only its rows that did not compile or warned), then the totals. */
    static void print(PrintStream out, List<Row> rows, @Nullable OagResults oag, boolean summary) {
        String header = String.format(
                "%-70s %-9s %-8s %6s %8s %8s %7s",
                "spec", "generated", "compiled", "files", "lines", "warnings", "seconds");
        out.println(oag == null ? header + "  first error" : header + "  | OAG: generated compiled seconds");
        for (Row row : rows) {
            if (summary && row.compiled().equals("yes") && row.warnings() == 0) {
                continue;
            }
            String line = String.format(
                    "%-70s %-9s %-8s %6d %8d %8d %7.1f",
                    shorten(row.spec(), 70),
                    row.generated(),
                    row.compiled(),
                    row.files(),
                    row.lines(),
                    row.warnings(),
                    row.seconds());
            if (oag != null) {
                OagResults.Result other = oag.get(row.spec());
                line += other == null
                        ? "  | -"
                        : String.format("  | %-9s %-8s %7.1f", other.generated(), other.compiled(), other.seconds());
            }
            out.println(line + (row.firstError().isEmpty() ? "" : "  " + shorten(row.firstError(), 160)));
        }
        long generated = rows.stream().filter(r -> r.generated().equals("yes")).count();
        long compiled = rows.stream().filter(r -> r.compiled().equals("yes")).count();
        long refused = rows.stream().filter(r -> r.generated().equals("error")).count();
        long crashed = rows.stream().filter(r -> r.generated().equals("CRASH")).count();
        long clean = rows.stream()
                .filter(r -> r.compiled().equals("yes") && r.warnings() == 0)
                .count();
        out.printf(
                "%nRetrospec: %d descriptions: %d generated, %d compiled (%d of them without a warning under"
                        + " -Xlint:all; %d warnings in all), %d refused with a located error, %d crashed; %.0f s in"
                        + " all%n",
                rows.size(),
                generated,
                compiled,
                clean,
                rows.stream().mapToLong(Row::warnings).sum(),
                refused,
                crashed,
                rows.stream().mapToDouble(Row::seconds).sum());
        if (oag != null) {
            out.println(oag.summary(rows.stream().map(Row::spec).toList()));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\n\\s*", " ");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
