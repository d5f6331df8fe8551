package dev.jnas.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The files of an experiment directory: {@code config.json} (effective config), {@code space.json}
 * (the resolved search space, so resume rebuilds exactly the same one), {@code provenance.json},
 * {@code journal.jsonl}, {@code strategy-snapshot.json}, {@code finalists.json} (cross-validation
 * scores of the finalists, written as each finishes), {@code final.json} (test-split score of the
 * selected trial) and {@code summary.json}. Whole files are written atomically (temp file, fsync, ATOMIC_MOVE).
 */
public record ExperimentDir(Path root) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Path config() {
        return root.resolve("config.json");
    }

    public Path space() {
        return root.resolve("space.json");
    }

    public Path provenance() {
        return root.resolve("provenance.json");
    }

    public Path finalists() {
        return root.resolve("finalists.json");
    }

    public Path journal() {
        return root.resolve("journal.jsonl");
    }

    public Path snapshot() {
        return root.resolve("strategy-snapshot.json");
    }

    public Path finalResult() {
        return root.resolve("final.json");
    }

    public Path summary() {
        return root.resolve("summary.json");
    }

    /** Writes {@code text} to {@code target} so that readers see the old or the new file, never a mix. */
    public static void writeAtomically(Path target, String text) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("experiment: cannot write " + target, e);
        }
    }

    /** {@link #writeAtomically} of {@code value} as pretty JSON. */
    public static void writeJson(Path target, Object value) {
        try {
            writeAtomically(target, JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException("experiment: cannot encode " + target, e);
        }
    }
}
