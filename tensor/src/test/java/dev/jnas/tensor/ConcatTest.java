package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConcatTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void concatThenSplit_randomParts_roundTripsAndPlacesChannels(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(3);
        int h = 1 + rng.nextInt(4);
        int w = 1 + rng.nextInt(5);
        boolean nchw = rng.nextBoolean();
        Tensor[] parts = new Tensor[1 + rng.nextInt(3)];
        int[] ch = new int[parts.length];
        for (int p = 0; p < parts.length; p++) {
            ch[p] = 1 + rng.nextInt(4);
            parts[p] = nchw ? Tensor.uniform(rng, -1, 1, n, ch[p], h, w) : Tensor.uniform(rng, -1, 1, n, ch[p]);
        }
        Tensor cat = Concat.concat(parts);
        int start = 0;
        for (int p = 0; p < parts.length; p++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < ch[p]; k++) {
                    float got = nchw ? cat.get(i, start + k, h - 1, w - 1) : cat.get(i, start + k);
                    float want = nchw ? parts[p].get(i, k, h - 1, w - 1) : parts[p].get(i, k);
                    assertEquals(want, got, 0f);
                }
            }
            start += ch[p];
        }
        Tensor[] back = Concat.split(cat, ch);
        for (int p = 0; p < parts.length; p++) {
            assertClose(parts[p], back[p], 0, 0, "part " + p);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void copyChannels_accumulate_simdAndScalarAgree(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(3);
        int hw = SeededCases.tailSize(rng);
        int srcC = 2 + rng.nextInt(4);
        int dstC = 2 + rng.nextInt(4);
        int count = 1 + rng.nextInt(Math.min(srcC, dstC));
        int ss = rng.nextInt(srcC - count + 1);
        int ds = rng.nextInt(dstC - count + 1);
        float[] src = SeededCases.randomArray(rng, n * srcC * hw);
        float[] d0 = SeededCases.randomArray(rng, n * dstC * hw);
        for (boolean acc : new boolean[] {false, true}) {
            float[] a = d0.clone();
            float[] b = d0.clone();
            Concat.copyChannels(false, src, 0, srcC, ss, a, 0, dstC, ds, count, n, hw, acc);
            Concat.copyChannels(true, src, 0, srcC, ss, b, 0, dstC, ds, count, n, hw, acc);
            assertClose(a, b, 0, 0, "accumulate=" + acc);
            int i = n - 1;
            int k = count - 1;
            float want = src[(i * srcC + ss + k) * hw] + (acc ? d0[(i * dstC + ds + k) * hw] : 0f);
            assertEquals(want, b[(i * dstC + ds + k) * hw], 1e-6);
        }
    }

    @Test
    void concat_spatialMismatch_throwsNamingShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Concat.concat(Tensor.zeros(2, 3, 4, 4), Tensor.zeros(2, 1, 4, 5)));
        assertTrue(e.getMessage().contains("[2, 3, 4, 4]") && e.getMessage().contains("[2, 1, 4, 5]"), e.getMessage());
    }

    @Test
    void split_countsNotSummingToChannels_throwsNamingShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Concat.split(Tensor.zeros(2, 5), 2, 2));
        assertTrue(e.getMessage().contains("split") && e.getMessage().contains("[2, 5]"), e.getMessage());
    }
}
