package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions: sum, mean and max of a range; column sums of [N,F] ({@link #sumRows}) and per-channel
 * sums of [N,C,H,W] ({@link #sumChannels}), which are the bias gradients of the two broadcasts in
 * {@link Elementwise}. The {@code accumulate} flag adds into the output instead of overwriting it.
 *
 * <p>Dispatch on {@link Simd#enabled()}; scalar references accumulate in double (so they are the more
 * accurate side of a comparison), SIMD paths use four float accumulators and one final lane reduction.
 */
public final class Reductions {
    private static final VectorSpecies<Float> S = Simd.SPECIES;

    private Reductions() {
    }

    /** Sum of x[off, off + n). */
    public static float sum(float[] x, int off, int n) {
        Checks.range("sum", "x", x, off, n);
        return Simd.enabled() ? simdSum(x, off, n) : scalarSum(x, off, n);
    }

    /** Mean of x[off, off + n); n must be positive. */
    public static float mean(float[] x, int off, int n) {
        Checks.positive("mean", n);
        return sum(x, off, n) / n;
    }

    /** Maximum of x[off, off + n); n must be positive. */
    public static float max(float[] x, int off, int n) {
        Checks.positive("max", n);
        Checks.range("max", "x", x, off, n);
        return Simd.enabled() ? simdMax(x, off, n) : scalarMax(x, off, n);
    }

    /** out[f] (+)= Σ_r x[r, f] for a row-major [rows, cols] block. */
    public static void sumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean accumulate) {
        Checks.positive("sumRows", rows, cols);
        Checks.range("sumRows", "x", x, xOff, (long) rows * cols);
        Checks.range("sumRows", "out", out, outOff, cols);
        if (Simd.enabled()) {
            simdSumRows(x, xOff, rows, cols, out, outOff, accumulate);
        } else {
            scalarSumRows(x, xOff, rows, cols, out, outOff, accumulate);
        }
    }

    /** out[c] (+)= Σ_{n,s} x[n, c, s] for an [n, c, hw] block (NCHW with hw = H*W). */
    public static void sumChannels(float[] x, int xOff, int n, int c, int hw, float[] out, int outOff, boolean accumulate) {
        sumChannels(Simd.enabled(), x, xOff, n, c, hw, out, outOff, accumulate);
    }

    /** sumChannels on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void sumChannels(boolean simd, float[] x, int xOff, int n, int c, int hw, float[] out, int outOff, boolean accumulate) {
        Checks.positive("sumChannels", n, c, hw);
        Checks.range("sumChannels", "x", x, xOff, (long) n * c * hw);
        Checks.range("sumChannels", "out", out, outOff, c);
        for (int ch = 0; ch < c; ch++) {
            float s = 0f;
            for (int i = 0; i < n; i++) {
                int base = xOff + (i * c + ch) * hw;
                s += simd ? simdSum(x, base, hw) : scalarSum(x, base, hw);
            }
            out[outOff + ch] = accumulate ? out[outOff + ch] + s : s;
        }
    }

    /** Sum of all elements of a tensor. */
    public static float sum(Tensor x) {
        return sum(x.data(), 0, x.size());
    }

    /** Mean of all elements of a tensor. */
    public static float mean(Tensor x) {
        return mean(x.data(), 0, x.size());
    }

    /** Maximum element of a tensor. */
    public static float max(Tensor x) {
        return max(x.data(), 0, x.size());
    }

    /** Bias gradient: [N,F] → [F] column sums, or [N,C,H,W] → [C] channel sums. */
    public static Tensor sumPerFeature(Tensor x) {
        Checks.rank2or4("sumPerFeature", x);
        Tensor out = Tensor.zeros(x.dim(1));
        if (x.rank() == 2) {
            sumRows(x.data(), 0, x.dim(0), x.dim(1), out.data(), 0, false);
        } else {
            sumChannels(x.data(), 0, x.dim(0), x.dim(1), Checks.spatial(x), out.data(), 0, false);
        }
        return out;
    }

    // ---- scalar references -----------------------------------------------------------------

    public static float scalarSum(float[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[off + i];
        }
        return (float) s;
    }

    public static float scalarMax(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    public static void scalarSumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean accumulate) {
        for (int f = 0; f < cols; f++) {
            double s = accumulate ? out[outOff + f] : 0;
            for (int r = 0; r < rows; r++) {
                s += x[xOff + r * cols + f];
            }
            out[outOff + f] = (float) s;
        }
    }

    // ---- Vector API paths ------------------------------------------------------------------

    public static float simdSum(float[] x, int off, int n) {
        int l = S.length();
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        int i = 0;
        // Four independent accumulators hide the add latency.
        for (int bound4 = n - 4 * l + 1; i < bound4; i += 4 * l) {
            a0 = a0.add(FloatVector.fromArray(S, x, off + i));
            a1 = a1.add(FloatVector.fromArray(S, x, off + i + l));
            a2 = a2.add(FloatVector.fromArray(S, x, off + i + 2 * l));
            a3 = a3.add(FloatVector.fromArray(S, x, off + i + 3 * l));
        }
        for (int bound = S.loopBound(n); i < bound; i += l) {
            a0 = a0.add(FloatVector.fromArray(S, x, off + i));
        }
        float s = Simd.sumLanes(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    public static float simdMax(float[] x, int off, int n) {
        int l = S.length();
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        int i = 0;
        for (int bound2 = n - 2 * l + 1; i < bound2; i += 2 * l) {
            m0 = m0.max(FloatVector.fromArray(S, x, off + i));
            m1 = m1.max(FloatVector.fromArray(S, x, off + i + l));
        }
        for (int bound = S.loopBound(n); i < bound; i += l) {
            m0 = m0.max(FloatVector.fromArray(S, x, off + i));
        }
        float m = m0.max(m1).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    public static void simdSumRows(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, outOff, outOff + cols, 0f);
        }
        // Row-major: each row is added to the running column sums, vectorised along the columns.
        for (int r = 0; r < rows; r++) {
            Elementwise.simdAdd(out, outOff, x, xOff + r * cols, out, outOff, cols);
        }
    }
}
