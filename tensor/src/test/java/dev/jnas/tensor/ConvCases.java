package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Random convolution geometries for property tests: tail-hitting sizes, strides beyond the kernel, padding. */
final class ConvCases {
    static final int[] CHANNELS = {1, 3, 7, 15, 16, 17};
    static final int[] SPATIAL = {1, 2, 3, 5, 7, 8, 9, 15, 16, 17};

    private ConvCases() {
    }

    /** A valid geometry; {@code small} keeps it cheap enough for finite differences. */
    static ConvShape random(SplittableRandom rng, boolean small) {
        int n = 1 + rng.nextInt(small ? 2 : 4);
        int c = small ? 1 + rng.nextInt(3) : CHANNELS[rng.nextInt(CHANNELS.length)];
        int k = small ? 1 + rng.nextInt(3) : CHANNELS[rng.nextInt(CHANNELS.length)];
        int h = small ? 1 + rng.nextInt(7) : SPATIAL[rng.nextInt(SPATIAL.length)];
        int w = small ? 1 + rng.nextInt(7) : SPATIAL[rng.nextInt(SPATIAL.length)];
        int padH = rng.nextInt(4) == 0 ? 0 : rng.nextInt(3);
        int padW = rng.nextBoolean() ? padH : rng.nextInt(3);
        int r = 1 + rng.nextInt(Math.min(7, h + 2 * padH));
        int s = rng.nextInt(3) == 0 ? r : 1 + rng.nextInt(Math.min(7, w + 2 * padW));
        s = Math.min(s, w + 2 * padW);
        int strideH = 1 + rng.nextInt(rng.nextInt(4) == 0 ? 8 : 3);
        int strideW = rng.nextBoolean() ? strideH : 1 + rng.nextInt(3);
        if (rng.nextInt(6) == 0) {
            // pointwise: exercises the no-im2col path
            return new ConvShape(n, c, h, w, k, 1, 1, 1, 1, 0, 0);
        }
        return new ConvShape(n, c, h, w, k, r, s, strideH, strideW, padH, padW);
    }

    /**
     * Runs {@code op} into a fresh random output (stale contents must be overwritten) with 1 and then 2
     * kernel threads: each result must match {@code expected} within the tolerances, and the two must be
     * equal bit for bit.
     */
    static void assertOneAndTwoThreads(String what, float[] expected, SplittableRandom rng, double rtol,
                                       double atol, Consumer<float[]> op) {
        float[][] got = new float[2][];
        for (int t = 1; t <= 2; t++) {
            float[] out = SeededCases.randomArray(rng, expected.length);
            int old = Parallel.threads();
            Parallel.setThreads(t);
            try {
                op.accept(out);
            } finally {
                Parallel.setThreads(old);
            }
            assertClose(expected, out, rtol, atol, what + " threads " + t);
            got[t - 1] = out;
        }
        assertArrayEquals(got[0], got[1], what + ": 1 and 2 threads differ");
    }
}
