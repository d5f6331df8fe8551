package dev.jnas.nn.train;

import dev.jnas.nn.metrics.EvaluationResult;
import java.util.List;

/**
 * The outcome of a {@link Trainer} run.
 *
 * <p>{@code status} says how it ended and {@code message} why (for {@link TrainingStatus#DIVERGED} it
 * names the epoch and step); {@code history} has one {@link EpochRecord} per finished epoch;
 * {@code bestEpoch} is the 0-based epoch with the best validated objective (-1 if none was validated);
 * {@code finalValidation} is the last validation result (null if none); {@code steps} counts optimiser
 * steps, {@code wallSeconds} the whole run, and {@code imagesPerSecond} the training throughput
 * (training samples processed / training time, validation excluded).
 */
public record TrainingResult(TrainingStatus status, String message, List<EpochRecord> history, int bestEpoch,
                             EvaluationResult finalValidation, long steps, double wallSeconds,
                             double imagesPerSecond) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** The value of the objective at the best epoch, or NaN if none. */
    public double bestValue(String objective) {
        if (bestEpoch < 0) {
            return Double.NaN;
        }
        EvaluationResult r = history.get(bestEpoch).validation();
        return r == null ? Double.NaN : r.get(objective);
    }
}
