package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BatchNormTest {
    private static final float EPS = 1e-5f;

    /** A random case: x [n, c, hw] with per-channel offsets, gamma, beta, upstream weights w. */
    private record Case(int n, int c, int hw, float[] x, float[] gamma, float[] beta, float[] w) {
        static Case random(SplittableRandom rng) {
            int n = 1 + rng.nextInt(4);
            int c = 1 + rng.nextInt(4);
            int hw = rng.nextBoolean() ? 1 : SeededCases.tailSize(rng);
            if (n * hw == 1) {
                n = 2;
            }
            float[] x = SeededCases.randomArray(rng, n * c * hw);
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] * 2 + ((i / hw) % c);
            }
            return new Case(n, c, hw, x, SeededCases.randomArray(rng, c), SeededCases.randomArray(rng, c),
                    SeededCases.randomArray(rng, n * c * hw));
        }

        /** Double twin: Σ w·BN(x) with batch statistics (train) or given running statistics (infer). */
        double loss(double[] xd, double[] g, double[] b, boolean train, float[] rm, float[] rv) {
            double total = 0;
            int m = n * hw;
            for (int ch = 0; ch < c; ch++) {
                double mean = 0;
                double var = 0;
                if (train) {
                    for (int i = 0; i < n; i++) {
                        for (int s = 0; s < hw; s++) {
                            mean += xd[(i * c + ch) * hw + s];
                        }
                    }
                    mean /= m;
                    for (int i = 0; i < n; i++) {
                        for (int s = 0; s < hw; s++) {
                            double d = xd[(i * c + ch) * hw + s] - mean;
                            var += d * d;
                        }
                    }
                    var /= m;
                } else {
                    mean = rm[ch];
                    var = rv[ch];
                }
                double inv = 1 / Math.sqrt(var + EPS);
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < hw; s++) {
                        int k = (i * c + ch) * hw + s;
                        total += w[k] * (g[ch] * (xd[k] - mean) * inv + b[ch]);
                    }
                }
            }
            return total;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void simdAndScalar_trainForwardAndBackward_agree(long seed) {
        Case k = Case.random(new SplittableRandom(seed));
        int len = k.x.length;
        float[][] out = new float[2][];
        float[][] grads = new float[2][];
        float[][] runs = new float[2][];
        for (int p = 0; p < 2; p++) {
            boolean simd = p == 1;
            float[] rm = new float[k.c];
            float[] rv = new float[k.c];
            java.util.Arrays.fill(rv, 1f);
            float[] y = new float[len];
            float[] mean = new float[k.c];
            float[] inv = new float[k.c];
            BatchNorm.forwardTrain(simd, k.x, 0, k.n, k.c, k.hw, k.gamma, k.beta, EPS, 0.1f, rm, rv, y, 0, mean, inv);
            float[] dx = new float[len];
            float[] dg = new float[k.c];
            float[] db = new float[k.c];
            BatchNorm.backward(simd, k.x, 0, k.w, 0, k.n, k.c, k.hw, k.gamma, mean, inv, dx, 0, dg, db, false);
            out[p] = y;
            grads[p] = concat(dx, dg, db);
            runs[p] = concat(rm, rv);
        }
        assertClose(out[0], out[1], 1e-4, 1e-5, "forward");
        assertClose(grads[0], grads[1], 1e-3, 1e-4, "backward");
        assertClose(runs[0], runs[1], 1e-5, 1e-6, "running stats");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void trainBackward_matchesFiniteDifferencesOfDoubleTwin(long seed) {
        Case k = Case.random(new SplittableRandom(seed));
        float[] rm = new float[k.c];
        float[] rv = new float[k.c];
        float[] y = new float[k.x.length];
        float[] mean = new float[k.c];
        float[] inv = new float[k.c];
        BatchNorm.forwardTrain(k.x, 0, k.n, k.c, k.hw, k.gamma, k.beta, EPS, 0.1f, rm, rv, y, 0, mean, inv);
        float[] dx = new float[k.x.length];
        float[] dg = new float[k.c];
        float[] db = new float[k.c];
        BatchNorm.backward(k.x, 0, k.w, 0, k.n, k.c, k.hw, k.gamma, mean, inv, dx, 0, dg, db, false);
        double[] xd = Fd.toDouble(k.x);
        double[] gd = Fd.toDouble(k.gamma);
        double[] bd = Fd.toDouble(k.beta);
        Fd.assertGradClose(Fd.grad(v -> k.loss(v, gd, bd, true, null, null), xd, 1e-5), dx, 2e-3, "dx");
        Fd.assertGradClose(Fd.grad(v -> k.loss(xd, v, bd, true, null, null), gd, 1e-5), dg, 1e-3, "dGamma");
        Fd.assertGradClose(Fd.grad(v -> k.loss(xd, gd, v, true, null, null), bd, 1e-5), db, 1e-3, "dBeta");
        assertEquals(k.loss(xd, gd, bd, true, null, null), dot(k.w, y), 1e-3 * Math.max(1, Math.abs(dot(k.w, y))),
                "forward");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void inferBackward_matchesFiniteDifferencesOfDoubleTwin(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Case k = Case.random(rng);
        float[] rm = SeededCases.randomArray(rng, k.c);
        float[] rv = new float[k.c];
        for (int i = 0; i < k.c; i++) {
            rv[i] = 0.5f + (float) rng.nextDouble();
        }
        float[] y = new float[k.x.length];
        BatchNorm.forwardInfer(k.x, 0, k.n, k.c, k.hw, k.gamma, k.beta, EPS, rm, rv, y, 0);
        double[] xd = Fd.toDouble(k.x);
        double[] gd = Fd.toDouble(k.gamma);
        double[] bd = Fd.toDouble(k.beta);
        assertEquals(k.loss(xd, gd, bd, false, rm, rv), dot(k.w, y), 1e-3 * Math.max(1, Math.abs(dot(k.w, y))));
        float[] dx = new float[k.x.length];
        float[] dg = new float[k.c];
        float[] db = new float[k.c];
        BatchNorm.backwardInfer(k.x, 0, k.w, 0, k.n, k.c, k.hw, k.gamma, EPS, rm, rv, dx, 0, dg, db, false);
        Fd.assertGradClose(Fd.grad(v -> k.loss(v, gd, bd, false, rm, rv), xd, 1e-5), dx, 1e-3, "dx");
        Fd.assertGradClose(Fd.grad(v -> k.loss(xd, v, bd, false, rm, rv), gd, 1e-5), dg, 1e-3, "dGamma");
        Fd.assertGradClose(Fd.grad(v -> k.loss(xd, gd, v, false, rm, rv), bd, 1e-5), db, 1e-3, "dBeta");
    }

    @Test
    void forwardTrain_updatesRunningStatsWithMomentumAndUnbiasedVariance() {
        float[] x = {1f, 3f, 5f, 7f}; // [N=4, F=1]: mean 4, biased var 5, unbiased var 20/3
        float[] rm = {1f};
        float[] rv = {1f};
        float[] y = new float[4];
        float[] mean = new float[1];
        float[] inv = new float[1];
        BatchNorm.forwardTrain(x, 0, 4, 1, 1, new float[] {1f}, new float[] {0f}, 0f, 0.1f, rm, rv, y, 0, mean, inv);
        assertEquals(0.9f + 0.4f, rm[0], 1e-6);
        assertEquals(0.9 + 0.1 * 20.0 / 3, rv[0], 1e-5);
        assertEquals(-3 / Math.sqrt(5), y[0], 1e-5);
    }

    @Test
    void forwardTrain_gammaTooShort_throwsNamingOp() {
        var e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.forwardTrain(new float[12], 0, 2, 3, 2,
                new float[2], new float[3], EPS, 0.1f, new float[3], new float[3], new float[12], 0,
                new float[3], new float[3]));
        assertTrue(e.getMessage().contains("batchNorm forwardTrain") && e.getMessage().contains("gamma"), e.getMessage());
    }

    @Test
    void forwardInfer_tensorParameterWrongLength_throwsNamingShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.forwardInfer(Tensor.zeros(2, 3, 4, 4),
                Tensor.zeros(3), Tensor.zeros(3), EPS, Tensor.zeros(4), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[2, 3, 4, 4]"), e.getMessage());
    }

    @Test
    void forwardTrain_tensorForm_normalisesEachChannel() {
        Tensor x = Tensor.uniform(new SplittableRandom(11), -3, 5, 4, 2, 3, 3);
        Tensor y = BatchNorm.forwardTrain(x, Tensor.zeros(2).fill(1f), Tensor.zeros(2), EPS, 0.1f, Tensor.zeros(2),
                Tensor.zeros(2).fill(1f), Tensor.zeros(2), Tensor.zeros(2));
        for (int ch = 0; ch < 2; ch++) {
            double s = 0;
            double sq = 0;
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < 9; k++) {
                    double v = y.data()[(i * 2 + ch) * 9 + k];
                    s += v;
                    sq += v * v;
                }
            }
            assertEquals(0, s / 36, 1e-5, "channel mean");
            assertEquals(1, sq / 36, 1e-3, "channel variance");
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
