package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch normalisation over a [n, c, hw] layout: per channel of [N,C,H,W] (hw = H·W) or per feature of
 * [N,F] (c = F, hw = 1).
 *
 * <p>Call order for training: {@link #forwardTrain} (uses batch statistics, saves mean and 1/σ per
 * channel into caller arrays, updates running mean/variance with {@code momentum} as PyTorch does:
 * r ← (1−m)·r + m·stat, with the unbiased batch variance for the running variance), then
 * {@link #backward} with the saved statistics. Inference: {@link #forwardInfer} (running statistics);
 * its backward is {@link #backwardInfer}. The normalisation uses the biased batch variance and
 * {@code eps} inside the square root. With {@code accumulate}, backward adds into dx, dGamma, dBeta.
 *
 * <p>Dispatch on {@link Simd#enabled()}: the SIMD path vectorises along each channel's contiguous hw
 * block (so [N,F] with hw = 1 runs mostly in the scalar tail); scalar methods are the double-precision
 * references.
 */
public final class BatchNorm {
    private static final VectorSpecies<Float> S = Simd.SPECIES;

    private BatchNorm() {
    }

    /** Training-mode forward: y = γ·(x − μ_B)/√(σ²_B + eps) + β; saves μ_B and 1/√(σ²_B + eps). */
    public static void forwardTrain(float[] x, int xOff, int n, int c, int hw, float[] gamma, float[] beta,
                                    float eps, float momentum, float[] runMean, float[] runVar,
                                    float[] y, int yOff, float[] saveMean, float[] saveInvStd) {
        forwardTrain(Simd.enabled(), x, xOff, n, c, hw, gamma, beta, eps, momentum, runMean, runVar, y, yOff, saveMean, saveInvStd);
    }

    /** forwardTrain on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void forwardTrain(boolean simd, float[] x, int xOff, int n, int c, int hw, float[] gamma, float[] beta,
                                    float eps, float momentum, float[] runMean, float[] runVar,
                                    float[] y, int yOff, float[] saveMean, float[] saveInvStd) {
        check("batchNorm forwardTrain", x, xOff, n, c, hw, gamma, beta, y, yOff);
        checkC("batchNorm forwardTrain", c, runMean, runVar, saveMean, saveInvStd);
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int o = xOff + (i * c + ch) * hw;
                sum += simd ? Reductions.simdSum(x, o, hw) : Reductions.scalarSum(x, o, hw);
            }
            float mean = (float) (sum / m);
            double sq = 0;
            for (int i = 0; i < n; i++) {
                int o = xOff + (i * c + ch) * hw;
                sq += simd ? simdSumSqDev(x, o, hw, mean) : scalarSumSqDev(x, o, hw, mean);
            }
            double var = sq / m;
            float invStd = (float) (1.0 / Math.sqrt(var + eps));
            saveMean[ch] = mean;
            saveInvStd[ch] = invStd;
            double unbiased = m > 1 ? var * m / (m - 1) : var;
            runMean[ch] = (1 - momentum) * runMean[ch] + momentum * mean;
            runVar[ch] = (float) ((1 - momentum) * runVar[ch] + momentum * unbiased);
            affineChannel(simd, x, xOff, y, yOff, n, c, hw, ch, gamma[ch] * invStd, beta[ch] - mean * gamma[ch] * invStd);
        }
    }

    /** Inference-mode forward: y = γ·(x − running mean)/√(running var + eps) + β. */
    public static void forwardInfer(float[] x, int xOff, int n, int c, int hw, float[] gamma, float[] beta,
                                    float eps, float[] runMean, float[] runVar, float[] y, int yOff) {
        forwardInfer(Simd.enabled(), x, xOff, n, c, hw, gamma, beta, eps, runMean, runVar, y, yOff);
    }

    /** forwardInfer on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void forwardInfer(boolean simd, float[] x, int xOff, int n, int c, int hw, float[] gamma, float[] beta,
                                    float eps, float[] runMean, float[] runVar, float[] y, int yOff) {
        check("batchNorm forwardInfer", x, xOff, n, c, hw, gamma, beta, y, yOff);
        checkC("batchNorm forwardInfer", c, runMean, runVar);
        for (int ch = 0; ch < c; ch++) {
            float a = gamma[ch] * (float) (1.0 / Math.sqrt(runVar[ch] + (double) eps));
            affineChannel(simd, x, xOff, y, yOff, n, c, hw, ch, a, beta[ch] - runMean[ch] * a);
        }
    }

    /**
     * Training-mode backward with the statistics saved by {@link #forwardTrain}:
     * dβ = Σdy, dγ = Σdy·x̂, dx = γ/σ · (dy − dβ/M − x̂·dγ/M) with M = n·hw.
     */
    public static void backward(float[] x, int xOff, float[] dy, int dyOff, int n, int c, int hw, float[] gamma,
                                float[] saveMean, float[] saveInvStd, float[] dx, int dxOff,
                                float[] dGamma, float[] dBeta, boolean accumulate) {
        backward(Simd.enabled(), x, xOff, dy, dyOff, n, c, hw, gamma, saveMean, saveInvStd, dx, dxOff, dGamma, dBeta, accumulate);
    }

    /** backward on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void backward(boolean simd, float[] x, int xOff, float[] dy, int dyOff, int n, int c, int hw, float[] gamma,
                                float[] saveMean, float[] saveInvStd, float[] dx, int dxOff,
                                float[] dGamma, float[] dBeta, boolean accumulate) {
        check("batchNorm backward", x, xOff, n, c, hw, gamma, gamma, dy, dyOff);
        Checks.range("batchNorm backward", "dx", dx, dxOff, (long) n * c * hw);
        checkC("batchNorm backward", c, saveMean, saveInvStd, dGamma, dBeta);
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            float mean = saveMean[ch];
            float inv = saveInvStd[ch];
            double sdy = 0;
            double sdyx = 0;
            for (int i = 0; i < n; i++) {
                int o = (i * c + ch) * hw;
                if (simd) {
                    sdy += Reductions.simdSum(dy, dyOff + o, hw);
                    sdyx += simdDotDev(dy, dyOff + o, x, xOff + o, hw, mean);
                } else {
                    sdy += Reductions.scalarSum(dy, dyOff + o, hw);
                    sdyx += scalarDotDev(dy, dyOff + o, x, xOff + o, hw, mean);
                }
            }
            float dG = (float) (sdyx * inv);
            float dB = (float) sdy;
            dGamma[ch] = accumulate ? dGamma[ch] + dG : dG;
            dBeta[ch] = accumulate ? dBeta[ch] + dB : dB;
            float k1 = gamma[ch] * inv;
            float k2 = -k1 * inv * dG / m;
            float k3 = -k1 * dB / m - k2 * mean;
            combineChannel(simd, dy, dyOff, x, xOff, dx, dxOff, n, c, hw, ch, k1, k2, k3, accumulate);
        }
    }

    /** Inference-mode backward: dx = dy·γ/√(rv + eps), dγ = Σdy·x̂, dβ = Σdy (running statistics are constants). */
    public static void backwardInfer(float[] x, int xOff, float[] dy, int dyOff, int n, int c, int hw, float[] gamma,
                                     float eps, float[] runMean, float[] runVar, float[] dx, int dxOff,
                                     float[] dGamma, float[] dBeta, boolean accumulate) {
        backwardInfer(Simd.enabled(), x, xOff, dy, dyOff, n, c, hw, gamma, eps, runMean, runVar, dx, dxOff, dGamma, dBeta, accumulate);
    }

    /** backwardInfer on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void backwardInfer(boolean simd, float[] x, int xOff, float[] dy, int dyOff, int n, int c, int hw, float[] gamma,
                                     float eps, float[] runMean, float[] runVar, float[] dx, int dxOff,
                                     float[] dGamma, float[] dBeta, boolean accumulate) {
        check("batchNorm backwardInfer", x, xOff, n, c, hw, gamma, gamma, dy, dyOff);
        Checks.range("batchNorm backwardInfer", "dx", dx, dxOff, (long) n * c * hw);
        checkC("batchNorm backwardInfer", c, runMean, runVar, dGamma, dBeta);
        for (int ch = 0; ch < c; ch++) {
            float mean = runMean[ch];
            float inv = (float) (1.0 / Math.sqrt(runVar[ch] + (double) eps));
            double sdy = 0;
            double sdyx = 0;
            for (int i = 0; i < n; i++) {
                int o = (i * c + ch) * hw;
                sdy += simd ? Reductions.simdSum(dy, dyOff + o, hw) : Reductions.scalarSum(dy, dyOff + o, hw);
                sdyx += simd ? simdDotDev(dy, dyOff + o, x, xOff + o, hw, mean)
                        : scalarDotDev(dy, dyOff + o, x, xOff + o, hw, mean);
            }
            float dG = (float) (sdyx * inv);
            dGamma[ch] = accumulate ? dGamma[ch] + dG : dG;
            dBeta[ch] = accumulate ? dBeta[ch] + (float) sdy : (float) sdy;
            combineChannel(simd, dy, dyOff, x, xOff, dx, dxOff, n, c, hw, ch, gamma[ch] * inv, 0f, 0f, accumulate);
        }
    }

    // ---- Tensor wrappers -------------------------------------------------------------------

    /**
     * Training-mode forward on [N,F] or [N,C,H,W]; gamma, beta, the running tensors and the save
     * tensors are [C]. Returns a new y.
     */
    public static Tensor forwardTrain(Tensor x, Tensor gamma, Tensor beta, float eps, float momentum,
                                      Tensor runMean, Tensor runVar, Tensor saveMean, Tensor saveInvStd) {
        checkTensors("batchNorm forwardTrain", x, gamma, beta, runMean, runVar, saveMean, saveInvStd);
        Tensor y = Tensor.zeros(x.shape());
        forwardTrain(x.data(), 0, x.dim(0), x.dim(1), Checks.spatial(x), gamma.data(), beta.data(), eps, momentum,
                runMean.data(), runVar.data(), y.data(), 0, saveMean.data(), saveInvStd.data());
        return y;
    }

    /** Inference-mode forward on [N,F] or [N,C,H,W] with [C] parameters and running statistics; returns a new y. */
    public static Tensor forwardInfer(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor runMean, Tensor runVar) {
        checkTensors("batchNorm forwardInfer", x, gamma, beta, runMean, runVar);
        Tensor y = Tensor.zeros(x.shape());
        forwardInfer(x.data(), 0, x.dim(0), x.dim(1), Checks.spatial(x), gamma.data(), beta.data(), eps,
                runMean.data(), runVar.data(), y.data(), 0);
        return y;
    }

    private static void checkTensors(String op, Tensor x, Tensor... perChannel) {
        Checks.rank2or4(op, x);
        for (Tensor t : perChannel) {
            if (t.rank() != 1 || t.dim(0) != x.dim(1)) {
                throw new IllegalArgumentException(op + ": per-channel tensor " + t.shapeString()
                        + " does not match dim 1 of " + x.shapeString());
            }
        }
    }

    // ---- per-channel helpers ---------------------------------------------------------------

    /** y = a·x + b over one channel. */
    private static void affineChannel(boolean simd, float[] x, int xOff, float[] y, int yOff, int n, int c, int hw, int ch,
                                      float a, float b) {
        for (int i = 0; i < n; i++) {
            int o = (i * c + ch) * hw;
            int s = 0;
            if (simd) {
                for (int bound = S.loopBound(hw); s < bound; s += S.length()) {
                    FloatVector.fromArray(S, x, xOff + o + s).fma(a, b).intoArray(y, yOff + o + s);
                }
            }
            for (; s < hw; s++) {
                y[yOff + o + s] = a * x[xOff + o + s] + b;
            }
        }
    }

    /** dx (+)= k1·dy + k2·x + k3 over one channel. */
    private static void combineChannel(boolean simd, float[] dy, int dyOff, float[] x, int xOff, float[] dx, int dxOff,
                                       int n, int c, int hw, int ch, float k1, float k2, float k3, boolean accumulate) {
        for (int i = 0; i < n; i++) {
            int o = (i * c + ch) * hw;
            int s = 0;
            if (simd) {
                for (int bound = S.loopBound(hw); s < bound; s += S.length()) {
                    FloatVector g = FloatVector.fromArray(S, dy, dyOff + o + s).mul(k1)
                            .add(FloatVector.fromArray(S, x, xOff + o + s).fma(k2, k3));
                    if (accumulate) {
                        g = g.add(FloatVector.fromArray(S, dx, dxOff + o + s));
                    }
                    g.intoArray(dx, dxOff + o + s);
                }
            }
            for (; s < hw; s++) {
                float g = k1 * dy[dyOff + o + s] + (k2 * x[xOff + o + s] + k3);
                dx[dxOff + o + s] = accumulate ? dx[dxOff + o + s] + g : g;
            }
        }
    }

    public static double scalarSumSqDev(float[] x, int off, int len, float mean) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            double d = x[off + i] - mean;
            s += d * d;
        }
        return s;
    }

    public static double scalarDotDev(float[] dy, int dyOff, float[] x, int xOff, int len, float mean) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += (double) dy[dyOff + i] * (x[xOff + i] - mean);
        }
        return s;
    }

    public static double simdSumSqDev(float[] x, int off, int len, float mean) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        int l = S.length();
        int i = 0;
        for (int bound2 = len - 2 * l + 1; i < bound2; i += 2 * l) {
            FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(mean);
            FloatVector d1 = FloatVector.fromArray(S, x, off + i + l).sub(mean);
            a0 = d0.fma(d0, a0);
            a1 = d1.fma(d1, a1);
        }
        for (int bound = S.loopBound(len); i < bound; i += l) {
            FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(mean);
            a0 = d0.fma(d0, a0);
        }
        double s = Simd.sumLanes(a0.add(a1));
        for (; i < len; i++) {
            double d = x[off + i] - mean;
            s += d * d;
        }
        return s;
    }

    public static double simdDotDev(float[] dy, int dyOff, float[] x, int xOff, int len, float mean) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        int l = S.length();
        int i = 0;
        for (int bound2 = len - 2 * l + 1; i < bound2; i += 2 * l) {
            a0 = FloatVector.fromArray(S, x, xOff + i).sub(mean).fma(FloatVector.fromArray(S, dy, dyOff + i), a0);
            a1 = FloatVector.fromArray(S, x, xOff + i + l).sub(mean).fma(FloatVector.fromArray(S, dy, dyOff + i + l), a1);
        }
        for (int bound = S.loopBound(len); i < bound; i += l) {
            a0 = FloatVector.fromArray(S, x, xOff + i).sub(mean).fma(FloatVector.fromArray(S, dy, dyOff + i), a0);
        }
        double s = Simd.sumLanes(a0.add(a1));
        for (; i < len; i++) {
            s += (double) dy[dyOff + i] * (x[xOff + i] - mean);
        }
        return s;
    }

    private static void check(String op, float[] x, int xOff, int n, int c, int hw, float[] gamma, float[] beta,
                              float[] y, int yOff) {
        Checks.positive(op, n, c, hw);
        Checks.range(op, "x", x, xOff, (long) n * c * hw);
        Checks.range(op, "y/dy", y, yOff, (long) n * c * hw);
        Checks.range(op, "gamma", gamma, 0, c);
        Checks.range(op, "beta", beta, 0, c);
    }

    private static void checkC(String op, int c, float[]... perChannel) {
        for (float[] a : perChannel) {
            Checks.range(op, "per-channel array", a, 0, c);
        }
    }
}
