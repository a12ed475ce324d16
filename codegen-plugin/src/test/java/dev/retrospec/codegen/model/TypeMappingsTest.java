package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.load.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeMappingsTest {
    @Test
    void acceptsOpenApiNamesAndOpenApiGeneratorSpellings() {
        List<Problem> problems = new ArrayList<>();
        TypeMappings mappings = TypeMappings.of(
                Map.of(
                        "date-time", "java.time.Instant",
                        "Date", "org.example.Day",
                        "string+uuid", "java.lang.String",
                        "file", "java.io.File"),
                Map.of("Money", "com.example.Money"),
                problems);

        assertThat(problems).isEmpty();
        assertThat(mappings.forKind(TypeRef.Kind.DATE_TIME)).isEqualTo("java.time.Instant");
        assertThat(mappings.forKind(TypeRef.Kind.DATE)).isEqualTo("org.example.Day");
        assertThat(mappings.forKind(TypeRef.Kind.UUID)).isEqualTo("java.lang.String");
        assertThat(mappings.forKind(TypeRef.Kind.BINARY)).isEqualTo("java.io.File");
        assertThat(mappings.forKind(TypeRef.Kind.INT32)).isNull();
        assertThat(mappings.forSchema("Money")).isEqualTo("com.example.Money");
    }

    @Test
    void saysWhichKeyOrClassIsWrongAndKeepsTheRest() {
        List<Problem> problems = new ArrayList<>();
        TypeMappings mappings = TypeMappings.of(
                Map.of("datetime2", "java.time.Instant", "date", "java.time.LocalDate"),
                Map.of("Money", "Money", "Pet", "com.example.class.Pet", "Tag", "com.example.Tag"),
                problems);

        assertThat(problems)
                .extracting(Problem::toString)
                .containsExactly(
                        "typeMappings: error: unknown type 'datetime2'; use one of string, boolean, integer, int32,"
                                + " int64, number, float, double, date, date-time, time, uuid, uri, byte, binary, object",
                        "schemaMappings: error: 'Money' must map to a fully qualified class name such as"
                                + " java.time.Instant, not 'Money'",
                        "schemaMappings: error: 'Pet' must map to a fully qualified class name such as"
                                + " java.time.Instant, not 'com.example.class.Pet'");
        assertThat(problems).allMatch(p -> p.kind() == Problem.Kind.INVALID_OPTION);
        assertThat(mappings.forKind(TypeRef.Kind.DATE)).isEqualTo("java.time.LocalDate");
        assertThat(mappings.forSchema("Tag")).isEqualTo("com.example.Tag");
    }
}
