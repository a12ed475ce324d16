package dev.retrospec.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdditionalPropertiesTest {
    public record Pet(
            String name,
            @Json(name = "pet_age") int age,
            @AdditionalProperties Map<String, Object> additionalProperties) {}

    public record Scores(
            String player, @AdditionalProperties Map<String, Integer> rounds) {}

    private final Moshi moshi =
            new Moshi.Builder().add(StandardJsonAdapters.FACTORY).build();

    @Test
    void namesTheRecordDoesNotDeclareAreKeptAndWrittenBack() throws Exception {
        JsonAdapter<Pet> adapter = moshi.adapter(Pet.class);

        Pet pet = adapter.fromJson("{\"name\":\"Rex\",\"color\":\"brown\",\"pet_age\":3,\"tags\":[\"a\"]}");

        assertThat(pet).isEqualTo(new Pet("Rex", 3, Map.of("color", "brown", "tags", java.util.List.of("a"))));
        assertThat(adapter.toJson(pet))
                .isEqualTo("{\"name\":\"Rex\",\"pet_age\":3,\"color\":\"brown\",\"tags\":[\"a\"]}");
    }

    @Test
    void typedAdditionalPropertiesAndMissingRequiredPrimitives() throws Exception {
        assertThat(moshi.adapter(Scores.class).fromJson("{\"player\":\"ada\",\"r1\":10,\"r2\":7}"))
                .isEqualTo(new Scores("ada", Map.of("r1", 10, "r2", 7)));
        assertThatThrownBy(() -> moshi.adapter(Pet.class).fromJson("{\"name\":\"Rex\"}"))
                .isInstanceOf(JsonDataException.class)
                .hasMessage("Required value 'age' (JSON name 'pet_age') missing at $");
    }
}
