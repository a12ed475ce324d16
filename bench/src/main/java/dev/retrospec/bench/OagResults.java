package dev.retrospec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** OpenAPI Generator's results, one tab-separated line per description: spec, generated, compiled, seconds. */
final class OagResults {
    record Result(String generated, String compiled, double seconds) {}

    private final Map<String, Result> results;

    private OagResults(Map<String, Result> results) {
        this.results = results;
    }

    static OagResults read(Path file) throws IOException {
        Map<String, Result> results = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split("\t");
            if (parts.length >= 4) {
                results.put(parts[0], new Result(parts[1], parts[2], Double.parseDouble(parts[3])));
            }
        }
        return new OagResults(results);
    }

    Result get(String spec) {
        return results.get(spec);
    }

    String summary(List<String> specs) {
        long generated = specs.stream()
                .map(results::get)
                .filter(r -> r != null && r.generated().equals("yes"))
                .count();
        long compiled = specs.stream()
                .map(results::get)
                .filter(r -> r != null && r.compiled().equals("yes"))
                .count();
        double seconds = specs.stream()
                .map(results::get)
                .filter(r -> r != null)
                .mapToDouble(Result::seconds)
                .sum();
        return String.format(
                "OpenAPI Generator (java, retrofit2): %d descriptions: %d generated, %d compiled; %.0f s in" + " all",
                specs.size(), generated, compiled, seconds);
    }
}
