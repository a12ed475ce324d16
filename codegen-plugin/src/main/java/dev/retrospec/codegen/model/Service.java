package dev.retrospec.codegen.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A Retrofit interface: the operations of one tag. */
public record Service(
        String name, String accessor, String tag, @Nullable String description, List<Operation> operations) {
    public Service {
        operations = List.copyOf(operations);
    }
}
