package gg.deltacrown.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The boundaries that matter, written down as tests (STYLE.md, habit 6). */
class ArchitectureTests {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("gg.deltacrown");

    private static final Pattern LEGACY_WRITE =
            Pattern.compile("(?i)(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE)\\s+teams_");

    /** Packages allowed to write teams_* tables: the shadow writer and the test-data tools. */
    private static final List<String> LEGACY_WRITERS = List.of("legacy", "seeding", "migration/TestDataCleanup.java");

    @Test
    void onlyTheLegacyModuleWritesTheLegacyTables() throws IOException {
        Path sources = Path.of("src/main/java/gg/deltacrown");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> LEGACY_WRITERS.stream()
                            .noneMatch(allowed ->
                                    sources.relativize(path).toString().startsWith(allowed)))
                    .filter(path -> {
                        try {
                            return LEGACY_WRITE.matcher(Files.readString(path)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
            assertThat(offenders)
                    .as("SQL writing teams_* outside %s", LEGACY_WRITERS)
                    .isEmpty();
        }
    }

    @Test
    void theLegacyModuleDependsOnNoOtherFeature() {
        noClasses()
                .that()
                .resideInAPackage("gg.deltacrown.legacy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "gg.deltacrown.teams..",
                        "gg.deltacrown.migration..",
                        "gg.deltacrown.validation..",
                        "gg.deltacrown.web..",
                        "gg.deltacrown.cli..")
                .check(PRODUCTION);
    }

    @Test
    void onlyMigrationDemoAndSeedingReachIntoLegacy() {
        classes()
                .that()
                .resideInAPackage("gg.deltacrown.legacy..")
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAnyPackage(
                        "gg.deltacrown.legacy..",
                        "gg.deltacrown.migration..",
                        "gg.deltacrown.demo..",
                        "gg.deltacrown.seeding..",
                        "gg.deltacrown.validation..",
                        "gg.deltacrown.runbook..")
                .check(PRODUCTION);
    }

    @Test
    void featureModulesDoNotDependOnTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("gg.deltacrown.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("gg.deltacrown.cli..")
                .check(PRODUCTION);
    }

    @Test
    void theWebLayerOfOneFeatureIsNotUsedByAnother() {
        noClasses()
                .that()
                .resideOutsideOfPackages("gg.deltacrown.web..", "gg.deltacrown.teams.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("gg.deltacrown.teams.web..")
                .check(PRODUCTION);
    }
}
