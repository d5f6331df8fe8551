package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise softmax and log-softmax over a row-major [rows, cols] block, their backward passes, and a
 * fused, numerically stable log-softmax + cross-entropy with integer labels.
 *
 * <p>All forms subtract the row maximum before exponentiating. {@link #crossEntropy} returns the mean
 * loss over the rows and (if {@code dLogits} is non-null) writes dLogits = (softmax − onehot) / rows,
 * the gradient of that mean. Dispatch on {@link Simd#enabled()}; {@code scalar...} methods are the
 * references (double arithmetic), {@code simd...} the Vector API paths, whose exponentials (vector lanes and
 * scalar tails alike) are {@link VectorMath#exp} / {@link VectorMath#expScalar}: the same bits whether the
 * kernel runs interpreted or compiled.
 */
public final class Softmax {
    private static final VectorSpecies<Float> S = Simd.SPECIES;

    private Softmax() {
    }

    /** y = softmax(x) per row. */
    public static void softmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        softmax(Simd.enabled(), x, xOff, y, yOff, rows, cols);
    }

    /** softmax on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void softmax(boolean simd, float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        rowwise("softmax", false, simd, x, xOff, y, yOff, rows, cols);
    }

    /** y = log(softmax(x)) per row. */
    public static void logSoftmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        logSoftmax(Simd.enabled(), x, xOff, y, yOff, rows, cols);
    }

    /** logSoftmax on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void logSoftmax(boolean simd, float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        rowwise("logSoftmax", true, simd, x, xOff, y, yOff, rows, cols);
    }

    private static void rowwise(String op, boolean log, boolean simd, float[] x, int xOff, float[] y, int yOff,
                                int rows, int cols) {
        check(op, x, xOff, y, yOff, rows, cols);
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            if (simd) {
                simdSoftmaxRow(x, xo, y, yo, cols, log);
            } else {
                scalarSoftmaxRow(x, xo, y, yo, cols, log);
            }
        }
    }

    /** Softmax backward from its output y: dx (+)= y ⊙ (dy − Σ_row dy·y). */
    public static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                       int rows, int cols, boolean accumulate) {
        softmaxBackward(Simd.enabled(), y, yOff, dy, dyOff, dx, dxOff, rows, cols, accumulate);
    }

    /** softmaxBackward on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void softmaxBackward(boolean simd, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                int rows, int cols, boolean accumulate) {
        check("softmaxBackward", y, yOff, dy, dyOff, rows, cols);
        Checks.range("softmaxBackward", "dx", dx, dxOff, (long) rows * cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            if (simd) {
                float d = simdDot(dy, dyOff + o, y, yOff + o, cols);
                simdRowBackward(false, y, yOff + o, dy, dyOff + o, d, dx, dxOff + o, cols, accumulate);
            } else {
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    dot += (double) dy[dyOff + o + j] * y[yOff + o + j];
                }
                float d = (float) dot;
                for (int j = 0; j < cols; j++) {
                    float g = y[yOff + o + j] * (dy[dyOff + o + j] - d);
                    dx[dxOff + o + j] = accumulate ? dx[dxOff + o + j] + g : g;
                }
            }
        }
    }

    /** Log-softmax backward from its output y: dx (+)= dy − exp(y) · Σ_row dy. */
    public static void logSoftmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                          int rows, int cols, boolean accumulate) {
        logSoftmaxBackward(Simd.enabled(), y, yOff, dy, dyOff, dx, dxOff, rows, cols, accumulate);
    }

    /** logSoftmaxBackward on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void logSoftmaxBackward(boolean simd, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                   int rows, int cols, boolean accumulate) {
        check("logSoftmaxBackward", y, yOff, dy, dyOff, rows, cols);
        Checks.range("logSoftmaxBackward", "dx", dx, dxOff, (long) rows * cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            if (simd) {
                float s = Reductions.simdSum(dy, dyOff + o, cols);
                simdRowBackward(true, y, yOff + o, dy, dyOff + o, s, dx, dxOff + o, cols, accumulate);
            } else {
                float s = Reductions.scalarSum(dy, dyOff + o, cols);
                for (int j = 0; j < cols; j++) {
                    float g = dy[dyOff + o + j] - (float) Math.exp(y[yOff + o + j]) * s;
                    dx[dxOff + o + j] = accumulate ? dx[dxOff + o + j] + g : g;
                }
            }
        }
    }

    /**
     * Mean cross-entropy of softmax(logits) against {@code labels[labelsOff + r]} (0 ≤ label < cols);
     * writes dLogits = (softmax − onehot) / rows unless {@code dLogits} is null.
     */
    public static float crossEntropy(float[] logits, int off, int[] labels, int labelsOff, int rows, int cols,
                                     float[] dLogits, int dOff) {
        return crossEntropy(Simd.enabled(), logits, off, labels, labelsOff, rows, cols, dLogits, dOff);
    }

    /** crossEntropy on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static float crossEntropy(boolean simd, float[] logits, int off, int[] labels, int labelsOff, int rows, int cols,
                                     float[] dLogits, int dOff) {
        Checks.positive("crossEntropy", rows, cols);
        Checks.range("crossEntropy", "logits", logits, off, (long) rows * cols);
        if (dLogits != null) {
            Checks.range("crossEntropy", "dLogits", dLogits, dOff, (long) rows * cols);
        }
        if (labels == null || labelsOff < 0 || labelsOff + rows > labels.length) {
            throw new IllegalArgumentException("crossEntropy: need " + rows + " labels from offset " + labelsOff
                    + ", got " + (labels == null ? "null" : labels.length));
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[labelsOff + r];
            if (label < 0 || label >= cols) {
                throw new IllegalArgumentException("crossEntropy: label " + label + " at row " + r
                        + " outside [0, " + cols + ") for logits [" + rows + ", " + cols + "]");
            }
            int o = off + r * cols;
            // Keep the max and log Σexp apart: folding them into one float loses digits for large logits.
            float m = simd ? Reductions.simdMax(logits, o, cols) : Reductions.scalarMax(logits, o, cols);
            float logS = simd ? simdLogSumShifted(logits, o, cols, m) : scalarLogSumShifted(logits, o, cols, m);
            total += (m - logits[o + label]) + (double) logS;
            if (dLogits != null) {
                int d = dOff + r * cols;
                float invN = 1f / rows;
                if (simd) {
                    simdExpShift(logits, o, m, logS, invN, dLogits, d, cols);
                } else {
                    for (int j = 0; j < cols; j++) {
                        dLogits[d + j] = (float) Math.exp((logits[o + j] - m) - (double) logS) * invN;
                    }
                }
                dLogits[d + label] -= invN;
            }
        }
        return (float) (total / rows);
    }

    /** New tensor softmax(x) over the last dimension of a [rows, cols] tensor. */
    public static Tensor softmax(Tensor x) {
        requireRank2("softmax", x);
        Tensor y = Tensor.zeros(x.shape());
        softmax(x.data(), 0, y.data(), 0, x.dim(0), x.dim(1));
        return y;
    }

    /** New tensor log-softmax(x) over the last dimension of a [rows, cols] tensor. */
    public static Tensor logSoftmax(Tensor x) {
        requireRank2("logSoftmax", x);
        Tensor y = Tensor.zeros(x.shape());
        logSoftmax(x.data(), 0, y.data(), 0, x.dim(0), x.dim(1));
        return y;
    }

    /** Mean cross-entropy of [rows, cols] logits against labels; writes dLogits (same shape) if non-null. */
    public static float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        requireRank2("crossEntropy", logits);
        if (labels.length != logits.dim(0)) {
            throw new IllegalArgumentException("crossEntropy: " + labels.length + " labels for logits "
                    + logits.shapeString());
        }
        if (dLogits != null) {
            Checks.sameShape("crossEntropy", logits, dLogits);
        }
        return crossEntropy(logits.data(), 0, labels, 0, logits.dim(0), logits.dim(1),
                dLogits == null ? null : dLogits.data(), 0);
    }

    // ---- scalar references -----------------------------------------------------------------

    public static void scalarSoftmaxRow(float[] x, int xo, float[] y, int yo, int n, boolean log) {
        float m = Reductions.scalarMax(x, xo, n);
        double logS = scalarLogSumShifted(x, xo, n, m);
        for (int j = 0; j < n; j++) {
            double v = (x[xo + j] - m) - logS;
            y[yo + j] = (float) (log ? v : Math.exp(v));
        }
    }

    /** log Σ exp(x − m) over a row, in double. */
    public static float scalarLogSumShifted(float[] x, int o, int n, float m) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(x[o + j] - m);
        }
        return (float) Math.log(s);
    }

    // ---- Vector API paths ------------------------------------------------------------------

    public static void simdSoftmaxRow(float[] x, int xo, float[] y, int yo, int n, boolean log) {
        float m = Reductions.simdMax(x, xo, n);
        if (!log) {
            simdExpNormalize(x, xo, m, y, yo, n);
            return;
        }
        float logS = simdLogSumShifted(x, xo, n, m);
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector.fromArray(S, x, xo + j).sub(m).sub(logS).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = (x[xo + j] - m) - logS;
        }
    }

    /**
     * y = exp(x − m) / Σ exp(x − m) over a row: one exponential per element (exp of the shifted value,
     * then a multiply by the reciprocal sum) instead of log Σ followed by a second exp pass.
     */
    private static void simdExpNormalize(float[] x, int xo, float m, float[] y, int yo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xo + j).sub(m));
            e.intoArray(y, yo + j);
            acc = acc.add(e);
        }
        float s = Simd.sumLanes(acc);
        for (; j < n; j++) {
            float e = VectorMath.expScalar(x[xo + j] - m);
            y[yo + j] = e;
            s += e;
        }
        float inv = 1f / s;
        j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector.fromArray(S, y, yo + j).mul(inv).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] *= inv;
        }
    }

    /**
     * log Σ exp(x − m) over a row (m is the row maximum). One accumulator and one exp call site: the exp is
     * long enough to keep the core busy without a second accumulator, and three inlined copies made the
     * method too big for C2 to inline {@code Simd.sumLanes} (NodeCountInliningCutoff in -XX:+PrintInlining).
     */
    public static float simdLogSumShifted(float[] x, int o, int n, float m) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            acc = acc.add(VectorMath.exp(FloatVector.fromArray(S, x, o + j).sub(m)));
        }
        float s = Simd.sumLanes(acc);
        for (; j < n; j++) {
            s += VectorMath.expScalar(x[o + j] - m);
        }
        return (float) Math.log(s);
    }

    /** y = exp((x − m) − logS) · factor over n elements. */
    private static void simdExpShift(float[] x, int xo, float m, float logS, float factor, float[] y, int yo, int n) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            VectorMath.exp(FloatVector.fromArray(S, x, xo + j).sub(m).sub(logS)).mul(factor).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = VectorMath.expScalar((x[xo + j] - m) - logS) * factor;
        }
    }

    /** Σ a·b over one row with two vector accumulators. */
    private static float simdDot(float[] a, int ao, float[] b, int bo, int n) {
        int l = S.length();
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int j = 0;
        for (int bound2 = n - 2 * l + 1; j < bound2; j += 2 * l) {
            acc0 = FloatVector.fromArray(S, a, ao + j).fma(FloatVector.fromArray(S, b, bo + j), acc0);
            acc1 = FloatVector.fromArray(S, a, ao + j + l).fma(FloatVector.fromArray(S, b, bo + j + l), acc1);
        }
        for (int bound = S.loopBound(n); j < bound; j += l) {
            acc0 = FloatVector.fromArray(S, a, ao + j).fma(FloatVector.fromArray(S, b, bo + j), acc0);
        }
        float s = Simd.sumLanes(acc0.add(acc1));
        for (; j < n; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }

    /** One row of backward: log: dx (+)= dy − exp(y)·k; otherwise dx (+)= y·(dy − k). */
    private static void simdRowBackward(boolean log, float[] y, int yo, float[] dy, int dyo, float k,
                                        float[] dx, int dxo, int n, boolean accumulate) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector yv = FloatVector.fromArray(S, y, yo + j);
            FloatVector dv = FloatVector.fromArray(S, dy, dyo + j);
            FloatVector g = log ? dv.sub(VectorMath.exp(yv).mul(k)) : yv.mul(dv.sub(k));
            if (accumulate) {
                g = g.add(FloatVector.fromArray(S, dx, dxo + j));
            }
            g.intoArray(dx, dxo + j);
        }
        for (; j < n; j++) {
            float g = log ? dy[dyo + j] - VectorMath.expScalar(y[yo + j]) * k : y[yo + j] * (dy[dyo + j] - k);
            dx[dxo + j] = accumulate ? dx[dxo + j] + g : g;
        }
    }

    private static void check(String op, float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        Checks.positive(op, rows, cols);
        Checks.range(op, "x", x, xOff, (long) rows * cols);
        Checks.range(op, "y", y, yOff, (long) rows * cols);
    }

    private static void requireRank2(String op, Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(op + ": need [rows, cols], got " + x.shapeString());
        }
    }
}
