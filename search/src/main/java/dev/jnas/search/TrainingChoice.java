package dev.jnas.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training settings a genome chooses (its active {@code train.*} decisions), for the engine to
 * apply when it trains the decoded architecture. Absent settings fall back to the engine's defaults.
 */
public record TrainingChoice(Map<String, Object> values) {
    public TrainingChoice {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The learning rate, or {@code fallback} when the space does not search it. */
    public double learningRate(double fallback) {
        return values.get("learning_rate") instanceof Number n ? n.doubleValue() : fallback;
    }

    /** The batch size, or {@code fallback}. */
    public int batchSize(int fallback) {
        return values.get("batch_size") instanceof Number n ? n.intValue() : fallback;
    }

    /** The optimiser name (e.g. sgd, momentum, adam), or {@code fallback}. */
    public String optimizer(String fallback) {
        return values.get("optimizer") instanceof String s ? s : fallback;
    }
}
