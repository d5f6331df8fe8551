package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SplitsProperties {
    private static int[] ids(Dataset d) {
        int[] ids = new int[d.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) d.features().data()[i * d.sampleSize()];
        }
        return ids;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void trainValidation_anyData_partitionsStratifiedAndRepeatable(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int classes = 1 + rng.nextInt(6);
        int n = classes + 10 + rng.nextInt(200);
        Dataset d = TestData.traceable(rng, n, classes);
        double frac = 0.1 + 0.6 * rng.nextDouble();
        Split s = Splits.trainValidation(d, frac, seed);
        int[] a = ids(s.train());
        int[] b = ids(s.validation());
        boolean[] seen = new boolean[n];
        for (int id : a) {
            assertFalse(seen[id]);
            seen[id] = true;
        }
        for (int id : b) {
            assertFalse(seen[id], "sample " + id + " in both parts");
            seen[id] = true;
        }
        assertEquals(n, a.length + b.length);
        int[] all = d.classCounts();
        int[] held = s.validation().classCounts();
        for (int c = 0; c < classes; c++) {
            assertEquals(Math.round(frac * all[c]), held[c], "class " + c);
        }
        for (int i = 0; i < b.length; i++) {
            assertEquals(d.label(b[i]), s.validation().label(i));
        }
        Split again = Splits.trainValidation(d, frac, seed);
        assertArrayEquals(b, ids(again.validation()));
    }

    @Test
    void trainValidation_differentSeeds_differentSplits() {
        Dataset d = TestData.traceable(new SplittableRandom(1), 300, 3);
        int[] a = ids(Splits.trainValidation(d, 0.3, 1).validation());
        int[] b = ids(Splits.trainValidation(d, 0.3, 2).validation());
        assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    }

    @Test
    void trainTest_fractionOutOfRangeOrEmptyPart_throws() {
        Dataset d = TestData.traceable(new SplittableRandom(3), 4, 2);
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(d, 0.0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(d, 1.0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(d, 0.01, 1));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void permutation_anySeed_isAPermutation(long seed) {
        int n = 1 + new SplittableRandom(seed).nextInt(100);
        int[] p = Splits.permutation(n, seed);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, Splits.permutation(n, seed));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void kFold_anyData_holdsEverySampleOutOnceStratifiedAndRepeatable(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int classes = 1 + rng.nextInt(6);
        int k = 2 + rng.nextInt(6);
        int n = k + rng.nextInt(200);
        Dataset d = TestData.traceable(rng, n, classes);
        java.util.List<Split> folds = Splits.kFold(d, k, seed);
        assertEquals(k, folds.size());
        int[] heldTimes = new int[n];
        for (Split f : folds) {
            assertEquals(n, f.train().size() + f.validation().size());
            boolean[] inTrain = new boolean[n];
            for (int id : ids(f.train())) {
                inTrain[id] = true;
            }
            for (int id : ids(f.validation())) {
                assertFalse(inTrain[id], "sample " + id + " both trained on and held out");
                heldTimes[id]++;
            }
            int[] all = d.classCounts();
            int[] held = f.validation().classCounts();
            for (int c = 0; c < held.length; c++) {
                double expected = all[c] / (double) k;
                assertTrue(Math.abs(held[c] - expected) <= 1.0, "class " + c + ": " + held[c] + " held, expected ~" + expected);
            }
        }
        for (int id = 0; id < n; id++) {
            assertEquals(1, heldTimes[id], "sample " + id + " held out " + heldTimes[id] + " times");
        }
        assertArrayEquals(ids(folds.get(k - 1).validation()), ids(Splits.kFold(d, k, seed).get(k - 1).validation()));
    }

    @Test
    void kFold_kOutOfRange_throwsNamingK() {
        Dataset d = TestData.traceable(new SplittableRandom(5), 6, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.kFold(d, 1, 1));
        assertTrue(e.getMessage().contains("kFold") && e.getMessage().contains("got 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(d, 7, 1));
    }
}
