package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise arithmetic: add, sub, mul, scale, axpy, multiply-accumulate and bias broadcasts.
 *
 * <p>Array forms take caller-provided outputs with offsets and lengths and allocate nothing; output
 * ranges may alias an input range exactly (in-place). Each public entry point dispatches on
 * {@link Simd#enabled()} to a {@code simd...} implementation; the {@code scalar...} twin is the
 * reference. Bias broadcasts: {@link #addBiasRows} adds a [F] bias to every row of [N,F];
 * {@link #addBiasChannels} adds a [C] bias to every plane of [N,C,H,W]. Tensor wrappers return new tensors.
 */
public final class Elementwise {
    private static final VectorSpecies<Float> S = Simd.SPECIES;

    private Elementwise() {
    }

    /** y = a + b over n elements. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        check3("add", a, aOff, b, bOff, y, yOff, n);
        if (Simd.enabled()) {
            simdAdd(a, aOff, b, bOff, y, yOff, n);
        } else {
            scalarAdd(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /** y = a - b over n elements. */
    public static void sub(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        check3("sub", a, aOff, b, bOff, y, yOff, n);
        if (Simd.enabled()) {
            simdSub(a, aOff, b, bOff, y, yOff, n);
        } else {
            scalarSub(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /** y = a * b over n elements. */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        check3("mul", a, aOff, b, bOff, y, yOff, n);
        if (Simd.enabled()) {
            simdMul(a, aOff, b, bOff, y, yOff, n);
        } else {
            scalarMul(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /** y += a * b over n elements (the backward of mul and of masks). */
    public static void mulAccumulate(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        check3("mulAccumulate", a, aOff, b, bOff, y, yOff, n);
        if (Simd.enabled()) {
            simdMulAccumulate(a, aOff, b, bOff, y, yOff, n);
        } else {
            scalarMulAccumulate(a, aOff, b, bOff, y, yOff, n);
        }
    }

    /** y = s * x over n elements. */
    public static void scale(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        Checks.range("scale", "x", x, xOff, n);
        Checks.range("scale", "y", y, yOff, n);
        if (Simd.enabled()) {
            simdScale(x, xOff, s, y, yOff, n);
        } else {
            scalarScale(x, xOff, s, y, yOff, n);
        }
    }

    /** y += alpha * x over n elements. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("axpy", "x", x, xOff, n);
        Checks.range("axpy", "y", y, yOff, n);
        if (Simd.enabled()) {
            simdAxpy(alpha, x, xOff, y, yOff, n);
        } else {
            scalarAxpy(alpha, x, xOff, y, yOff, n);
        }
    }

    /** y[r, f] = x[r, f] + bias[f] for a row-major [rows, cols] block. */
    public static void addBiasRows(float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff, int rows, int cols) {
        addBiasRows(Simd.enabled(), x, xOff, bias, bOff, y, yOff, rows, cols);
    }

    /** addBiasRows on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void addBiasRows(boolean simd, float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff, int rows, int cols) {
        Checks.positive("addBiasRows", rows, cols);
        Checks.range("addBiasRows", "x", x, xOff, (long) rows * cols);
        Checks.range("addBiasRows", "bias", bias, bOff, cols);
        Checks.range("addBiasRows", "y", y, yOff, (long) rows * cols);
        for (int r = 0; r < rows; r++) {
            if (simd) {
                simdAdd(x, xOff + r * cols, bias, bOff, y, yOff + r * cols, cols);
            } else {
                scalarAdd(x, xOff + r * cols, bias, bOff, y, yOff + r * cols, cols);
            }
        }
    }

    /** y[n, c, s] = x[n, c, s] + bias[c] for an [n, c, hw] block (NCHW with hw = H*W). */
    public static void addBiasChannels(float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff,
                                       int n, int c, int hw) {
        Checks.positive("addBiasChannels", n, c, hw);
        long total = (long) n * c * hw;
        Checks.range("addBiasChannels", "x", x, xOff, total);
        Checks.range("addBiasChannels", "bias", bias, bOff, c);
        Checks.range("addBiasChannels", "y", y, yOff, total);
        if (Simd.enabled()) {
            simdAddBiasChannels(x, xOff, bias, bOff, y, yOff, n, c, hw);
        } else {
            scalarAddBiasChannels(x, xOff, bias, bOff, y, yOff, n, c, hw);
        }
    }

    // ---- Tensor wrappers -------------------------------------------------------------------

    /** New tensor a + b (same shapes). */
    public static Tensor add(Tensor a, Tensor b) {
        Checks.sameShape("add", a, b);
        Tensor y = Tensor.zeros(a.shape());
        add(a.data(), 0, b.data(), 0, y.data(), 0, a.size());
        return y;
    }

    /** New tensor a - b (same shapes). */
    public static Tensor sub(Tensor a, Tensor b) {
        Checks.sameShape("sub", a, b);
        Tensor y = Tensor.zeros(a.shape());
        sub(a.data(), 0, b.data(), 0, y.data(), 0, a.size());
        return y;
    }

    /** New tensor a * b (same shapes). */
    public static Tensor mul(Tensor a, Tensor b) {
        Checks.sameShape("mul", a, b);
        Tensor y = Tensor.zeros(a.shape());
        mul(a.data(), 0, b.data(), 0, y.data(), 0, a.size());
        return y;
    }

    /** New tensor s * x. */
    public static Tensor scale(Tensor x, float s) {
        Tensor y = Tensor.zeros(x.shape());
        scale(x.data(), 0, s, y.data(), 0, x.size());
        return y;
    }

    /** New tensor x + bias broadcast: [N,F] + [F] or [N,C,H,W] + [C]. */
    public static Tensor addBias(Tensor x, Tensor bias) {
        Checks.rank2or4("addBias", x);
        if (bias.rank() != 1 || bias.dim(0) != x.dim(1)) {
            throw new IllegalArgumentException("addBias: bias " + bias.shapeString() + " does not match dim 1 of "
                    + x.shapeString());
        }
        Tensor y = Tensor.zeros(x.shape());
        if (x.rank() == 2) {
            addBiasRows(x.data(), 0, bias.data(), 0, y.data(), 0, x.dim(0), x.dim(1));
        } else {
            addBiasChannels(x.data(), 0, bias.data(), 0, y.data(), 0, x.dim(0), x.dim(1), Checks.spatial(x));
        }
        return y;
    }

    // ---- scalar references -----------------------------------------------------------------

    public static void scalarAdd(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    public static void scalarSub(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    public static void scalarMul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    public static void scalarMulAccumulate(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a[aOff + i] * b[bOff + i];
        }
    }

    public static void scalarScale(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = s * x[xOff + i];
        }
    }

    public static void scalarAxpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    public static void scalarAddBiasChannels(float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff,
                                             int n, int c, int hw) {
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * hw;
                float b = bias[bOff + ch];
                for (int s = 0; s < hw; s++) {
                    y[yOff + base + s] = x[xOff + base + s] + b;
                }
            }
        }
    }

    // ---- Vector API paths ------------------------------------------------------------------

    public static void simdAdd(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    public static void simdSub(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = a[aOff + i] - b[bOff + i];
        }
    }

    public static void simdMul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    public static void simdMulAccumulate(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i),
                    FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a[aOff + i] * b[bOff + i];
        }
    }

    public static void simdScale(float[] x, int xOff, float s, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).mul(s).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = s * x[xOff + i];
        }
    }

    public static void simdAxpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    public static void simdAddBiasChannels(float[] x, int xOff, float[] bias, int bOff, float[] y, int yOff,
                                           int n, int c, int hw) {
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * hw;
                float b = bias[bOff + ch];
                int s = 0;
                for (int bound = S.loopBound(hw); s < bound; s += S.length()) {
                    FloatVector.fromArray(S, x, xOff + base + s).add(b).intoArray(y, yOff + base + s);
                }
                for (; s < hw; s++) {
                    y[yOff + base + s] = x[xOff + base + s] + b;
                }
            }
        }
    }

    private static void check3(String op, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        Checks.range(op, "a", a, aOff, n);
        Checks.range(op, "b", b, bOff, n);
        Checks.range(op, "y", y, yOff, n);
    }
}
