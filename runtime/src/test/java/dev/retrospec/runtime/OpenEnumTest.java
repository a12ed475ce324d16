package dev.retrospec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.retrospec.runtime.json.OpenEnums;
import dev.retrospec.runtime.json.StandardJsonAdapters;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenEnumTest {
    /** Shaped like a generated enum: constants whose text is not their Java name. */
    enum Phase implements WireEnum {
        IN_PROGRESS("in-progress"),
        DONE("done"),
        TWO("2");

        private final String value;

        Phase(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }

    enum Other implements WireEnum {
        DONE;

        @Override
        public String value() {
            return "done";
        }
    }

    @Test
    void aKnownValueIsOneSharedInstanceWhicheverWayItIsMade() {
        OpenEnum<Phase> done = OpenEnum.of(Phase.DONE);

        assertThat(OpenEnum.of(Phase.class, "done")).isSameAs(done);
        assertThat(done.known()).isEqualTo(Phase.DONE);
        assertThat(done.isKnown()).isTrue();
        assertThat(done.is(Phase.DONE)).isTrue();
        assertThat(done.is(Phase.IN_PROGRESS)).isFalse();
        assertThat(done.value()).isEqualTo("done");
        assertThat(done).hasToString("done");
        assertThat(done.type()).isEqualTo(Phase.class);
    }

    @Test
    void anUnknownValueKeepsItsTextAndComparesByIt() {
        OpenEnum<Phase> archived = OpenEnum.of(Phase.class, "archived");

        assertThat(archived.known()).isNull();
        assertThat(archived.isKnown()).isFalse();
        assertThat(archived.knownOr(Phase.DONE)).isEqualTo(Phase.DONE);
        assertThat(archived.value()).isEqualTo("archived");
        assertThat(archived).isEqualTo(OpenEnum.of(Phase.class, "archived"));
        assertThat(archived).hasSameHashCodeAs(OpenEnum.of(Phase.class, "archived"));
        assertThat(archived).isNotEqualTo(OpenEnum.of(Phase.class, "Archived"));
        assertThat(OpenEnum.of(Phase.DONE)).isNotEqualTo(OpenEnum.of(Other.DONE));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"}) // on purpose: a class that is no generated enum
    void aClassThatIsNoEnumIsRefused() {
        assertThatThrownBy(() -> OpenEnum.of((Class) String.class, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void jsonReadsAnyTextAndWritesItBackExactly() throws IOException {
        Moshi moshi = new Moshi.Builder().add(StandardJsonAdapters.FACTORY).build();
        JsonAdapter<List<OpenEnum<Phase>>> json = moshi.adapter(
                Types.newParameterizedType(List.class, Types.newParameterizedType(OpenEnum.class, Phase.class)));

        List<OpenEnum<Phase>> read = json.fromJson("[\"in-progress\",\"archived\",2,null]");

        assertThat(read)
                .containsExactly(
                        OpenEnum.of(Phase.IN_PROGRESS),
                        OpenEnum.of(Phase.class, "archived"),
                        OpenEnum.of(Phase.TWO),
                        null);
        assertThat(json.toJson(read)).isEqualTo("[\"in-progress\",\"archived\",\"2\",null]");
        assertThatThrownBy(() -> json.fromJson("[{}]"))
                .isInstanceOf(JsonDataException.class)
                .hasMessageContaining("$[0]");
    }

    @Test
    void theConstantsAdapterRefusesTextTheEnumDoesNotHaveNamingThePath() throws IOException {
        JsonAdapter<Phase> json = OpenEnums.constants(Phase.class);

        assertThat(json.fromJson("\"in-progress\"")).isEqualTo(Phase.IN_PROGRESS);
        assertThat(json.toJson(Phase.IN_PROGRESS)).isEqualTo("\"in-progress\"");
        assertThatThrownBy(() -> json.fromJson("\"archived\""))
                .isInstanceOf(JsonDataException.class)
                .hasMessageContaining("archived")
                .hasMessageContaining("$");
    }
}
