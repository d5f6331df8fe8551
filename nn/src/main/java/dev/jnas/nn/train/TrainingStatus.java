package dev.jnas.nn.train;

/**
 * How a training run ended, recorded in its result so a search can tell a finished candidate from
 * one that was cut short or failed.
 */
public enum TrainingStatus {
    /** Ran every planned epoch. */
    COMPLETED,
    /** Stopped by {@link EarlyStopping} after the monitored metric stopped improving. */
    EARLY_STOPPED,
    /** Stopped because a time or step budget ran out; the model is usable but under-trained. */
    BUDGET_EXHAUSTED,
    /** Stopped on request (cancellation or interrupt). */
    CANCELLED,
    /** Aborted because the loss became NaN or infinite (see {@link TrainingDivergedException}). */
    DIVERGED;

    /** True if the run produced a usable model (everything but {@link #DIVERGED}). */
    public boolean producedModel() {
        return this != DIVERGED;
    }
}
