package dev.jnas.engine.journal;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code journal.jsonl} back. A last line without its newline, or one that does not parse, is a
 * torn write from a crash: it is dropped with a warning (and {@link #repair} cuts it off the file so
 * appends continue cleanly). A bad line anywhere else is corruption and an error naming the line.
 */
public final class JournalReader {
    private JournalReader() {
    }

    /** The records of {@code file} (empty when it does not exist), torn last line dropped. */
    public static List<JournalRecord> read(Path file, Consumer<String> warnings) {
        return scan(file, warnings).records;
    }

    /** Like {@link #read}, and truncates the file to its last complete record. */
    public static List<JournalRecord> repair(Path file, Consumer<String> warnings) {
        Scan s = scan(file, warnings);
        if (s.validBytes >= 0) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(s.validBytes);
                ch.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("journal: cannot truncate torn line of " + file, e);
            }
        }
        return s.records;
    }

    private record Scan(List<JournalRecord> records, long validBytes) {
    }

    private static Scan scan(Path file, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            return new Scan(List.of(), -1);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot read " + file, e);
        }
        List<JournalRecord> out = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int nl = start;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            lineNo++;
            boolean last = nl >= bytes.length - 1;
            String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
            if (nl == bytes.length) {
                warnings.accept("journal " + file + ": dropped torn last line " + lineNo + " (" + line.length()
                        + " chars without newline)");
                return new Scan(out, start);
            }
            if (!line.isBlank()) {
                try {
                    out.add(Journal.JSON.readValue(line, JournalRecord.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    if (last) {
                        warnings.accept("journal " + file + ": dropped unreadable last line " + lineNo);
                        return new Scan(out, start);
                    }
                    throw new IllegalStateException("journal " + file + ": line " + lineNo + " is corrupt: "
                            + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
            start = nl + 1;
        }
        return new Scan(out, -1);
    }
}
