package gg.deltacrown.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes report artifacts so that a failure never leaves a half-written file or half of a set:
 * every file goes to a temporary file next to its target first; only when all are written are
 * they renamed into place (an atomic rename each), and if a rename fails the files already
 * renamed are taken back (a replaced file is restored from its backup).
 */
public final class ArtifactWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ArtifactWriter() {}

    public static void write(Path target, String content) {
        write(Map.of(target, content));
    }

    /** Writes every file (UTF-8), or leaves every target as it was. */
    public static void write(Map<Path, String> files) {
        Map<Path, Path> staged = new LinkedHashMap<>();
        List<Path[]> placed = new ArrayList<>();
        boolean done = false;
        try {
            for (Map.Entry<Path, String> file : files.entrySet()) {
                Path target = file.getKey().toAbsolutePath();
                if (Files.isDirectory(target)) {
                    throw new IOException(target + " is a directory");
                }
                Files.createDirectories(target.getParent());
                Path temporary = hiddenSibling(target, ".tmp");
                staged.put(temporary, target);
                Files.writeString(temporary, file.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<Path, Path> file : staged.entrySet()) {
                Path target = file.getValue();
                Path backup = null;
                if (Files.exists(target)) {
                    backup = hiddenSibling(target, ".bak");
                    Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                placed.add(new Path[] {target, backup});
                Files.move(file.getKey(), target, StandardCopyOption.ATOMIC_MOVE);
            }
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + describe(e), e);
        } finally {
            staged.keySet().forEach(ArtifactWriter::deleteQuietly);
            for (Path[] file : placed) {
                if (!done) {
                    restore(file[0], file[1]);
                } else if (file[1] != null) {
                    deleteQuietly(file[1]);
                }
            }
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

    /** Created with the process's default permissions ({@code createTempFile} would make it 0600). */
    private static Path hiddenSibling(Path target, String suffix) throws IOException {
        Path sibling =
                target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + suffix);
        return suffix.equals(".tmp") ? Files.createFile(sibling) : sibling;
    }

    private static void restore(Path target, Path backup) {
        try {
            if (backup != null && Files.exists(backup)) {
                Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(target);
            }
        } catch (IOException ignored) {
            // best effort: the backup keeps the old content under a hidden name next to the target
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
