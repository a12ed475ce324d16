package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void setVariablesAreGivenAndBlankOnesAreNot() {
        List<String> given = new ArrayList<>();

        Env.ifSet(Map.of("A_URL", " https://a.example/ "), "A_URL", given::add);
        Env.ifSet(Map.of("A_URL", "  "), "A_URL", given::add);
        Env.ifSet(Map.of(), "A_URL", given::add);
        Env.ifSet(Map.of("A_ID", "id", "A_SECRET", "s3cret"), "A_ID", "A_SECRET", (a, b) -> given.add(a + ":" + b));
        Env.ifSet(Map.of(), "A_ID", "A_SECRET", (a, b) -> given.add(a + ":" + b));

        assertThat(given).containsExactly("https://a.example/", "id:s3cret");
    }

    @Test
    void halfAPairFailsNamingTheMissingVariableNotTheValue() {
        assertThatThrownBy(() -> Env.ifSet(Map.of("A_SECRET", "s3cret"), "A_ID", "A_SECRET", (a, b) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A_ID is not set, but A_SECRET is")
                .message()
                .doesNotContain("s3cret");
    }
}
