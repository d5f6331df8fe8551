package dev.jnas.nn.train;

import dev.jnas.nn.optim.OptimizerConfig;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Everything a {@link Trainer} run needs besides the model and data.
 *
 * <p>{@code epochs} ≥ 1 and {@code batchSize} ≥ 1; {@code optimizer} (its learning-rate schedule is
 * indexed by the 0-based global optimiser step); {@code seed} drives the per-epoch shuffling;
 * {@code validateEachEpoch} evaluates the validation set after every epoch (otherwise only after the last);
 * {@code earlyStopping} (nullable) stops after {@code patience} epochs without an improvement of more than
 * {@code minDelta} in {@code objective}; {@code objective} is an
 * {@link dev.jnas.nn.metrics.EvaluationResult#get} name (e.g. {@code accuracy}, {@code loss}: loss-like
 * names are minimised) that picks the best epoch; {@code maxWallTime} (nullable) ends the run with
 * {@link TrainingStatus#BUDGET_EXHAUSTED} once exceeded (checked after each step); {@code cancel}
 * (nullable) is polled after each step and ends the run with {@link TrainingStatus#CANCELLED};
 * {@code progress} (nullable) receives each finished epoch; {@code augmentation} (null = none) changes
 * every training image at random (see {@link Augmentation}).
 *
 * <p>Start from {@link #of(int, int, OptimizerConfig, long)} and adjust with the {@code with*} copies.
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, long seed,
                             boolean validateEachEpoch, Stopping earlyStopping, String objective,
                             Duration maxWallTime, BooleanSupplier cancel, Consumer<EpochRecord> progress,
                             Augmentation augmentation) {
    /** Early-stopping parameters for an {@link EarlyStopping} on the objective metric. */
    public record Stopping(int patience, double minDelta) {
        public Stopping {
            new EarlyStopping("objective", EarlyStopping.Mode.MAX, patience, minDelta); // validates
        }
    }

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("training config: epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("training config: batchSize must be >= 1, got " + batchSize);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("training config: optimizer must not be null");
        }
        if (objective == null || objective.isEmpty()) {
            objective = "accuracy";
        }
        if (augmentation == null) {
            augmentation = Augmentation.NONE;
        }
        if (maxWallTime != null && (maxWallTime.isNegative() || maxWallTime.isZero())) {
            throw new IllegalArgumentException("training config: maxWallTime must be positive, got " + maxWallTime);
        }
    }

    /** Validation each epoch, objective {@code accuracy}, no early stopping, no time limit, no callbacks. */
    public static TrainingConfig of(int epochs, int batchSize, OptimizerConfig optimizer, long seed) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, true, null, "accuracy", null, null, null, Augmentation.NONE);
    }

    public TrainingConfig withEarlyStopping(int patience, double minDelta) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, validateEachEpoch, new Stopping(patience, minDelta),
                objective, maxWallTime, cancel, progress, augmentation);
    }

    public TrainingConfig withObjective(String metric) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, validateEachEpoch, earlyStopping, metric,
                maxWallTime, cancel, progress, augmentation);
    }

    public TrainingConfig withValidateEachEpoch(boolean v) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, v, earlyStopping, objective, maxWallTime, cancel,
                progress, augmentation);
    }

    public TrainingConfig withMaxWallTime(Duration d) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, validateEachEpoch, earlyStopping, objective, d,
                cancel, progress, augmentation);
    }

    public TrainingConfig withCancel(BooleanSupplier c) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, validateEachEpoch, earlyStopping, objective,
                maxWallTime, c, progress, augmentation);
    }

    public TrainingConfig withProgress(Consumer<EpochRecord> p) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, validateEachEpoch, earlyStopping, objective,
                maxWallTime, cancel, p, augmentation);
    }

    public TrainingConfig withAugmentation(Augmentation a) {
        return new TrainingConfig(epochs, batchSize, optimizer, seed, validateEachEpoch, earlyStopping, objective,
                maxWallTime, cancel, progress, a);
    }
}
