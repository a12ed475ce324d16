package dev.retrospec.codegen.testing;

import com.sun.source.util.JavacTask;
import dev.retrospec.codegen.GeneratedFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources with the JDK's javac, in-process, against the test classpath (runtime included). */
public final class InMemoryJavac {
    private InMemoryJavac() {}

    /** Every diagnostic javac gave with {@code -Xlint:all}, formatted {@code path:line: kind: message}. */
    public static List<String> compile(List<GeneratedFile> files, Path classesDir) throws IOException {
        return compileAndInspect(files, classesDir, types -> {}).diagnostics();
    }

    /** What javac made of generated sources: its diagnostics, and every type it saw, nested ones included. */
    public record Compilation(List<String> diagnostics, List<TypeElement> types, Elements elements) {}

    /**
     * Compiles {@code files} into {@code classesDir}, and hands javac's own view of the types (members, Javadoc as
     * javac reads it) to {@code inspect} while the compiler is still open.
     */
    public static Compilation compileAndInspect(
            List<GeneratedFile> files, Path classesDir, java.util.function.Consumer<Compilation> inspect)
            throws IOException {
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
        Files.createDirectories(classesDir);
        List<TypeElement> types = new ArrayList<>();
        Elements elements;
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of(
                    "-Xlint:all",
                    "-proc:none",
                    "-parameters",
                    "--release",
                    "17",
                    "-encoding",
                    "UTF-8",
                    "-classpath",
                    testClasspath(),
                    "-d",
                    classesDir.toString());
            JavacTask task = (JavacTask) javac.getTask(null, fileManager, diagnostics, options, null, sources);
            elements = task.getElements();
            for (Element element : task.analyze()) {
                if (element instanceof TypeElement type) {
                    collect(type, types);
                }
            }
            inspect.accept(new Compilation(messages(diagnostics), types, elements)); // while javac holds the trees
            task.generate();
            return new Compilation(messages(diagnostics), types, elements);
        }
    }

    private static void collect(TypeElement type, List<TypeElement> into) {
        into.add(type);
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested) {
                collect(nested, into);
            }
        }
    }

    private static List<String> messages(DiagnosticCollector<JavaFileObject> diagnostics) {
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String source = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
            messages.add(source + d.getKind().name().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
        }
        return messages;
    }

    /**
     * Compiles {@code files} into {@code classesDir} and loads them: for tests that use generated code at run time.
     *
     * @throws AssertionError listing the diagnostics if the files do not compile
     */
    public static ClassLoader load(List<GeneratedFile> files, Path classesDir) throws IOException {
        List<String> diagnostics = compile(files, classesDir);
        if (diagnostics.stream().anyMatch(d -> d.contains(": error: "))) {
            throw new AssertionError("generated code does not compile: " + diagnostics);
        }
        return new java.net.URLClassLoader(
                new java.net.URL[] {classesDir.toUri().toURL()}, InMemoryJavac.class.getClassLoader());
    }

    /** Surefire runs tests from a manifest-only jar; the real classpath is in this property. */
    public static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
