package dev.retrospec.codegen.emit;

import dev.retrospec.codegen.model.ApiModel;
import dev.retrospec.codegen.model.Operation;
import dev.retrospec.codegen.model.Service;
import dev.retrospec.codegen.model.TypeRef;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The error body types the client declares once: per status, the type most operations give it (the first by name on
 * a tie). An operation carries {@code @ErrorType} only where it differs, so that GitHub's thousand operations do not
 * each repeat {@code 404 BasicError}.
 */
final class ErrorTypes {
    private ErrorTypes() {}

    /** Status to type name, sorted by status. */
    static Map<String, String> shared(ApiModel model) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Service service : model.services()) {
            for (Operation op : service.operations()) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (Operation.Response error : op.errors()) {
                    if (error.type() instanceof TypeRef.Named named && seen.add(error.status())) {
                        counts.computeIfAbsent(error.status(), s -> new HashMap<>())
                                .merge(named.name(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, String> shared = new TreeMap<>();
        counts.forEach((status, types) -> shared.put(
                status,
                types.entrySet().stream()
                        .min(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                                .thenComparing(Map.Entry::getKey))
                        .orElseThrow()
                        .getKey()));
        return shared;
    }
}
