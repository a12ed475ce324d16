package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    @ParameterizedTest
    @CsvSource({
        "pet, Pet",
        "pet_store-item, PetStoreItem",
        "HTTPServer, HTTPServer",
        "ACCESS_TOKEN, AccessToken",
        "2fa, _2fa",
        "'', Type",
        "Größe, Größe",
        "my.model$v2, MyModelV2",
    })
    void typeNames(String raw, String expected) {
        assertThat(Names.typeName(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "access_token, accessToken",
        "X-Request-Id, xRequestId",
        "URLPath, urlPath",
        "class, class_",
        "hashCode, hashCode_",
        "record, record_",
        "ID, id",
        "userID, userID",
        "123, _123",
        "'$ref', ref",
        "'', value",
    })
    void memberNames(String raw, String expected) {
        assertThat(Names.memberName(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "in-progress, IN_PROGRESS",
        "inProgress, IN_PROGRESS",
        "1.5, _1_5",
        "'', EMPTY",
        "a b, A_B",
    })
    void constantNames(String raw, String expected) {
        assertThat(Names.constantName(raw)).isEqualTo(expected);
    }

    @Test
    void uniqueIgnoresCaseSoFilesDoNotCollideOnCaseInsensitiveDisks() {
        Set<String> taken = new HashSet<>();
        assertThat(Names.unique("Pet", taken)).isEqualTo("Pet");
        assertThat(Names.unique("PET", taken)).isEqualTo("PET2");
        assertThat(Names.unique("Pet", taken)).isEqualTo("Pet3");
    }

    @Test
    void longNamesKeepTheirFirstWordAndAsManyOfTheirLastWordsAsFit() {
        assertThat(Names.typeName("actions create-or-update environment secret for repository request body"))
                .isEqualTo("ActionsEnvironmentSecretForRepositoryRequestBody")
                .hasSizeLessThanOrEqualTo(Names.MAX_TYPE_NAME);
        assertThat(Names.memberName("x".repeat(300))).hasSize(Names.MAX_MEMBER_NAME);
        assertThat(Names.typeName("Ünïcödé ".repeat(40)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(120);
        assertThat(Names.constantName("a".repeat(70) + " b")).isEqualTo("A".repeat(Names.MAX_MEMBER_NAME));
    }

    @Test
    void identifiersAndPackagesAreCheckedAsJavaWouldCheckThem() {
        assertThat(Names.isIdentifier("ok_1")).isTrue();
        assertThat(Names.isIdentifier("class")).isFalse();
        assertThat(Names.isIdentifier("1a")).isFalse();
        assertThat(Names.isIdentifier("a-b")).isFalse();
        assertThat(Names.packageProblem("com.example.api")).isNull();
        assertThat(Names.packageProblem("com.class.x")).isEqualTo("'class' is a Java keyword");
        assertThat(Names.packageProblem("java.util")).isEqualTo("'java' packages belong to the JDK");
        assertThat(Names.packageProblem("com..x")).isEqualTo("'' is not a Java identifier");
        assertThat(Names.packageProblem("com.my-api")).isEqualTo("'my-api' is not a Java identifier");
    }

    @Test
    void nestedTypeNamesKeepTheirClassFileUnderTheLimit() {
        // short enough: kept as it is
        assertThat(Names.nestedTypeName("IssuesApi", "ListForRepoParams", "$Builder"))
                .isEqualTo("ListForRepoParams");
        // three bytes a character: the interface and the record are 120 bytes each, their builder's file would be 264
        String service = "店".repeat(40);
        String wanted = "ListFor" + "Long".repeat(30) + "RepoParams";
        String name = Names.nestedTypeName(service, wanted, "$Builder");
        // the first word, then the last words that fit in 240 - 135 bytes
        assertThat(name).isEqualTo("List" + "Long".repeat(22) + "RepoParams");
        assertThat(bytes(service + "$" + name + "$Builder.class")).isLessThanOrEqualTo(Names.MAX_CLASS_FILE_BYTES);
        // a single word too long is cut
        String cut = Names.nestedTypeName(service, "Of" + "店".repeat(40), "");
        assertThat(cut).isEqualTo("Of" + "店".repeat(37)); // 2 + 111 bytes of the 113 left
        assertThat(bytes(service + "$" + cut + ".class")).isLessThanOrEqualTo(Names.MAX_CLASS_FILE_BYTES);
        // deterministic
        assertThat(Names.nestedTypeName(service, wanted, "$Builder")).isEqualTo(name);
    }

    private static int bytes(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
