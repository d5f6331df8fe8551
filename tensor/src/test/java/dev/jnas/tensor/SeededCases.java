package dev.jnas.tensor;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeds for property tests: a parameterized test takes a {@code long seed} from {@link #seeds()},
 * builds its random case from {@code new SplittableRandom(seed)}, and JUnit prints the failing seed
 * in the test's display name.
 */
public final class SeededCases {
    /** Sizes chosen to hit vector tails for 8- and 16-lane species. */
    public static final int[] TAIL_SIZES = {1, 3, 7, 8, 15, 16, 17, 31, 33, 63, 65};

    private SeededCases() {
    }

    /** 40 fixed seeds (override count with {@code -Dnas.test.cases=N}). */
    public static Stream<Long> seeds() {
        int n = Integer.getInteger("nas.test.cases", 40);
        return LongStream.range(0, n).map(i -> 0x9E3779B97F4A7C15L * (i + 1)).boxed();
    }

    /** A size from {@link #TAIL_SIZES}. */
    public static int tailSize(SplittableRandom rng) {
        return TAIL_SIZES[rng.nextInt(TAIL_SIZES.length)];
    }

    /** A float array of uniform values in [-1, 1). */
    public static float[] randomArray(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }
}
