package dev.retrospec.runtime;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Configuration from environment variables, for generated clients' {@code fromEnv()}: a variable that is unset or
 * blank counts as not given. Messages name variables, never their values.
 */
public final class Env {
    private Env() {}

    /** Gives {@code name}'s value to {@code use} if the variable is set and not blank. */
    public static void ifSet(Map<String, String> env, String name, Consumer<String> use) {
        String value = value(env, name);
        if (value != null) {
            use.accept(value);
        }
    }

    /**
     * Gives both values to {@code use} if both variables are set; neither is fine, one without the other is a mistake
     * worth failing on before the first request.
     */
    public static void ifSet(Map<String, String> env, String first, String second, BiConsumer<String, String> use) {
        String one = value(env, first);
        String two = value(env, second);
        if (one != null && two != null) {
            use.accept(one, two);
        } else if (one != null || two != null) {
            throw new IllegalStateException(
                    (one == null ? first : second) + " is not set, but " + (one == null ? second : first) + " is");
        }
    }

    private static @Nullable String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
