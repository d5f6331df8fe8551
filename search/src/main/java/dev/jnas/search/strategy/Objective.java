package dev.jnas.search.strategy;

import java.util.Map;

/**
 * What a search maximises: a named metric of the evaluation result, or minus it. Parse with
 * {@link #parse}: {@code "val_accuracy"} maximises accuracy, {@code "-val_loss"} minimises the loss.
 */
public record Objective(String metric, boolean maximise) {
    public Objective {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("objective: metric name must be non-blank");
        }
    }

    /** {@code name} maximises the metric; {@code -name} maximises its negation. */
    public static Objective parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("objective: text must not be null");
        }
        String t = text.strip();
        return t.startsWith("-") ? new Objective(t.substring(1), false) : new Objective(t, true);
    }

    /** The score to maximise; a missing or NaN metric (a failed evaluation) scores negative infinity. */
    public double score(Map<String, Double> metrics) {
        Double v = metrics.get(metric);
        if (v == null || v.isNaN()) {
            return Double.NEGATIVE_INFINITY;
        }
        return maximise ? v : -v;
    }

    @Override
    public String toString() {
        return maximise ? metric : "-" + metric;
    }
}
