package dev.retrospec.codegen.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every local file a description depends on: the root and, transitively, each file a {@code $ref} names
 * ({@code schemas/pet.yaml#/Pet}). Remote references (http) are left to swagger-parser. For build caches: a change
 * to any of these files must regenerate.
 */
public final class ReferencedFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferencedFiles() {}

  /** The root and every file reachable from it through {@code $ref}s, sorted, normalized, absolute. */
  public static Set<Path> of(Path root) {
    Set<Path> files = new TreeSet<>();
    Deque<Path> pending = new ArrayDeque<>();
    pending.add(root.toAbsolutePath().normalize());
    while (!pending.isEmpty()) {
      Path file = pending.pop();
      if (!files.add(file)) {
        continue;
      }
      JsonNode tree;
      try {
        tree = (SourceMap.isJson(file) ? JSON : YAML).readTree(file.toFile());
      } catch (IOException | RuntimeException e) {
        continue; // unreadable: the loader reports it; the digest still covers the bytes
      }
      collect(tree, file.getParent(), pending);
    }
    return files;
  }

  private static void collect(JsonNode node, Path directory, Deque<Path> pending) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
          Path target = localTarget(field.getValue().asText(), directory);
          if (target != null && Files.isRegularFile(target)) {
            pending.add(target);
          }
        } else {
          collect(field.getValue(), directory, pending);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, directory, pending));
    }
  }

  private static Path localTarget(String ref, Path directory) {
    int hash = ref.indexOf('#');
    String location = hash < 0 ? ref : ref.substring(0, hash);
    if (location.isEmpty() || location.contains("://")) {
      return null;
    }
    try {
      return directory.resolve(location).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
