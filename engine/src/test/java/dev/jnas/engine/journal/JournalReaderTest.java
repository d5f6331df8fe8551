package dev.jnas.engine.journal;

import dev.jnas.engine.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalReaderTest {
    static JournalRecord rec(int trial) {
        return new JournalRecord(JournalRecord.FINISHED, trial, trial, "k" + trial, Map.of("a", 1), "{}", 10L, 20L, 5L,
                TrialStatus.SUCCEEDED, Map.of("val_accuracy", 0.5 + trial / 100.0, "val_loss", Double.NaN),
                List.of(Map.of("val_accuracy", 0.1)), 3L, null, 0, 100L * trial, 0L);
    }

    @Test
    void append_thenRead_sameRecordsIncludingNaN(@TempDir Path tmp) {
        Path f = tmp.resolve("journal.jsonl");
        try (Journal j = Journal.open(f)) {
            for (int i = 0; i < 5; i++) {
                j.append(rec(i));
            }
        }
        List<JournalRecord> back = JournalReader.read(f, w -> { });
        assertEquals(5, back.size());
        assertEquals(rec(3).metrics().get("val_accuracy"), back.get(3).metrics().get("val_accuracy"));
        assertTrue(back.get(3).metrics().get("val_loss").isNaN());
    }

    @Test
    void repair_tornLastLine_droppedWithWarningAndTruncated(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("journal.jsonl");
        try (Journal j = Journal.open(f)) {
            j.append(rec(0));
            j.append(rec(1));
        }
        long good = Files.size(f);
        Files.writeString(f, "{\"event\":\"finished\",\"trial\":2,\"ke", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        assertEquals(2, JournalReader.repair(f, warnings::add).size());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("torn"), warnings.get(0));
        assertEquals(good, Files.size(f));
        try (Journal j = Journal.open(f)) {
            j.append(rec(2));
        }
        assertEquals(3, JournalReader.read(f, w -> { throw new AssertionError(w); }).size());
    }

    @Test
    void read_unparsableLastLineWithNewline_dropped(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("journal.jsonl");
        try (Journal j = Journal.open(f)) {
            j.append(rec(0));
        }
        Files.writeString(f, "{\"event\":\"fin\n", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        assertEquals(1, JournalReader.read(f, warnings::add).size());
        assertEquals(1, warnings.size());
    }

    @Test
    void read_corruptMiddleLine_errorNamesLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("journal.jsonl");
        try (Journal j = Journal.open(f)) {
            j.append(rec(0));
        }
        Files.writeString(f, "garbage\n", StandardOpenOption.APPEND);
        try (Journal j = Journal.open(f)) {
            j.append(rec(1));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JournalReader.read(f, w -> { }));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
