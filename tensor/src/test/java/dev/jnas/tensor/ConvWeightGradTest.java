package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lane-wise dot-product weight gradient against plain double sums (block edges, masked tails,
 * accumulation over several calls), and the conv weight gradient on shapes above its size limit, which
 * take the packed GEMM path instead.
 */
class ConvWeightGradTest {
    private static final String SEEDS = "dev.jnas.tensor.SeededCases#seeds";

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void accumulate_randomSizes_matchesDoubleDotProducts(long seed) {
        var rng = new SplittableRandom(seed);
        int m = 1 + rng.nextInt(11);
        int n = 1 + rng.nextInt(11);
        int len = 1 + rng.nextInt(100);
        int lda = len + rng.nextInt(5);
        int ldb = len + rng.nextInt(5);
        int calls = 1 + rng.nextInt(3);
        float[] lanes = new float[ConvWeightGrad.laneSize(m, n)];
        double[] expected = new double[m * n];
        for (int call = 0; call < calls; call++) {
            int aOff = rng.nextInt(4);
            int bOff = rng.nextInt(4);
            // exact-length arrays, so masked tail loads at the array end are exercised too
            float[] a = SeededCases.randomArray(rng, aOff + (m - 1) * lda + len);
            float[] b = SeededCases.randomArray(rng, bOff + (n - 1) * ldb + len);
            ConvWeightGrad.accumulate(m, n, len, a, aOff, lda, b, bOff, ldb, lanes);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int t = 0; t < len; t++) {
                        expected[i * n + j] += (double) a[aOff + i * lda + t] * b[bOff + j * ldb + t];
                    }
                }
            }
        }
        float[] base = SeededCases.randomArray(rng, m * n + 2);
        boolean acc = rng.nextBoolean();
        float[] out = base.clone();
        ConvWeightGrad.reduceInto(m * n, lanes, out, 2, acc);
        float[] want = base.clone();
        for (int e = 0; e < m * n; e++) {
            want[2 + e] = (float) ((acc ? base[2 + e] : 0) + expected[e]);
        }
        assertClose(want, out, 1e-4, 1e-4 * Math.sqrt(len * calls), "m=" + m + " n=" + n + " len=" + len);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void simdBackwardWeights_manyOutputs_matchesScalar(long seed) {
        var rng = new SplittableRandom(seed);
        int c = 24 + rng.nextInt(16);
        int k = 24 + rng.nextInt(16);  // k·c·9 > MAX_OUTPUTS: the GEMM path
        int hw = 3 + rng.nextInt(6);
        ConvShape g = new ConvShape(1 + rng.nextInt(3), c, hw, hw, k, 3, 3, 1, 1, 1, 1);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] dy = SeededCases.randomArray(rng, g.outputSize());
        float[] dwRef = new float[g.weightSize()];
        float[] dbRef = new float[k];
        Conv2d.scalarBackwardWeights(g, x, dy, dwRef, dbRef, false);
        float[] dw = new float[g.weightSize()];
        float[] db = new float[k];
        Conv2d.simdBackwardWeights(g, x, dy, dw, db, false);
        assertClose(dwRef, dw, 1e-4, 1e-4 * Math.sqrt(g.n() * g.p() * g.q()), "dW " + g);
        assertClose(dbRef, db, 1e-4, 1e-4 * Math.sqrt(g.n() * g.p() * g.q()), "dBias " + g);
    }
}
