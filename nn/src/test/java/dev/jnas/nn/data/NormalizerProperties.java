package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnas.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizerProperties {
    /** Random data with a different offset and spread per channel. */
    private static Dataset data(SplittableRandom rng) {
        int n = 2 + rng.nextInt(20);
        int c = 1 + rng.nextInt(4);
        boolean image = rng.nextBoolean();
        int h = image ? 1 + rng.nextInt(5) : 1;
        int w = image ? 1 + rng.nextInt(5) : 1;
        Tensor x = image ? Tensor.zeros(n, c, h, w) : Tensor.zeros(n, c);
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    x.data()[(i * c + ch) * plane + p] = (float) (ch * 10 - 5 + (ch + 1) * 3 * rng.nextDouble());
                }
            }
        }
        return new Dataset(x, new int[n], List.of("only"));
    }

    private static double[][] stats(Dataset d) {
        int c = d.channels();
        int plane = d.sampleSize() / c;
        double[][] s = new double[4][c];
        for (int ch = 0; ch < c; ch++) {
            s[2][ch] = Double.POSITIVE_INFINITY;
            s[3][ch] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < d.size(); i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    double v = d.features().data()[(i * c + ch) * plane + p];
                    s[0][ch] += v;
                    s[1][ch] += v * v;
                    s[2][ch] = Math.min(s[2][ch], v);
                    s[3][ch] = Math.max(s[3][ch], v);
                }
            }
        }
        double count = (double) d.size() * plane;
        for (int ch = 0; ch < c; ch++) {
            s[0][ch] /= count;
            s[1][ch] = Math.sqrt(Math.max(0, s[1][ch] / count - s[0][ch] * s[0][ch]));
        }
        return s;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void fitStandardize_appliedToTrain_givesZeroMeanUnitStdPerChannel(long seed) {
        Dataset d = data(new SplittableRandom(seed));
        Dataset z = Normalizer.fit(d, Normalizer.Kind.STANDARDIZE).apply(d);
        double[][] s = stats(z);
        for (int ch = 0; ch < d.channels(); ch++) {
            assertEquals(0, s[0][ch], 1e-4, "mean of channel " + ch);
            assertEquals(1, s[1][ch], 1e-3, "std of channel " + ch);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void fitMinMax_appliedToTrain_spansZeroToOnePerChannel(long seed) {
        Dataset d = data(new SplittableRandom(seed));
        Normalizer nz = Normalizer.fit(d, Normalizer.Kind.MIN_MAX);
        double[][] s = stats(nz.apply(d));
        for (int ch = 0; ch < d.channels(); ch++) {
            assertEquals(0, s[2][ch], 1e-5, "min of channel " + ch);
            assertEquals(1, s[3][ch], 1e-5, "max of channel " + ch);
        }
        assertEquals(nz, Normalizer.decode(nz.encode()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void applyInPlace_batchBuffer_matchesApplyOnDataset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Dataset d = data(rng);
        Normalizer nz = Normalizer.fit(d, rng.nextBoolean() ? Normalizer.Kind.STANDARDIZE : Normalizer.Kind.MIN_MAX);
        Normalizer restored = Normalizer.decode(nz.encode());
        float[] buf = new float[d.size() * d.sampleSize()];
        int[] y = new int[d.size()];
        int[] order = Splits.permutation(d.size(), seed);
        d.copyBatch(order, 0, d.size(), buf, y);
        restored.applyInPlace(buf, d.size(), d.sampleSize());
        float[] expected = nz.apply(d).features().data();
        for (int b = 0; b < d.size(); b++) {
            for (int j = 0; j < d.sampleSize(); j++) {
                assertEquals(expected[order[b] * d.sampleSize() + j], buf[b * d.sampleSize() + j], 0f);
            }
        }
    }

    @Test
    void fit_constantChannel_mapsToZeroWithoutNaN() {
        Dataset d = new Dataset(Tensor.of(new float[] {3, 1, 3, 2, 3, 5}, 3, 2), new int[3], List.of("a"));
        Normalizer nz = Normalizer.fit(d, Normalizer.Kind.STANDARDIZE);
        float[] out = nz.apply(d).features().data();
        assertEquals(0f, out[0]);
        assertEquals(0f, out[4]);
        assertEquals(1f, nz.scale()[0]);
    }

    @Test
    void decode_malformedOrMismatchedChannels_throws() {
        assertThrows(IllegalArgumentException.class, () -> Normalizer.decode("STANDARDIZE;1,2"));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.decode("BOGUS;1;2"));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.decode("MIN_MAX;1,2;3"));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.decode("MIN_MAX;x;3"));
    }

    @Test
    void applyInPlace_sampleSizeNotMultipleOfChannels_throws() {
        Normalizer nz = new Normalizer(Normalizer.Kind.MIN_MAX, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> nz.applyInPlace(new float[8], 2, 4));
    }
}
