package dev.jnas.engine.trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation produced, plain data (JSON via {@link TrialJson}): the status (an evaluator
 * returns SUCCEEDED or FAILED; the engine assigns the others), final metrics by name (e.g.
 * {@code val_accuracy}, {@code val_loss}, {@code train_loss}), per-epoch metric history, wall time in
 * milliseconds, a failure reason (null on success), and the parameter and FLOP counts.
 */
public record TrialResult(TrialStatus status, Map<String, Double> metrics, List<Map<String, Double>> history,
                          long millis, String reason, long parameters, long flops) {
    public TrialResult {
        metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
        List<Map<String, Double>> h = new ArrayList<>();
        if (history != null) {
            history.forEach(m -> h.add(new LinkedHashMap<>(m)));
        }
        history = h;
        if (status == null) {
            throw new IllegalArgumentException("trial result: status must not be null");
        }
    }

    /** A successful result. */
    public static TrialResult succeeded(Map<String, Double> metrics, List<Map<String, Double>> history, long millis,
                                        long parameters, long flops) {
        return new TrialResult(TrialStatus.SUCCEEDED, metrics, history, millis, null, parameters, flops);
    }

    /** A result with {@code status} and a reason and no metrics. */
    public static TrialResult of(TrialStatus status, String reason, long millis, long parameters, long flops) {
        return new TrialResult(status, Map.of(), List.of(), millis, reason, parameters, flops);
    }

    /** A copy with another status and reason, keeping the metrics (used for duplicates and cancellations). */
    public TrialResult with(TrialStatus newStatus, String newReason) {
        return new TrialResult(newStatus, metrics, history, millis, newReason, parameters, flops);
    }
}
