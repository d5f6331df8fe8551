package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static dev.jnas.tensor.TensorAssert.relError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded properties of {@link Conv2d}: the GEMM path against the reference, and gradients against finite differences. */
class Conv2dProperties {
    private static final String SEEDS = "dev.jnas.tensor.SeededCases#seeds";

    /** Runs body with the kernel pool at {@code t} threads, restoring the previous count. */
    private static void withThreads(int t, Runnable body) {
        int old = Parallel.threads();
        Parallel.setThreads(t);
        try {
            body.run();
        } finally {
            Parallel.setThreads(old);
        }
    }

    private static double atol(ConvShape g, int terms) {
        return 2e-6 * Math.max(1, terms) + 1e-6;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void simdForward_randomShapes_matchesScalar(long seed) {
        var rng = new SplittableRandom(seed);
        ConvShape g = ConvCases.random(rng, false);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] w = SeededCases.randomArray(rng, g.weightSize());
        float[] b = rng.nextBoolean() ? SeededCases.randomArray(rng, g.k()) : null;
        float[] expected = new float[g.outputSize()];
        Conv2d.scalarForward(g, x, w, b, expected);
        for (int t : new int[] {1, 2}) {
            float[] y = SeededCases.randomArray(rng, g.outputSize()); // stale contents must be overwritten
            withThreads(t, () -> Conv2d.simdForward(g, x, w, b, y));
            assertClose(expected, y, 1e-4, atol(g, g.c() * g.r() * g.s()), g + " threads " + t);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void simdBackwardInput_randomShapes_matchesScalar(long seed) {
        var rng = new SplittableRandom(seed);
        ConvShape g = ConvCases.random(rng, false);
        float[] dy = SeededCases.randomArray(rng, g.outputSize());
        float[] w = SeededCases.randomArray(rng, g.weightSize());
        float[] expected = new float[g.inputSize()];
        Conv2d.scalarBackwardInput(g, dy, w, expected);
        for (int t : new int[] {1, 2}) {
            float[] dx = SeededCases.randomArray(rng, g.inputSize());
            withThreads(t, () -> Conv2d.simdBackwardInput(g, dy, w, dx));
            assertClose(expected, dx, 1e-4, atol(g, g.k() * g.r() * g.s()), g + " threads " + t);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void simdBackwardWeights_randomShapes_matchesScalar(long seed) {
        var rng = new SplittableRandom(seed);
        ConvShape g = ConvCases.random(rng, false);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] dy = SeededCases.randomArray(rng, g.outputSize());
        boolean accumulate = rng.nextBoolean();
        float[] dw0 = SeededCases.randomArray(rng, g.weightSize());
        float[] db0 = SeededCases.randomArray(rng, g.k());
        float[] dwRef = dw0.clone();
        float[] dbRef = db0.clone();
        Conv2d.scalarBackwardWeights(g, x, dy, dwRef, dbRef, accumulate);
        int terms = g.n() * g.p() * g.q();
        float[][] byThreads = new float[2][];
        for (int t : new int[] {1, 2}) {
            float[] dw = dw0.clone();
            float[] db = db0.clone();
            withThreads(t, () -> Conv2d.simdBackwardWeights(g, x, dy, dw, db, accumulate));
            assertClose(dwRef, dw, 1e-4, atol(g, terms), "dW " + g + " threads " + t);
            assertClose(dbRef, db, 1e-4, atol(g, terms), "dBias " + g + " threads " + t);
            byThreads[t - 1] = dw;
        }
        // the chunked batch sum has a fixed order, so the thread count must not change a single bit
        assertArrayEquals(byThreads[0], byThreads[1], "dW differs between 1 and 2 threads for " + g);
    }

    /** sum(Y·G) in double, Y from the float reference forward. */
    private static double loss(ConvShape g, float[] x, float[] w, float[] b, float[] gy) {
        float[] y = new float[g.outputSize()];
        Conv2d.scalarForward(g, x, w, b, y);
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l += (double) y[i] * gy[i];
        }
        return l;
    }

    /** Central difference of the loss with respect to a[i]. */
    private static double numeric(ConvShape g, float[] x, float[] w, float[] b, float[] gy, float[] a, int i) {
        final float eps = 1e-2f;
        float saved = a[i];
        a[i] = saved + eps;
        double plus = loss(g, x, w, b, gy);
        a[i] = saved - eps;
        double minus = loss(g, x, w, b, gy);
        a[i] = saved;
        return (plus - minus) / (2.0 * eps);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void backward_randomSmallShapes_matchesFiniteDifferences(long seed) {
        var rng = new SplittableRandom(seed);
        ConvShape g = ConvCases.random(rng, true);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] w = SeededCases.randomArray(rng, g.weightSize());
        float[] b = SeededCases.randomArray(rng, g.k());
        float[] gy = SeededCases.randomArray(rng, g.outputSize());
        float[][] dx = {new float[g.inputSize()], new float[g.inputSize()]};
        float[][] dw = {new float[g.weightSize()], new float[g.weightSize()]};
        float[][] db = {new float[g.k()], new float[g.k()]};
        Conv2d.scalarBackwardInput(g, gy, w, dx[0]);
        Conv2d.simdBackwardInput(g, gy, w, dx[1]);
        Conv2d.scalarBackwardWeights(g, x, gy, dw[0], db[0], false);
        Conv2d.simdBackwardWeights(g, x, gy, dw[1], db[1], false);
        int checked = 0;
        for (int probe = 0; probe < 12; probe++) {
            int i = rng.nextInt(g.inputSize());
            int j = rng.nextInt(g.weightSize());
            double nx = numeric(g, x, w, b, gy, x, i);
            double nw = numeric(g, x, w, b, gy, w, j);
            for (int impl = 0; impl < 2; impl++) {
                String ctx = (impl == 0 ? "scalar " : "simd ") + g;
                assertTrue(relError(nx, dx[impl][i]) < 1e-3, ctx + ": dX[" + i + "] " + dx[impl][i] + " vs numeric " + nx);
                assertTrue(relError(nw, dw[impl][j]) < 1e-3, ctx + ": dW[" + j + "] " + dw[impl][j] + " vs numeric " + nw);
                checked += 2;
            }
        }
        for (int kk = 0; kk < g.k(); kk++) {
            double nb = numeric(g, x, w, b, gy, b, kk);
            for (int impl = 0; impl < 2; impl++) {
                assertTrue(relError(nb, db[impl][kk]) < 1e-3, g + ": dBias[" + kk + "] " + db[impl][kk] + " vs " + nb);
            }
        }
        assertTrue(checked > 0);
    }
}
