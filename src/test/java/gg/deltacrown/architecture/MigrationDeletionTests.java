package gg.deltacrown.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the migration ends, {@code migration/}, {@code legacy/} and the tools built for them are
 * deleted: the team module still compiles (docs/adr/0018). The test copies the production sources
 * without those packages and compiles {@code gg.deltacrown.teams} with {@code javax.tools} against
 * that copy and the dependencies only (not against this project's own compiled classes).
 */
class MigrationDeletionTests {

    private static final Path SOURCES = Path.of("src/main/java");

    /**
     * Deleted with the migration: its packages, and the command line, which lists every command
     * (its migration commands go with them; what remains is edited then).
     */
    private static final List<String> DELETED = Stream.concat(
                    Arrays.stream(ArchitectureTests.MIGRATION_TOOLS), Stream.of("gg.deltacrown.cli.."))
            .map(pattern -> pattern.replace("..", "").replace('.', '/'))
            .toList();

    @Test
    void deletingTheMigrationLeavesTheTeamsCompiling(@TempDir Path workspace) throws IOException {
        Path copy = workspace.resolve("src");
        Path classes = Files.createDirectories(workspace.resolve("classes"));
        List<Path> kept = copyAllBut(DELETED, copy);
        assertThat(kept).contains(copy.resolve("gg/deltacrown/teams/Teams.java"));
        assertThat(kept).noneMatch(path -> path.startsWith(copy.resolve("gg/deltacrown/migration")));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of(
                    "--release",
                    "17",
                    "-proc:none",
                    "-implicit:none",
                    "-sourcepath",
                    copy.toString(),
                    "-classpath",
                    dependenciesOnly(),
                    "-d",
                    classes.toString());
            compiled = compiler.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(kept))
                    .call();
        }

        assertThat(diagnostics.getDiagnostics().stream()
                        .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                        .map(diagnostic -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                                + diagnostic.getMessage(null)))
                .as("compile errors once the migration is deleted")
                .isEmpty();
        assertThat(compiled).isTrue();
        assertThat(classes.resolve("gg/deltacrown/teams/Teams.class")).exists();
        assertThat(classes.resolve("gg/deltacrown/teams/web/TeamApiController.class"))
                .exists();
    }

    private static List<Path> copyAllBut(List<String> deleted, Path copy) throws IOException {
        List<Path> kept = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            for (Path source :
                    walk.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(source);
                if (deleted.stream().noneMatch(pkg -> relative.startsWith(pkg))) {
                    Path target = copy.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    kept.add(Files.copy(source, target));
                }
            }
        }
        return kept;
    }

    /** The test class path without this project's compiled classes, so nothing deleted can be found. */
    private static String dependenciesOnly() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        Path project = Path.of("target").toAbsolutePath();
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(project))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
