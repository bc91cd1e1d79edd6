package gg.deltacrown.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import gg.deltacrown.legacy.LegacyWriteBypass;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The boundaries that matter, written down as tests (docs/adr/0018-teams-publish-events-migration-listens.md):
 * the migration can be switched off and deleted, only {@code legacy} writes the legacy tables, the
 * adapters never talk to the database, and no package needs another that needs it back.
 */
class ArchitectureTests {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("gg.deltacrown");

    /** The packages that exist for the migration and go when it ends. */
    static final String[] MIGRATION_TOOLS = {
        "gg.deltacrown.migration..",
        "gg.deltacrown.legacy..",
        "gg.deltacrown.validation..",
        "gg.deltacrown.runbook..",
        "gg.deltacrown.seeding..",
        "gg.deltacrown.demo..",
        "gg.deltacrown.ops.."
    };

    /** Talking to a database: connections, statements, JDBC templates. Its exception types may be recognised. */
    private static final DescribedPredicate<JavaClass> DATABASE_ACCESS = resideInAnyPackage(
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..")
            .and(not(assignableTo(Throwable.class)))
            .as("talk to a database (JDBC; its exception types aside)");

    private static final DescribedPredicate<JavaClass> ADAPTERS = resideInAnyPackage("gg.deltacrown.cli..", "..web..")
            .or(annotatedWith(Controller.class))
            .or(annotatedWith(RestController.class))
            .or(annotatedWith(ControllerAdvice.class))
            .or(annotatedWith(RestControllerAdvice.class))
            .as("are the command line, a web package or a controller");

    @Test
    void teamsDoNotKnowTheMigration() {
        noClasses()
                .that()
                .resideInAPackage("gg.deltacrown.teams..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(MIGRATION_TOOLS)
                .because("teams publish events; the migration listens and can be deleted (docs/adr/0018)")
                .check(PRODUCTION);
    }

    @Test
    void sharedWebConcernsDoNotKnowTheMigration() {
        noClasses()
                .that()
                .resideInAPackage("gg.deltacrown.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(MIGRATION_TOOLS)
                .because("the migration maps its own failures in gg.deltacrown.migration.web")
                .check(PRODUCTION);
    }

    /**
     * The database rejects every write to {@code teams_*} unless the writing transaction opened the
     * legacy write guard (docs/adr/0014); only {@code legacy} opens it, and its SQL is reachable only
     * through its module API. Seeding, demo data and cleanup call that API.
     */
    @Test
    void onlyTheLegacyModuleWritesTheLegacyTables() {
        classes()
                .that()
                .belongToAnyOf(LegacyWriteBypass.class)
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAPackage("gg.deltacrown.legacy..")
                .check(PRODUCTION);
        classes()
                .that()
                .resideInAPackage("gg.deltacrown.legacy..")
                .and()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .because("the legacy tables' SQL is reached through the module API (LegacyShadows, LegacyTeams)")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheMigrationToolsReachIntoLegacy() {
        classes()
                .that()
                .resideInAPackage("gg.deltacrown.legacy..")
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAnyPackage(MIGRATION_TOOLS)
                .check(PRODUCTION);
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
    void theCommandLineAndTheWebNeverTalkToTheDatabase() {
        noClasses()
                .that(ADAPTERS)
                .should()
                .dependOnClassesThat(DATABASE_ACCESS)
                .because("adapters parse, call a module's API and answer; SQL lives in the modules")
                .check(PRODUCTION);
    }

    @Test
    void noPackageNeedsAnotherThatNeedsItBack() {
        slices().matching("gg.deltacrown.(*)..").should().beFreeOfCycles().check(PRODUCTION);
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
