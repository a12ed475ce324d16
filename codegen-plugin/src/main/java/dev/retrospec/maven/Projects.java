package dev.retrospec.maven;

import dev.retrospec.codegen.load.Problem;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/** What the goals share about Maven projects and logs. */
final class Projects {
    private Projects() {}

    /** False when run from the command line outside a project ({@code requiresProject = false}). */
    static boolean hasPom(@Nullable MavenProject project) {
        return project != null && project.getFile() != null && project.getBasedir() != null;
    }

    /** The project if it has a pom, else null. */
    static @Nullable MavenProject withPom(@Nullable MavenProject project) {
        return hasPom(project) ? project : null;
    }

    static Path basedir(@Nullable MavenProject project) {
        MavenProject withPom = withPom(project);
        return withPom != null ? withPom.getBasedir().toPath() : Path.of("").toAbsolutePath();
    }

    static String relative(Path basedir, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(basedir.toAbsolutePath())
                ? basedir.toAbsolutePath().relativize(absolute).toString()
                : absolute.toString();
    }

    /** Errors as errors, warnings as warnings, notes at INFO, in report order. */
    static void log(Log log, List<Problem> problems) {
        for (Problem problem : problems.stream().sorted(Problem.ORDER).toList()) {
            switch (problem.severity()) {
                case ERROR -> log.error(problem.toString());
                case WARNING -> log.warn(problem.toString());
                case INFO -> log.info(problem.toString());
            }
        }
    }
}
