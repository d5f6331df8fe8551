package dev.jnas.engine;

import java.util.SplittableRandom;

/**
 * Derives every seed of an experiment from its root seed. Trial {@code i} gets the first long of a
 * {@link SplittableRandom} split off a root generator after {@code i} earlier splits, a pure function
 * of (root seed, trial index), so the same trial gets the same seed however many workers ran it or
 * whether the run was resumed. The strategy gets its own stream ({@link #strategySeed}).
 */
public final class TrialSeeds {
    private TrialSeeds() {
    }

    /** The seed of the strategy's random choices. */
    public static long strategySeed(long rootSeed) {
        return new SplittableRandom(rootSeed).nextLong();
    }

    /** The training seed of trial {@code index} (0-based). */
    public static long trialSeed(long rootSeed, int index) {
        // Skip the strategy's draw, then one split per earlier trial: split() is deterministic.
        SplittableRandom root = new SplittableRandom(rootSeed ^ 0x5DEECE66DL);
        SplittableRandom child = root.split();
        for (int i = 0; i < index; i++) {
            child = root.split();
        }
        return child.nextLong();
    }
}
