package dev.jnas.nn.optim;

import java.util.List;
import java.util.Locale;

/**
 * Everything needed to build an optimiser and drive it: the optimiser name ({@code sgd},
 * {@code adam}, {@code adamw}), its base learning rate and hyper-parameters, the learning-rate
 * schedule and the gradient clipping.
 *
 * <p>Call order: {@link #defaults(String)} (or the canonical constructor), optionally the
 * {@code with*} copies, then {@link #build()} once per training run; per step the trainer uses
 * {@link #learningRateAt(int)} and {@code clip().apply(params)}. Fields an optimiser does not use
 * (e.g. betas for {@code sgd}) are carried but ignored.
 */
public record OptimizerConfig(String name, double lr, double momentum, boolean nesterov, double beta1,
        double beta2, double eps, double weightDecay, LrSchedule schedule, GradClip clip) {
    /** The accepted optimiser names. */
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw");

    public OptimizerConfig {
        name = normalise(name);
        if (schedule == null) {
            schedule = LrSchedule.constant();
        }
        if (clip == null) {
            clip = GradClip.none();
        }
        // Fail at configuration time rather than at build time.
        build(name, lr, momentum, nesterov, beta1, beta2, eps, weightDecay);
    }

    /**
     * Conventional defaults for {@code name}: sgd lr 0.1, momentum 0.9; adam lr 1e-3; adamw lr 1e-3,
     * weight decay 0.01; betas (0.9, 0.999), eps 1e-8; constant schedule; no clipping.
     * Throws {@link IllegalArgumentException} for unknown names, listing the known ones.
     */
    public static OptimizerConfig defaults(String name) {
        String n = normalise(name);
        return switch (n) {
            case "sgd" -> new OptimizerConfig(n, 0.1, 0.9, false, 0.9, 0.999, 1e-8, 0, null, null);
            case "adam" -> new OptimizerConfig(n, 1e-3, 0, false, 0.9, 0.999, 1e-8, 0, null, null);
            default -> new OptimizerConfig(n, 1e-3, 0, false, 0.9, 0.999, 1e-8, 0.01, null, null);
        };
    }

    /** A fresh optimiser with this config's base learning rate and no state. */
    public Optimizer build() {
        return build(name, lr, momentum, nesterov, beta1, beta2, eps, weightDecay);
    }

    /** {@code schedule().lr(step, lr())}. */
    public double learningRateAt(int step) {
        return schedule.lr(step, lr);
    }

    public OptimizerConfig withLr(double v) {
        return new OptimizerConfig(name, v, momentum, nesterov, beta1, beta2, eps, weightDecay, schedule, clip);
    }

    public OptimizerConfig withMomentum(double v, boolean nest) {
        return new OptimizerConfig(name, lr, v, nest, beta1, beta2, eps, weightDecay, schedule, clip);
    }

    public OptimizerConfig withBetas(double b1, double b2) {
        return new OptimizerConfig(name, lr, momentum, nesterov, b1, b2, eps, weightDecay, schedule, clip);
    }

    public OptimizerConfig withWeightDecay(double v) {
        return new OptimizerConfig(name, lr, momentum, nesterov, beta1, beta2, eps, v, schedule, clip);
    }

    public OptimizerConfig withSchedule(LrSchedule v) {
        return new OptimizerConfig(name, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, v, clip);
    }

    public OptimizerConfig withClip(GradClip v) {
        return new OptimizerConfig(name, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, schedule, v);
    }

    private static Optimizer build(String name, double lr, double momentum, boolean nesterov, double beta1,
            double beta2, double eps, double weightDecay) {
        return switch (name) {
            case "sgd" -> new Sgd(lr, momentum, nesterov, weightDecay);
            case "adam" -> new Adam(lr, beta1, beta2, eps, weightDecay);
            case "adamw" -> new AdamW(lr, beta1, beta2, eps, weightDecay);
            default -> throw new IllegalStateException("unreachable: " + name);
        };
    }

    private static String normalise(String name) {
        if (name == null) {
            throw new IllegalArgumentException("optimizer: name must be one of " + NAMES + ", got null");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("optimizer: unknown name '" + name + "'; expected one of " + NAMES);
        }
        return n;
    }
}
