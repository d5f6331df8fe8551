package dev.jnas.engine.nn;

import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.nn.optim.GradClip;
import dev.jnas.nn.optim.LrSchedule;
import dev.jnas.nn.optim.OptimizerConfig;

import java.util.Locale;

/**
 * Turns a trial's {@link TrialRequest.TrainingSettings} into an {@code nn} optimiser configuration.
 * Optimiser names: {@code sgd} (plain, no momentum), {@code momentum} (SGD with momentum 0.9, the name
 * the default search space uses), {@code nesterov}, {@code adam}, {@code adamw}. Every trial uses a
 * cosine decay of the learning rate over its own steps (to 5% of the base rate, no warm-up) and clips the
 * global gradient norm at 5: short trials then end on a settled model, and a too-large sampled learning
 * rate degrades a candidate instead of blowing it up on the first batches.
 */
public final class Recipes {
    /** Gradient-norm clipping threshold of every trial. */
    public static final double CLIP_NORM = 5.0;
    /** Final learning rate as a share of the base rate. */
    public static final double COSINE_FLOOR = 0.05;

    private Recipes() {
    }

    /** The optimiser for {@code t}, with a cosine schedule over {@code totalSteps} optimiser steps. */
    public static OptimizerConfig optimizer(TrialRequest.TrainingSettings t, int totalSteps) {
        String name = t.optimizer() == null ? "adam" : t.optimizer().trim().toLowerCase(Locale.ROOT);
        OptimizerConfig base = switch (name) {
            case "sgd" -> OptimizerConfig.defaults("sgd").withMomentum(0, false);
            case "momentum" -> OptimizerConfig.defaults("sgd").withMomentum(0.9, false);
            case "nesterov" -> OptimizerConfig.defaults("sgd").withMomentum(0.9, true);
            case "adam", "adamw" -> OptimizerConfig.defaults(name);
            default -> throw new IllegalArgumentException("training recipe: unknown optimizer '" + t.optimizer()
                    + "'; known: sgd, momentum, nesterov, adam, adamw");
        };
        OptimizerConfig c = base.withLr(t.learningRate()).withWeightDecay(t.weightDecay())
                .withClip(GradClip.byNorm(CLIP_NORM));
        return totalSteps >= 2 ? c.withSchedule(new LrSchedule.Cosine(0, totalSteps, COSINE_FLOOR)) : c;
    }

    /** Optimiser steps of {@code epochs} epochs over {@code samples} samples (a last batch of one is skipped). */
    public static int steps(int samples, int batchSize, int epochs) {
        int bs = Math.min(batchSize, samples);
        int perEpoch = samples / bs + (samples % bs >= 2 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, (long) perEpoch * epochs);
    }
}
