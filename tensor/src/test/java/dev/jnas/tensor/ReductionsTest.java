package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReductionsTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void sumAndMax_simdAndScalar_agree(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = SeededCases.tailSize(rng) + 64 * rng.nextInt(3);
        int off = rng.nextInt(5);
        float[] x = SeededCases.randomArray(rng, n + off);
        assertEquals(Reductions.scalarSum(x, off, n), Reductions.simdSum(x, off, n), 1e-5 * n, "sum n=" + n);
        assertEquals(Reductions.scalarMax(x, off, n), Reductions.simdMax(x, off, n), 0f, "max n=" + n);
        float m = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            m = Math.max(m, x[i]);
        }
        assertEquals(m, Reductions.max(x, off, n), 0f);
        assertEquals(Reductions.sum(x, off, n) / n, Reductions.mean(x, off, n), 1e-6);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void sumRowsAndChannels_simdAndScalar_matchDefinition(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(4);
        int c = 1 + rng.nextInt(6);
        int hw = SeededCases.tailSize(rng);
        float[] x = SeededCases.randomArray(rng, n * c * hw);
        boolean acc = rng.nextBoolean();
        float[] init = SeededCases.randomArray(rng, c * hw);
        float[] rs = init.clone();
        float[] rv = init.clone();
        Reductions.scalarSumRows(x, 0, n, c * hw, rs, 0, acc);
        Reductions.simdSumRows(x, 0, n, c * hw, rv, 0, acc);
        assertClose(rs, rv, 1e-5, 1e-5, "sumRows");
        float[] cs = new float[c];
        float[] cv = new float[c];
        System.arraycopy(init, 0, cs, 0, c);
        System.arraycopy(init, 0, cv, 0, c);
        Reductions.sumChannels(false, x, 0, n, c, hw, cs, 0, acc);
        Reductions.sumChannels(true, x, 0, n, c, hw, cv, 0, acc);
        assertClose(cs, cv, 1e-5, 1e-5, "sumChannels");
        for (int ch = 0; ch < c; ch++) {
            double s = acc ? init[ch] : 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    s += x[(i * c + ch) * hw + k];
                }
            }
            assertEquals(s, cv[ch], 1e-4, "channel " + ch);
        }
    }

    @Test
    void sumPerFeature_rank3_throwsNamingShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Reductions.sumPerFeature(Tensor.zeros(2, 3, 4)));
        assertTrue(e.getMessage().contains("sumPerFeature") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }

    @Test
    void max_rangeOutsideArray_throwsNamingOp() {
        var e = assertThrows(IllegalArgumentException.class, () -> Reductions.max(new float[4], 2, 3));
        assertTrue(e.getMessage().startsWith("max"), e.getMessage());
    }
}
