package dev.jnas.nn.train;

import java.util.Locale;

/**
 * Early-stopping policy on one monitored metric (e.g. validation {@code accuracy} or {@code loss}).
 *
 * <p>Call order: after each epoch's validation call {@link #update(double)} with the metric's
 * value, then check {@link #shouldStop()}. An update improves on the best if it is better by more
 * than {@code minDelta} (larger for {@link Mode#MAX}, smaller for {@link Mode#MIN}); the first
 * finite value always improves; NaN never does. Training should stop once {@code patience}
 * consecutive updates have not improved (so patience 0 stops at the first non-improvement).
 * Epochs are counted as 0-based indices of the {@code update} calls. Not thread-safe.
 */
public final class EarlyStopping {
    /** Whether larger or smaller values of the metric are better. */
    public enum Mode {
        MAX, MIN;

        /** {@link #MIN} for names that contain {@code loss}, {@link #MAX} otherwise. */
        public static Mode forMetric(String metric) {
            return metric.toLowerCase(Locale.ROOT).contains("loss") ? MIN : MAX;
        }
    }

    private final String metric;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private double best = Double.NaN;
    private int bestEpoch = -1;
    private int epochs;
    private int sinceBest;

    /** Throws if the metric name is empty, patience is negative or minDelta is negative or not finite. */
    public EarlyStopping(String metric, Mode mode, int patience, double minDelta) {
        if (metric == null || metric.isEmpty()) {
            throw new IllegalArgumentException("early stopping: metric name must be non-empty");
        }
        if (mode == null) {
            throw new IllegalArgumentException("early stopping: mode must be non-null");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping: patience must be >= 0, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping: minDelta must be finite and >= 0, got " + minDelta);
        }
        this.metric = metric;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** A policy whose mode is inferred from the metric name with {@link Mode#forMetric}. */
    public static EarlyStopping on(String metric, int patience, double minDelta) {
        return new EarlyStopping(metric, Mode.forMetric(metric), patience, minDelta);
    }

    /** Records one epoch's value; returns true if it is the new best. */
    public boolean update(double value) {
        int epoch = epochs++;
        boolean improved;
        if (Double.isNaN(value)) {
            improved = false;
        } else if (bestEpoch < 0) {
            improved = true;
        } else {
            improved = mode == Mode.MAX ? value > best + minDelta : value < best - minDelta;
        }
        if (improved) {
            best = value;
            bestEpoch = epoch;
            sinceBest = 0;
        } else {
            sinceBest++;
        }
        return improved;
    }

    /**
     * True once {@code patience} consecutive updates (at least one) have brought no improvement;
     * stays true until the next improving update.
     */
    public boolean shouldStop() {
        return sinceBest > 0 && sinceBest >= patience;
    }

    /** 0-based index of the update that set the best value, or -1 if none has. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best value so far, or NaN if none. */
    public double bestValue() {
        return best;
    }

    /** Number of updates so far. */
    public int epochs() {
        return epochs;
    }

    /** Consecutive updates without improvement. */
    public int epochsSinceBest() {
        return sinceBest;
    }

    public String metric() {
        return metric;
    }

    public Mode mode() {
        return mode;
    }

    public int patience() {
        return patience;
    }

    public double minDelta() {
        return minDelta;
    }
}
