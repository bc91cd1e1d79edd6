package gg.deltacrown.validation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift ids file ({@code vnext_validation_report --full --output-ids FILE}, read by
 * {@code repair --ids FILE}), version 1: UTF-8 text, first line {@value #HEADER}, then one line per
 * drifted item, {@code <kind> <vnext_team_id> <legacy_team_id>} separated by single spaces
 * ({@code -} when a side has no id; kinds are {@link DriftKind#id()}); lines starting with
 * {@code #} are comments. The file appears complete or not at all: it is written next to its
 * place and moved there when the verification has finished.
 */
public final class DriftIdsFile implements DriftSink, AutoCloseable {

    public static final String HEADER = "# deltacrown drift ids v1";

    private final Path target;
    private final Path partial;
    private final BufferedWriter out;
    private long lines;

    private DriftIdsFile(Path target) throws IOException {
        this.target = target;
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        this.partial = Files.createTempFile(directory, "." + target.getFileName(), ".partial");
        this.out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    /** Starts the file; nothing is at {@code target} until {@link #finish()}. */
    public static DriftIdsFile create(Path target) {
        try {
            return new DriftIdsFile(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(DriftItem item) {
        try {
            out.write(item.line());
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Ends the file with a comment line and moves it into place. */
    public void finish() {
        try {
            out.write("# " + lines + " drifted item(s)\n");
            out.close();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes what was written when the file was not finished. */
    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The items of a file, for tools that read it.
     *
     * @throws IllegalArgumentException naming the first line that is not a valid item
     */
    public static List<DriftItem> read(Path file) throws IOException {
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (text.isEmpty() || !text.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + " does not start with '" + HEADER + "'");
        }
        List<DriftItem> items = new ArrayList<>();
        for (int i = 1; i < text.size(); i++) {
            String line = text.get(i);
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(" ", -1);
            DriftKind kind = fields.length == 3 ? DriftKind.byId(fields[0]).orElse(null) : null;
            if (kind == null) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + " is not '<kind> <vnext> <legacy>': " + line);
            }
            items.add(new DriftItem(kind, id(fields[1], file, i), id(fields[2], file, i)));
        }
        return items;
    }

    private static Long id(String field, Path file, int index) {
        if (field.equals("-")) {
            return null;
        }
        try {
            return Long.valueOf(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + (index + 1) + ": '" + field + "' is not an id");
        }
    }
}
