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
import java.util.ArrayList;
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

    /**
     * The experiment's answer: the trial {@code final.json} scored on the test split (the search's best,
     * or the winner of the finalists' cross-validation), else the search's best by the objective.
     */
    public Optional<TrialRecord> best() {
        Optional<TrialRecord> scored = finalTrial();
        return scored.isPresent() ? scored : history.best(metric(), maximize());
    }

    /** SUCCEEDED trials best first by the objective (ties as in {@link TrialHistory#best}), with {@link #best()} first. */
    public List<TrialRecord> ranked() {
        List<TrialRecord> r = new ArrayList<>(TrialHistory.ranked(history.finished(), metric(), maximize()));
        finalTrial().ifPresent(f -> {
            r.remove(f);
            r.add(0, f);
        });
        return r;
    }

    private Optional<TrialRecord> finalTrial() {
        if (finalResult == null || !finalResult.hasNonNull("key")) {
            return Optional.empty();
        }
        int trial = finalResult.path("trial").asInt(-1);
        String key = finalResult.path("key").asText();
        return history.finished().stream()
                .filter(t -> t.trial() == trial && t.key().equals(key) && t.status() == TrialStatus.SUCCEEDED).findFirst();
    }

    /** A label for curves: strategy name and directory name. */
    public String label() {
        return config.search().strategy() + " (" + dir.getFileName() + ")";
    }
}
