package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatasetTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void copyBatch_randomOrder_copiesExactSamplesAndLabels(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(40);
        Dataset d = TestData.traceable(rng, n, 1 + rng.nextInt(Math.min(n, 5)));
        int[] order = Splits.permutation(n, seed);
        int from = rng.nextInt(n);
        int count = rng.nextInt(n - from + 1);
        int per = d.sampleSize();
        float[] x = new float[(count + 2) * per];
        int[] y = new int[count + 1];
        x[x.length - 1] = -7f;
        d.copyBatch(order, from, count, x, y);
        float[] src = d.features().data();
        for (int b = 0; b < count; b++) {
            int i = order[from + b];
            assertEquals(d.label(i), y[b]);
            for (int j = 0; j < per; j++) {
                assertEquals(src[i * per + j], x[b * per + j]);
            }
        }
        assertEquals(-7f, x[x.length - 1], "copyBatch wrote past the batch");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void subset_indices_keepsShapeLabelsAndOrder(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 + rng.nextInt(30);
        Dataset d = TestData.traceable(rng, n, 2);
        int[] idx = new int[1 + rng.nextInt(2 * n)];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = rng.nextInt(n);
        }
        Dataset s = d.subset(idx);
        assertEquals(idx.length, s.size());
        assertArrayEquals(d.inputShape(), s.inputShape());
        for (int k = 0; k < idx.length; k++) {
            assertEquals(idx[k], s.features().data()[k * s.sampleSize()], 0f);
            assertEquals(d.label(idx[k]), s.label(k));
        }
    }

    @Test
    void inputShape_imageAndFlat_dropsBatchDimension() {
        Dataset img = new Dataset(Tensor.zeros(4, 3, 5, 6), new int[4], List.of("a"));
        Dataset flat = new Dataset(Tensor.zeros(4, 7), new int[4], List.of("a"));
        assertArrayEquals(new int[] {3, 5, 6}, img.inputShape());
        assertEquals(90, img.sampleSize());
        assertEquals(3, img.channels());
        assertArrayEquals(new int[] {7}, flat.inputShape());
    }

    @Test
    void constructor_labelOutOfRange_throwsNamingSample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(3, 2), new int[] {0, 2, 1}, List.of("a", "b")));
        assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
    }

    @Test
    void constructor_countMismatchOrBadRank_throws() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3, 2), new int[2], List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3, 2, 2), new int[3], List.of("a")));
    }

    @Test
    void copyBatch_smallBufferOrBadIndex_throws() {
        Dataset d = new Dataset(Tensor.zeros(4, 3), new int[4], List.of("a"));
        assertThrows(IllegalArgumentException.class, () -> d.copyBatch(new int[] {0, 1}, 0, 2, new float[5], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> d.copyBatch(new int[] {0, 9}, 0, 2, new float[6], new int[2]));
        assertThrows(IllegalArgumentException.class, () -> d.copyBatch(new int[] {0, 1}, 1, 2, new float[6], new int[2]));
    }

    @Test
    void labels_returnedArray_isACopy() {
        Dataset d = new Dataset(Tensor.zeros(2, 1), new int[] {0, 1}, List.of("a", "b"));
        d.labels()[0] = 1;
        assertEquals(0, d.label(0));
        assertArrayEquals(new int[] {1, 1}, d.classCounts());
    }
}
