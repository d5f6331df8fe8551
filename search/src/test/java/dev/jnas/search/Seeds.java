package dev.jnas.search;

import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeds for property tests in this module: a parameterized test takes a {@code long seed} from
 * {@link #seeds()} and builds its case from {@code new SplittableRandom(seed)}; the seed shows in the
 * display name.
 */
public final class Seeds {
    private Seeds() {
    }

    /** 40 fixed seeds (override with {@code -Dnas.test.cases=N}). */
    public static Stream<Long> seeds() {
        return first(Integer.getInteger("nas.test.cases", 40));
    }

    /** The first {@code n} seeds of the same sequence. */
    public static Stream<Long> first(int n) {
        return LongStream.range(0, n).map(i -> 0x9E3779B97F4A7C15L * (i + 1)).boxed();
    }
}
