package dev.jnas.cli;

import dev.jnas.engine.nn.TrainingEvaluator.TrainedModel;
import dev.jnas.nn.model.LoadedModel;
import dev.jnas.nn.model.ModelFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trained weights on disk through {@code nn}'s {@link ModelFile}: the final model of a search is kept
 * as {@code best-model.jnas} in the experiment directory (metadata {@code key} names its trial), so
 * that {@code nas export} need not train it again.
 */
final class ModelFiles {
    /** File name of the final model inside an experiment directory. */
    static final String BEST = "best-model.jnas";

    private ModelFiles() {
    }

    static void save(Path file, TrainedModel m, Map<String, String> metadata) {
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("key", m.key());
        try {
            ModelFile.save(file, m.model(), m.normalizer(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + file + ": " + e.getMessage(), e);
        }
    }

    static void saveBest(Path experimentDir, TrainedModel m, PrintWriter out) {
        Path f = experimentDir.resolve(BEST);
        save(f, m, Map.of("source", "nas search final scoring"));
        out.println("trained weights: " + f);
    }

    /** The saved final model of {@code experimentDir} if it exists and belongs to trial key {@code key}. */
    static LoadedModel bestIfFor(Path experimentDir, String key) {
        Path f = experimentDir.resolve(BEST);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            LoadedModel m = ModelFile.load(f);
            return key.equals(m.metadata().get("key")) ? m : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + f + ": " + e.getMessage(), e);
        }
    }
}
