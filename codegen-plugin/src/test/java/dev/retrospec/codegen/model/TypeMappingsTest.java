package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeMappingsTest {
    @Test
    void acceptsOpenApiNamesAndOpenApiGeneratorSpellings() {
        TypeMappings mappings = TypeMappings.of(
                Map.of(
                        "date-time", "java.time.Instant",
                        "Date", "org.example.Day",
                        "string+uuid", "java.lang.String",
                        "file", "java.io.File"),
                Map.of("Money", "com.example.Money"));

        assertThat(mappings.forKind(TypeRef.Kind.DATE_TIME)).isEqualTo("java.time.Instant");
        assertThat(mappings.forKind(TypeRef.Kind.DATE)).isEqualTo("org.example.Day");
        assertThat(mappings.forKind(TypeRef.Kind.UUID)).isEqualTo("java.lang.String");
        assertThat(mappings.forKind(TypeRef.Kind.BINARY)).isEqualTo("java.io.File");
        assertThat(mappings.forKind(TypeRef.Kind.INT32)).isNull();
        assertThat(mappings.forSchema("Money")).isEqualTo("com.example.Money");
    }

    @Test
    void saysWhichKeyOrClassIsWrong() {
        assertThatThrownBy(() -> TypeMappings.of(Map.of("datetime2", "java.time.Instant"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("typeMappings: unknown type 'datetime2'; use one of string, boolean, integer, int32, int64,"
                        + " number, float, double, date, date-time, time, uuid, uri, byte, binary, object");
        assertThatThrownBy(() -> TypeMappings.of(Map.of(), Map.of("Money", "Money")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "schemaMappings: 'Money' must map to a fully qualified class name such as java.time.Instant,"
                                + " not 'Money'");
    }
}
