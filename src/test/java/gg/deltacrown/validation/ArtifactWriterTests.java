package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts are written whole or not at all. */
class ArtifactWriterTests {

    @TempDir
    Path directory;

    @Test
    void writesEveryFileWithItsContent() throws Exception {
        ArtifactWriter.write(Map.of(directory.resolve("a/delta.json"), "{}", directory.resolve("SUMMARY.md"), "# ✅"));

        assertThat(Files.readString(directory.resolve("a/delta.json"))).isEqualTo("{}");
        assertThat(Files.readString(directory.resolve("SUMMARY.md"))).isEqualTo("# ✅");
    }

    @Test
    void leavesNoFileBehindWhenOneOfThemCannotBeWritten() throws Exception {
        Path blocked = Files.createDirectories(directory.resolve("delta.md"));
        Files.writeString(blocked.resolve("keeps-the-directory-non-empty"), "x");
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(directory.resolve("delta.json"), "{}");
        files.put(blocked, "# delta");

        assertThatThrownBy(() -> ArtifactWriter.write(files)).isInstanceOf(UncheckedIOException.class);

        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).containsExactly(blocked);
        }
    }

    @Test
    void copiesAFileButNotOntoItself() throws Exception {
        Path report = Files.writeString(directory.resolve("validation_before.json"), "{\"meta\": {}}");

        ArtifactWriter.copy(report, report);
        ArtifactWriter.copy(report, directory.resolve("baseline/validation_before.json"));

        assertThat(Files.readString(report)).isEqualTo("{\"meta\": {}}");
        assertThat(Files.readString(directory.resolve("baseline/validation_before.json")))
                .isEqualTo("{\"meta\": {}}");
    }
}
