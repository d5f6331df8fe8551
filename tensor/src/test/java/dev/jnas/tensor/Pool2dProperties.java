package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static dev.jnas.tensor.TensorAssert.relError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded properties of {@link Pool2d}: SIMD against the reference, gradients against finite differences. */
class Pool2dProperties {
    private static final String SEEDS = "dev.jnas.tensor.SeededCases#seeds";

    /** Half the cases use the 2x2 stride-2 window (the SIMD kernel), with widths hitting vector tails. */
    static PoolShape randomShape(SplittableRandom rng, boolean small) {
        int n = 1 + rng.nextInt(small ? 2 : 3);
        int c = small ? 1 + rng.nextInt(3) : ConvCases.CHANNELS[rng.nextInt(ConvCases.CHANNELS.length)];
        int h = small ? 1 + rng.nextInt(8) : 1 + rng.nextInt(20);
        int w = small ? 1 + rng.nextInt(8) : (rng.nextBoolean() ? 2 * SeededCases.tailSize(rng) + rng.nextInt(2)
                : 1 + rng.nextInt(40));
        if (rng.nextBoolean() && h >= 2 && w >= 2) {
            return new PoolShape(n, c, h, w, 2, 2, 0);
        }
        int kh = 1 + rng.nextInt(Math.min(5, h + 2));
        int kw = 1 + rng.nextInt(Math.min(5, w + 2));
        int ph = rng.nextInt(kh / 2 + 1);
        int pw = rng.nextInt(kw / 2 + 1);
        kh = Math.min(kh, h + 2 * ph);
        kw = Math.min(kw, w + 2 * pw);
        int sh = 1 + rng.nextInt(rng.nextInt(4) == 0 ? 6 : 3);
        int sw = 1 + rng.nextInt(3);
        return new PoolShape(n, c, h, w, kh, kw, sh, sw, ph, pw);
    }

    /** Distinct values 0.01 apart in random order, so a small perturbation never changes a window's maximum. */
    private static float[] distinct(SplittableRandom rng, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (i - size / 2) * 0.01f;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void simdMaxPool_randomShapes_equalsScalarExactly(long seed) {
        var rng = new SplittableRandom(seed);
        PoolShape g = randomShape(rng, false);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        if (rng.nextBoolean()) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.round(x[i] * 2) / 2f; // many ties: the first cell must win in both paths
            }
        }
        float[] y0 = new float[g.outputSize()];
        float[] y1 = new float[g.outputSize()];
        int[] a0 = new int[g.outputSize()];
        int[] a1 = new int[g.outputSize()];
        Pool2d.scalarMaxPoolForward(g, x, y0, a0);
        Pool2d.simdMaxPoolForward(g, x, y1, a1);
        assertArrayEquals(y0, y1, g.toString());
        assertArrayEquals(a0, a1, "argmax " + g);
        float[] y2 = new float[g.outputSize()];
        Pool2d.simdMaxPoolForward(g, x, y2, null);
        assertArrayEquals(y0, y2, "no argmax " + g);
        for (int o = 0; o < y0.length; o++) {
            assertTrue(x[a0[o]] == y0[o], "argmax must point at the maximum, " + g);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void simdAvgAndGlobalPool_randomShapes_matchScalar(long seed) {
        var rng = new SplittableRandom(seed);
        PoolShape g = randomShape(rng, false);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] y0 = new float[g.outputSize()];
        float[] y1 = new float[g.outputSize()];
        Pool2d.scalarAvgPoolForward(g, x, y0);
        Pool2d.simdAvgPoolForward(g, x, y1);
        assertClose(y0, y1, 1e-6, 1e-7, "avg " + g);
        int planes = g.n() * g.c(), hw = g.h() * g.w();
        float[] gy0 = new float[planes];
        float[] gy1 = new float[planes];
        Pool2d.scalarGlobalAvgPoolForward(planes, hw, x, gy0);
        Pool2d.simdGlobalAvgPoolForward(planes, hw, x, gy1);
        assertClose(gy0, gy1, 1e-5, 1e-6, "global " + g);
    }

    private interface Forward {
        void run(float[] x, float[] y);
    }

    /** Checks analytic dx against central differences of sum(Y·G) (double accumulation) at sampled inputs. */
    private static void gradCheck(float[] x, float[] gy, Forward f, float[] dx, float eps, String ctx,
                                  SplittableRandom rng) {
        float[] y = new float[gy.length];
        int probes = Math.min(x.length, 24);
        for (int probe = 0; probe < probes; probe++) {
            int i = x.length <= 24 ? probe : rng.nextInt(x.length);
            float saved = x[i];
            x[i] = saved + eps;
            f.run(x, y);
            double plus = dot(y, gy);
            x[i] = saved - eps;
            f.run(x, y);
            double minus = dot(y, gy);
            x[i] = saved;
            double numeric = (plus - minus) / (2.0 * eps);
            assertTrue(relError(numeric, dx[i]) < 1e-3, ctx + ": dX[" + i + "] " + dx[i] + " vs numeric " + numeric);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void poolBackward_randomSmallShapes_matchesFiniteDifferences(long seed) {
        var rng = new SplittableRandom(seed);
        PoolShape g = randomShape(rng, true);
        float[] x = distinct(rng, g.inputSize());
        int out = g.outputSize();
        float[] gy = SeededCases.randomArray(rng, out);
        int[] argmax = new int[out];
        Pool2d.maxPoolForward(g, x, new float[out], argmax);
        float[] dxMax = new float[g.inputSize()];
        Pool2d.maxPoolBackward(g, gy, argmax, dxMax);
        gradCheck(x, gy, (xi, yi) -> Pool2d.scalarMaxPoolForward(g, xi, yi, null), dxMax, 1e-3f, "max " + g, rng);

        float[] dxAvg = new float[g.inputSize()];
        Pool2d.avgPoolBackward(g, gy, dxAvg);
        gradCheck(x, gy, (xi, yi) -> Pool2d.scalarAvgPoolForward(g, xi, yi), dxAvg, 1e-2f, "avg " + g, rng);

        int planes = g.n() * g.c(), hw = g.h() * g.w();
        float[] gyGlobal = SeededCases.randomArray(rng, planes);
        float[] dxGlobal = new float[g.inputSize()];
        Pool2d.globalAvgPoolBackward(planes, hw, gyGlobal, dxGlobal);
        gradCheck(x, gyGlobal, (xi, yi) -> Pool2d.scalarGlobalAvgPoolForward(planes, hw, xi, yi), dxGlobal, 1e-2f, "global " + g, rng);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void maxPoolBackward_randomWindowsOddSizes_matchesWholeArrayReference(long seed) {
        var rng = new SplittableRandom(seed);
        PoolShape g = rng.nextBoolean() ? randomShape(rng, true)
                : new PoolShape(1 + rng.nextInt(3), 1 + rng.nextInt(3), 2 + rng.nextInt(9), 2 + rng.nextInt(9),
                        2, 2, 2, 2, 0, 0);
        float[] x = distinct(rng, g.inputSize());
        int out = g.outputSize();
        int[] argmax = new int[out];
        Pool2d.maxPoolForward(g, x, new float[out], argmax);
        float[] dy = SeededCases.randomArray(rng, out);
        float[] expected = SeededCases.randomArray(rng, g.inputSize());
        float[] actual = SeededCases.randomArray(rng, g.inputSize());
        Pool2d.scalarMaxPoolBackward(g, dy, argmax, expected);
        Pool2d.maxPoolBackward(g, dy, argmax, actual);
        assertArrayEquals(expected, actual, "max pool backward " + g);
    }
}
