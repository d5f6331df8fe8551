package dev.jnas.search.strategy;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine reports for a candidate: its metrics by name (e.g. {@code val_accuracy},
 * {@code val_macro_f1}, {@code val_loss}). An empty map marks a failed evaluation.
 */
public record EvaluationResult(Map<String, Double> metrics) {
    public EvaluationResult {
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
    }

    /** A result with a single metric. */
    public static EvaluationResult of(String metric, double value) {
        return new EvaluationResult(Map.of(metric, value));
    }

    /** A failed evaluation: scores negative infinity under every objective. */
    public static EvaluationResult failed() {
        return new EvaluationResult(Map.of());
    }
}
