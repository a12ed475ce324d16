package dev.retrospec.codegen.load;

import java.util.List;
import java.util.stream.Collectors;

/** The description cannot be turned into a client; {@link #problems()} says everywhere it went wrong. */
public final class SpecProblemsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public SpecProblemsException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, errors first. */
    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        return errors + (errors == 1 ? " error" : " errors") + " in the OpenAPI description:\n"
                + problems.stream().sorted(Problem.ORDER).map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
