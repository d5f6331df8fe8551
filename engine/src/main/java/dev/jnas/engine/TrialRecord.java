package dev.jnas.engine;

import dev.jnas.engine.trial.TrialStatus;

import java.util.List;
import java.util.Map;

/**
 * One trial as the journal tells it: number, strategy candidate id, canonical key, genome,
 * architecture JSON, cost, seed, status, final metrics, per-epoch history, wall time, failure reason
 * and the experiment time at which it finished. Built by {@link TrialHistory}.
 */
public record TrialRecord(int trial, long candidateId, String key, Map<String, Integer> genome, String architecture,
                          long parameters, long flops, long seed, TrialStatus status, Map<String, Double> metrics,
                          List<Map<String, Double>> history, long millis, String reason, long finishedAtMillis) {

    /** The metric's value, or NaN when absent. */
    public double metric(String name) {
        Double v = metrics == null ? null : metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
