package dev.retrospec.maven;

import dev.retrospec.codegen.load.Problem;
import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.TypeDef;
import java.util.List;

/**
 * What a description became, counted from the model, so that {@code generate} and {@code validate} log the same
 * line: operations and the interfaces that hold them, the types by kind, and how many warnings (each logged at WARN
 * with its file, line and pointer) and notes (at INFO) came with them.
 */
record Produced(int operations, int interfaces, int records, int unions, int enums, long warnings, long notes) {

    static Produced of(ApiModel model, List<Problem> problems) {
        int records = 0;
        int unions = 0;
        int enums = 0;
        for (TypeDef type : model.types()) {
            if (type instanceof TypeDef.UnionDef) {
                unions++;
            } else if (type instanceof TypeDef.EnumDef) {
                enums++;
            } else {
                records++;
            }
        }
        int operations = 0;
        for (var service : model.services()) {
            operations += service.operations().size();
        }
        return new Produced(
                operations,
                model.services().size(),
                records,
                unions,
                enums,
                problems.stream().filter(Problem::isWarning).count(),
                problems.stream()
                        .filter(p -> p.severity() == Problem.Severity.INFO)
                        .count());
    }

    /**
     * {@code 12 operations in 3 interfaces; 30 records, 5 unions, 5 enums; 2 warnings (skipped or degraded: each is
     * above, with where it is)}.
     */
    String line() {
        String said = warnings == 0
                ? "no warnings"
                : count(warnings, "warning") + " (skipped or degraded: each is above, with where it is)";
        return count(operations, "operation") + " in " + count(interfaces, "interface") + "; "
                + count(records, "record")
                + ", " + count(unions, "union") + ", " + count(enums, "enum") + "; " + said
                + (notes == 0 ? "" : "; " + count(notes, "note"));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
