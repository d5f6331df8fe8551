package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Transpose}: the 16×16 blocks (with the bias) and the 12-row panel transposition equal plain
 * element-by-element copies bit for bit, on pixel counts and offsets that hit the tails.
 */
class TransposeTest {
    private static final String SEEDS = "dev.jnas.tensor.SeededCases#seeds";

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void toChannels_pixelTails_equalsScalarTranspose(long seed) {
        assumeTrue(Transpose.supported(), "16x16 blocks need 16-float vectors");
        var rng = new SplittableRandom(seed);
        int k = 16 * (1 + rng.nextInt(4));
        int pq = rng.nextBoolean() ? SeededCases.tailSize(rng) : 1 + rng.nextInt(800);
        float[] src = SeededCases.randomArray(rng, pq * k);
        float[] bias = SeededCases.randomArray(rng, k);
        int dstOff = rng.nextInt(9);
        float[] expected = SeededCases.randomArray(rng, dstOff + k * pq + 5);
        float[] actual = expected.clone();
        Transpose.scalarToChannels(src, k, pq, bias, expected, dstOff);
        Transpose.toChannels(src, k, pq, bias, actual, dstOff);
        assertSameBits(expected, actual, "k " + k + " pq " + pq);
    }

    @Test
    void blocks_inSlices_equalsOneCall() {
        assumeTrue(Transpose.supported());
        var rng = new SplittableRandom(7);
        int k = 64;
        int pq = 196;
        float[] src = SeededCases.randomArray(rng, pq * k);
        float[] bias = SeededCases.randomArray(rng, k);
        float[] whole = new float[k * pq];
        float[] sliced = new float[k * pq];
        int count = Transpose.blockCount(k, pq);
        Transpose.blocks(src, k, pq, bias, whole, 0, 0, count);
        for (int b = 0; b < count; b += 5) {
            Transpose.blocks(src, k, pq, bias, sliced, 0, b, Math.min(b + 5, count));
        }
        assertArrayEquals(whole, sliced);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void panel12_randomStridesAndOffsets_equalsElementCopies(long seed) {
        assumeTrue(Transpose.supported());
        var rng = new SplittableRandom(seed);
        int lds = 16 + rng.nextInt(50);
        int s = rng.nextInt(20);
        float[] src = SeededCases.randomArray(rng, s + 12 * lds);
        int d = rng.nextInt(13);
        float[] actual = SeededCases.randomArray(rng, d + 16 * 12 + 4 + rng.nextInt(3));
        float[] expected = actual.clone();
        for (int j = 0; j < 16; j++) {
            for (int r = 0; r < 12; r++) {
                expected[d + 12 * j + r] = src[s + r * lds + j];
            }
        }
        Transpose.panel12(src, s, lds, actual, d);
        // The 4 floats past the 16 groups are the documented spill: only the groups are compared.
        assertSameBits(java.util.Arrays.copyOfRange(expected, d, d + 192),
                java.util.Arrays.copyOfRange(actual, d, d + 192), "lds " + lds);
        assertSameBits(java.util.Arrays.copyOfRange(expected, 0, d), java.util.Arrays.copyOfRange(actual, 0, d), "before d");
    }
}
