package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The single same-padding rule shared by shape inference and model builders. */
class SamePaddingTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void outputSize_same_isCeilOfInputOverStride(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            int in = 1 + rng.nextInt(64);
            int k = 1 + rng.nextInt(7);
            int s = 1 + rng.nextInt(4);
            int out = Padding.SAME.outputSize(in, k, s);
            assertEquals((in + s - 1) / s, out, "in=" + in + " k=" + k + " s=" + s);
            assertEquals(k - 1, Padding.SAME.before(k) + Padding.SAME.after(k));
            // Every output position's window starts inside the real input (no window of pure padding).
            assertTrue((out - 1) * s - Padding.SAME.before(k) < in);
        }
    }

    @Test
    void before_after_symmetricForOddKernelsExtraBottomRightForEven() {
        assertEquals(1, Padding.SAME.before(3));
        assertEquals(1, Padding.SAME.after(3));
        assertEquals(2, Padding.SAME.before(5));
        assertTrue(Padding.SAME.isSymmetric(7));
        assertEquals(0, Padding.SAME.before(2));
        assertEquals(1, Padding.SAME.after(2));
        assertEquals(1, Padding.SAME.before(4));
        assertEquals(2, Padding.SAME.after(4));
        assertEquals(false, Padding.SAME.isSymmetric(4));
        assertEquals(3, Padding.of(3).after(5));
        assertEquals(0, Padding.VALID.before(5));
    }

    @Test
    void outputSize_kernelLargerThanPaddedInput_isNotPositive() {
        assertTrue(Padding.VALID.outputSize(3, 5, 1) <= 0);
        assertTrue(Padding.of(1).outputSize(2, 5, 1) <= 0);
        assertEquals(1, Padding.of(1).outputSize(3, 5, 1));
    }
}
