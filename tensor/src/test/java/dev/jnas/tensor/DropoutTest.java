package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DropoutTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void mask_sameSeed_isReproducibleAndKeepsAboutOneMinusP(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float p = (float) (0.1 + 0.8 * rng.nextDouble());
        int n = 4000;
        float[] a = new float[n];
        float[] b = new float[n];
        Dropout.fillMask(new SplittableRandom(seed), p, a, 0, n);
        Dropout.fillMask(new SplittableRandom(seed), p, b, 0, n);
        assertArrayEquals(a, b);
        int kept = 0;
        for (float m : a) {
            assertTrue(m == 0f || m == 1f / (1f - p), "mask value " + m);
            kept += m != 0f ? 1 : 0;
        }
        // Binomial(4000, 1-p): standard deviation at most ~32; 6 sigma bound.
        assertEquals((1 - p) * n, kept, 6 * Math.sqrt(n * p * (1 - p)) + 1, "kept count for p=" + p);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void backward_isDyTimesMask_andAccumulates(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = SeededCases.tailSize(rng);
        Tensor x = Tensor.uniform(rng, -1, 1, n);
        Tensor[] ym = Dropout.apply(x, 0.5f, new SplittableRandom(seed));
        float[] mask = ym[1].data();
        float[] dy = SeededCases.randomArray(rng, n);
        float[] dx = SeededCases.randomArray(rng, n);
        float[] before = dx.clone();
        Dropout.backward(dy, 0, mask, 0, dx, 0, n, true);
        for (int i = 0; i < n; i++) {
            assertEquals(x.data()[i] * mask[i], ym[0].data()[i], 0f);
            assertEquals(before[i] + dy[i] * mask[i], dx[i], 1e-6);
        }
    }

    @Test
    void fillMask_probabilityOne_throwsNamingOp() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dropout.fillMask(new SplittableRandom(1), 1f, new float[4], 0, 4));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }
}
