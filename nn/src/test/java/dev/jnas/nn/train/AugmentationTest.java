package dev.jnas.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.nn.data.Dataset;
import dev.jnas.nn.data.Datasets;
import dev.jnas.nn.data.Split;
import dev.jnas.nn.data.Splits;
import dev.jnas.nn.model.Model;
import dev.jnas.nn.optim.OptimizerConfig;
import dev.jnas.nn.spec.Architectures;
import dev.jnas.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AugmentationTest {
    /** The reference: the source pixel of (r, q) after a shift by (dy, dx) and an optional mirror, or the fill. */
    private static float expected(float[] img, int h, int w, int r, int q, int dy, int dx, boolean flip, float fill) {
        int sr = r - dy;
        int sq = q - dx;
        return sr < 0 || sr >= h || sq < 0 || sq >= w ? fill : img[sr * w + (flip ? w - 1 - sq : sq)];
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void apply_anyImages_everyPixelComesFromOneShiftOfItsOwnSample(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int c = 1 + rng.nextInt(3);
        int h = 2 + rng.nextInt(9);
        int w = 2 + rng.nextInt(9);
        int n = 1 + rng.nextInt(5);
        int shift = rng.nextInt(Math.min(h, w));
        boolean flip = rng.nextBoolean();
        float[] x = new float[n * c * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = i; // every value unique, so each output pixel names its source
        }
        float[] orig = x.clone();
        float[] fill = new float[c];
        for (int ch = 0; ch < c; ch++) {
            fill[ch] = -1 - ch; // never a pixel value
        }
        new Augmentation(shift, flip).apply(x, n, c, h, w, fill, new SplittableRandom(seed), new float[h * w]);
        for (int s = 0; s < n; s++) {
            boolean found = false;
            // Some (dy, dx, flip) must explain the whole sample, the same one for every channel.
            for (int dy = -shift; dy <= shift && !found; dy++) {
                for (int dx = -shift; dx <= shift && !found; dx++) {
                    for (int f = 0; f < (flip ? 2 : 1) && !found; f++) {
                        found = matches(orig, x, s, c, h, w, dy, dx, f == 1, fill);
                    }
                }
            }
            assertTrue(found, "seed " + seed + ": sample " + s + " is not a shift" + (flip ? "/mirror" : "") + " of itself");
        }
    }

    private static boolean matches(float[] orig, float[] x, int s, int c, int h, int w, int dy, int dx, boolean flip,
                                   float[] fill) {
        for (int ch = 0; ch < c; ch++) {
            int base = (s * c + ch) * h * w;
            float[] img = Arrays.copyOfRange(orig, base, base + h * w);
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    if (x[base + r * w + q] != expected(img, h, w, r, q, dy, dx, flip, fill[ch])) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void apply_oneShiftManySamples_usesEveryOffsetAndKeepsSomeUnchanged() {
        int n = 400;
        int h = 5;
        int w = 5;
        float[] x = new float[n * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % (h * w);
        }
        new Augmentation(1, false).apply(x, n, 1, h, w, new float[]{-1}, new SplittableRandom(3), new float[h * w]);
        // The centre pixel (2,2) holds the value of (2-dy, 2-dx) = 12 - 5dy - dx: one value per offset.
        boolean[] seen = new boolean[25];
        for (int s = 0; s < n; s++) {
            seen[(int) x[s * h * w + 12]] = true;
        }
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                assertTrue(seen[12 - 5 * dy - dx], "offset (" + dy + "," + dx + ") never drawn in " + n + " samples");
            }
        }
    }

    @Test
    void apply_none_leavesDataUntouched() {
        float[] x = {1, 2, 3, 4};
        Augmentation.NONE.apply(x, 1, 1, 2, 2, new float[]{0}, new SplittableRandom(1), new float[4]);
        assertArrayEquals(new float[]{1, 2, 3, 4}, x);
    }

    @Test
    void construct_negativeShift_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Augmentation(-1, false));
        assertTrue(e.getMessage().contains("maxShift") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void train_shiftTooLargeOrFlatData_throwsBeforeTrainingNamingTheShapes() {
        Split s = Datasets.digitsSplit();
        Model m = Model.build(Architectures.digitsCnn(), 1);
        TrainingConfig big = TrainingConfig.of(1, 32, OptimizerConfig.defaults("adam"), 1)
                .withAugmentation(new Augmentation(8, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(m, s.train(), null, big));
        assertTrue(e.getMessage().contains("8x8"), e.getMessage());
        Dataset flat = new Dataset(Tensor.of(s.train().features().data(), s.train().size(), 64), s.train().labels(),
                s.train().classNames());
        Model mlp = Model.build(Architectures.mlp(1, 8, 8, 10, 16), 1);
        TrainingConfig shift = big.withAugmentation(new Augmentation(1, false));
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(mlp, flat, null, shift));
        assertTrue(e.getMessage().contains("[64]"), e.getMessage());
    }

    @Test
    void train_withShift_isSeededAndDiffersFromPlainTraining() {
        Split s = Datasets.digitsSplit();
        Split tv = Splits.trainValidation(s.train(), 0.2, 7);
        TrainingConfig plain = TrainingConfig.of(2, 32, OptimizerConfig.defaults("adam").withLr(3e-3), 5);
        TrainingConfig aug = plain.withAugmentation(new Augmentation(1, false));
        float[] a = trainedLogits(tv, aug);
        float[] b = trainedLogits(tv, aug);
        float[] p = trainedLogits(tv, plain);
        assertArrayEquals(a, b, "same seed, same augmented run");
        assertNotEquals(Arrays.toString(a), Arrays.toString(p), "augmentation changed nothing");
        Model m = Model.build(Architectures.digitsCnn(), 3);
        TrainingResult r = Trainer.train(m, tv.train(), tv.validation(), plain.withAugmentation(new Augmentation(1, false))
                .withValidateEachEpoch(true));
        assertEquals(TrainingStatus.COMPLETED, r.status());
        assertTrue(r.finalValidation().accuracy() > 0.6, "validation accuracy " + r.finalValidation().accuracy());
    }

    private static float[] trainedLogits(Split tv, TrainingConfig cfg) {
        Model m = Model.build(Architectures.digitsCnn(), 3);
        Trainer.train(m, tv.train(), null, cfg);
        return m.predict(tv.validation().features()).data();
    }
}
