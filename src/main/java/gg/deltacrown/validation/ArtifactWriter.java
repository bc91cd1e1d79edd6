package gg.deltacrown.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes report artifacts so that a failure never leaves a half-written file: every file goes to a
 * temporary file next to its target first, and only when all of them are written are they moved
 * into place (an atomic rename each). On failure the temporary files are removed.
 */
public final class ArtifactWriter {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ArtifactWriter() {}

    public static void write(Path target, String content) {
        write(Map.of(target, content));
    }

    /** Writes every file (UTF-8), or none of the new contents if writing any of them fails. */
    public static void write(Map<Path, String> files) {
        Map<Path, Path> written = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, String> file : files.entrySet()) {
                Path target = file.getKey().toAbsolutePath();
                Path parent = target.getParent();
                Files.createDirectories(parent);
                // Created with the process's default permissions (createTempFile would make it 0600).
                Path temporary = Files.createFile(parent.resolve("." + target.getFileName() + "."
                        + Long.toHexString(RANDOM.nextLong()) + ".tmp"));
                written.put(temporary, target);
                Files.writeString(temporary, file.getValue(), StandardCharsets.UTF_8);
            }
            List<Path> moved = new ArrayList<>();
            for (Map.Entry<Path, Path> file : written.entrySet()) {
                Files.move(file.getKey(), file.getValue(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                moved.add(file.getKey());
            }
            written.keySet().removeAll(moved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + describe(e), e);
        } finally {
            written.keySet().forEach(ArtifactWriter::deleteQuietly);
        }
    }

    /** Copies a file into place the same way (a file copied onto itself is left alone). */
    public static void copy(Path source, Path target) {
        try {
            if (Files.exists(target) && Files.isSameFile(source, target)) {
                return;
            }
            write(target, Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and named after its target
        }
    }
}
