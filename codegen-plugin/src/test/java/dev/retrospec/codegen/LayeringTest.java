package dev.retrospec.codegen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md, {@code load -> model -> emit -> maven}, checked on the compiled classes: every
 * dependency counts, whether it came from an import, a fully qualified name or a method reference.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.retrospec");
    }

    @Test
    void loadKnowsNeitherTheModelNorWhatComesAfterIt() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.retrospec.codegen.load..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.retrospec.codegen.model..",
                        "dev.retrospec.codegen.emit..",
                        "dev.retrospec.maven..",
                        "com.palantir.javapoet..",
                        "org.apache.maven.."));
    }

    @Test
    void modelKnowsNeitherEmitNorMavenNorTheFileSystem() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.retrospec.codegen.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.retrospec.codegen.emit..",
                        "dev.retrospec.maven..",
                        "com.palantir.javapoet..",
                        "org.apache.maven..",
                        "java.nio.file..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.File"));
    }

    @Test
    void emitSeesOnlyTheModel() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.retrospec.codegen.emit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.retrospec.codegen.load..",
                        "dev.retrospec.maven..",
                        "io.swagger..",
                        "org.apache.maven..",
                        "java.nio.file..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.File"));
    }

    @Test
    void mavenSeesNeitherTheParserNorJavaPoet() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.retrospec.maven..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.swagger..", "com.palantir.javapoet.."));
    }

    @Test
    void swaggerParserStopsAtTheModel() {
        check(noClasses()
                .that()
                .resideOutsideOfPackages("dev.retrospec.codegen.load..", "dev.retrospec.codegen.model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.swagger.."));
    }

    @Test
    void theGeneratorIsNotTheRuntime() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.retrospec.codegen..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.retrospec.runtime.."));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
