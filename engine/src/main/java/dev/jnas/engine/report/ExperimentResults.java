package dev.jnas.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.ExperimentDir;
import dev.jnas.engine.TrialHistory;
import dev.jnas.engine.TrialRecord;
import dev.jnas.engine.config.ConfigLoader;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.journal.JournalReader;
import dev.jnas.engine.trial.TrialStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An experiment directory read back for reporting: its config, the folded journal, and the
 * test-split result from {@code final.json} when present. Read-only; safe on a running experiment.
 */
public record ExperimentResults(Path dir, ExperimentConfig config, TrialHistory history, JsonNode finalResult) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Loads {@code dir}; a torn last journal line is ignored. */
    public static ExperimentResults load(Path dir) {
        ExperimentDir d = new ExperimentDir(dir);
        if (!Files.isRegularFile(d.config())) {
            throw new IllegalArgumentException("report: " + dir + " is not an experiment directory (no config.json)");
        }
        ExperimentConfig config = ConfigLoader.load(d.config());
        TrialHistory h = TrialHistory.of(JournalReader.read(d.journal(), w -> { }));
        JsonNode fin = null;
        if (Files.isRegularFile(d.finalResult())) {
            try {
                fin = JSON.readTree(d.finalResult().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("report: cannot read " + d.finalResult(), e);
            }
        }
        return new ExperimentResults(dir, config, h, fin);
    }

    public String metric() {
        return config.objective().metric();
    }

    public boolean maximize() {
        return "maximize".equals(config.objective().direction());
    }

    public Optional<TrialRecord> best() {
        return history.best(metric(), maximize());
    }

    /** SUCCEEDED trials best first (ties by trial number). */
    public List<TrialRecord> ranked() {
        Comparator<TrialRecord> c = Comparator.comparingDouble(t -> maximize() ? -t.metric(metric()) : t.metric(metric()));
        return history.finished().stream().filter(t -> t.status() == TrialStatus.SUCCEEDED)
                .sorted(c.thenComparingInt(TrialRecord::trial)).toList();
    }

    /** A label for curves: strategy name and directory name. */
    public String label() {
        return config.search().strategy() + " (" + dir.getFileName() + ")";
    }
}
