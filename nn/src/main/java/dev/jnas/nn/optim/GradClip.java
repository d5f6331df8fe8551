package dev.jnas.nn.optim;

import java.util.List;
import java.util.Locale;

/**
 * Gradient clipping applied in place to the grads of a parameter list, between backprop and
 * {@link Optimizer#step}.
 *
 * <p>{@link Mode#NORM}: if the global L2 norm over all grads exceeds {@code threshold}, every grad
 * is scaled by {@code threshold / norm}. {@link Mode#VALUE}: every grad element is clamped to
 * {@code [-threshold, threshold]}. {@link Mode#NONE} leaves grads alone.
 */
public record GradClip(Mode mode, double threshold) {
    /** The kind of clipping. */
    public enum Mode { NONE, NORM, VALUE }

    public GradClip {
        if (mode == null) {
            throw new IllegalArgumentException("grad clip: mode must be non-null");
        }
        if (mode != Mode.NONE && (!(threshold > 0) || Double.isInfinite(threshold))) {
            throw new IllegalArgumentException("grad clip: threshold must be finite and > 0 for "
                    + mode.name().toLowerCase(Locale.ROOT) + ", got " + threshold);
        }
    }

    /** No clipping. */
    public static GradClip none() {
        return new GradClip(Mode.NONE, 0);
    }

    /** Clip by global L2 norm. */
    public static GradClip byNorm(double maxNorm) {
        return new GradClip(Mode.NORM, maxNorm);
    }

    /** Clip each element to {@code [-maxAbs, maxAbs]}. */
    public static GradClip byValue(double maxAbs) {
        return new GradClip(Mode.VALUE, maxAbs);
    }

    /**
     * Clips the grads in place and returns the global L2 norm measured before clipping (useful for
     * logging and divergence checks). A non-finite norm leaves the grads untouched under
     * {@link Mode#NORM}, so a NaN is reported rather than spread by scaling.
     */
    public double apply(List<Param> params) {
        double norm = globalNorm(params);
        if (mode == Mode.NORM && norm > threshold && Double.isFinite(norm)) {
            float scale = (float) (threshold / norm);
            for (int p = 0; p < params.size(); p++) {
                float[] g = params.get(p).grad().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }
        } else if (mode == Mode.VALUE) {
            float hi = (float) threshold;
            float lo = -hi;
            for (int p = 0; p < params.size(); p++) {
                float[] g = params.get(p).grad().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(lo, Math.min(hi, g[i]));
                }
            }
        }
        return norm;
    }

    /** The L2 norm of all grads taken together, accumulated in double. */
    public static double globalNorm(List<Param> params) {
        double sum = 0;
        for (int p = 0; p < params.size(); p++) {
            float[] g = params.get(p).grad().data();
            for (int i = 0; i < g.length; i++) {
                double v = g[i];
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Parses {@code none}, {@code norm:MAX} or {@code value:MAX} (case-insensitive); throws
     * {@link IllegalArgumentException} naming the text otherwise.
     */
    public static GradClip parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            if (parts.length == 1 && parts[0].equals("none")) {
                return none();
            }
            if (parts.length == 2 && parts[0].equals("norm")) {
                return byNorm(Double.parseDouble(parts[1]));
            }
            if (parts.length == 2 && parts[0].equals("value")) {
                return byValue(Double.parseDouble(parts[1]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grad clip: bad number in '" + text + "'", e);
        }
        throw new IllegalArgumentException("grad clip: cannot parse '" + text
                + "'; expected none, norm:MAX or value:MAX");
    }
}
