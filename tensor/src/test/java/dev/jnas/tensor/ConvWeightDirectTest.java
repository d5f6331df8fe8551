package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConvWeightDirect} and its tile kernel ({@link ConvWeightDirectKernel}): the kernel equals its scalar
 * reference bit for bit on pixel counts that hit the vector tails, and the direct weight gradient matches the
 * scalar one on the shapes that take it (32- and 16-filter panels, pipelined image ranges, tiles split across threads for few images,
 * kernel widths rounded up to groups of three, padding groups in the last tile), with 1 and 2 threads giving
 * the same bits.
 */
class ConvWeightDirectTest {
    private static final String SEEDS = "dev.jnas.tensor.SeededCases#seeds";
    private static final int[] LENGTHS = {1, 3, 7, 15, 16, 17, 63, 65, 200};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void tileAdd_pixelCountsAndOffsets_equalsScalarTile(long seed) {
        assumeTrue(Transpose.supported(), "the 12x2 tile needs 16-float vectors");
        var rng = new SplittableRandom(seed);
        int len = LENGTHS[rng.nextInt(LENGTHS.length)];
        // Both widths: 32 filters (two vectors) and 16 (one).
        int nr = rng.nextBoolean() ? ConvWeightDirectKernel.NR : ConvWeightDirectKernel.L;
        int dOff = rng.nextInt(40);
        float[] dyt = SeededCases.randomArray(rng, dOff + len * nr);
        float[] xp = SeededCases.randomArray(rng, 600);
        int gOff = rng.nextInt(4);
        int[] groups = new int[gOff + 4];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = rng.nextInt(300);
        }
        int base = rng.nextInt(80);
        int ldc = nr + rng.nextInt(3) * 16;
        int cOff = rng.nextInt(20);
        float[] expected = SeededCases.randomArray(rng, cOff + ConvWeightDirectKernel.TM * ldc);
        float[] actual = expected.clone();
        ConvWeightDirectKernel.scalarTile(nr, len, xp, groups, gOff, base, dyt, dOff, expected, cOff, ldc);
        if (nr == ConvWeightDirectKernel.NR) {
            ConvWeightDirectKernel.tileAdd(len, xp, groups, gOff, base, dyt, dOff, actual, cOff, ldc);
        } else {
            ConvWeightDirectKernel.tileAdd16(len, xp, groups, gOff, base, dyt, dOff, actual, cOff, ldc);
        }
        assertSameBits(expected, actual, "len " + len + " nr " + nr);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} k{4} {5}x{6} pad {7}/{8} acc {9}")
    @CsvSource({
        "32, 32, 28, 28, 64, 3, 3, 1, 1, false",  // the benchmark layer at half batch: 2 images per chunk, pipelined
        "20, 16, 20, 20, 32, 3, 3, 1, 1, true",   // 20-pixel rows: the last 16-pixel block overlaps; accumulating
        "1, 32, 28, 28, 64, 3, 3, 1, 1, false",   // one image: its tiles split across the threads
        "3, 5, 18, 18, 96, 3, 3, 1, 1, false",    // 15 tap groups: one padding group in the last tile; 3 filter blocks
        "18, 16, 14, 14, 32, 5, 5, 2, 2, false",  // 5x5: groups of 3 columns, 1 surplus column per kernel row
        "17, 12, 12, 20, 32, 3, 5, 1, 2, true",    // unequal kernel sides and paddings
        "18, 16, 16, 16, 32, 2, 6, 0, 0, false",   // 6 columns: two whole groups; 11-pixel rows, the scalar panel path
        "17, 16, 16, 16, 32, 3, 3, 0, 0, false",  // unpadded: 14x14 outputs
        "20, 3, 12, 12, 32, 3, 3, 1, 1, false",   // 27 taps (an RGB first layer): 9 groups, 3 of them padding
        "33, 8, 8, 8, 32, 3, 3, 1, 1, true",      // the digits space: 8x8 images, 64 pixels per image
        "33, 16, 8, 8, 16, 3, 3, 1, 1, false",    // 16 filters: the one-vector tile
        "3, 8, 20, 20, 48, 5, 5, 2, 2, false",    // 48 filters: three 16-filter panels
        "3, 8, 12, 12, 32, 3, 5, 0, 0, false",    // unpadded rows shorter than a vector (padRow's spill)
        "2, 4, 16, 6, 32, 3, 9, 1, 4, false",     // kernel wider than the image
        "2, 4, 12, 12, 32, 3, 8, 1, 3, true",     // 8 columns: a surplus tap per kernel row
        "1, 16, 28, 28, 16, 3, 3, 1, 1, false",   // one image, 16 filters: 16-wide tiles split across threads
        "2, 3, 66, 1, 16, 3, 3, 0, 1, false",     // one output column: 3-float padded rows
    })
    void backwardWeights_directShapes_matchesScalarAndThreadCounts(int n, int c, int h, int w, int k, int r, int s,
                                                                  int padH, int padW, boolean accumulate) {
        assumeTrue(Transpose.supported(), "the direct path needs 16-float vectors");
        ConvShape g = new ConvShape(n, c, h, w, k, r, s, 1, 1, padH, padW);
        assertTrue(ConvWeightDirect.applies(g), g + " should take the direct path");
        var rng = new SplittableRandom(n * 29L + c * 3L + k + s);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] dy = SeededCases.randomArray(rng, g.outputSize());
        float[] start = SeededCases.randomArray(rng, g.weightSize() + k);
        float[] expected = start.clone();
        float[] dwRef = new float[g.weightSize()];
        float[] dbRef = new float[k];
        System.arraycopy(start, 0, dwRef, 0, dwRef.length);
        System.arraycopy(start, dwRef.length, dbRef, 0, k);
        Conv2d.scalarBackwardWeights(g, x, dy, dwRef, dbRef, accumulate);
        System.arraycopy(dwRef, 0, expected, 0, dwRef.length);
        System.arraycopy(dbRef, 0, expected, dwRef.length, k);
        // Sums over n·p·q products: the tolerance grows with them.
        double atol = 1e-6 * n * g.p() * g.q();
        ConvCases.assertOneAndTwoThreads(g.toString(), expected, rng, 1e-4, atol, out -> {
            System.arraycopy(start, 0, out, 0, out.length);
            float[] dw = java.util.Arrays.copyOf(out, g.weightSize());
            float[] db = java.util.Arrays.copyOfRange(out, g.weightSize(), g.weightSize() + k);
            Conv2d.simdBackwardWeights(g, x, dy, dw, db, accumulate);
            System.arraycopy(dw, 0, out, 0, dw.length);
            System.arraycopy(db, 0, out, dw.length, k);
        });
    }

    @Test
    void backwardWeights_nullBias_writesWeightsOnly() {
        assumeTrue(Transpose.supported(), "the direct path needs 16-float vectors");
        ConvShape g = new ConvShape(4, 16, 12, 12, 32, 3, 3, 1, 1);
        var rng = new SplittableRandom(7);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] dy = SeededCases.randomArray(rng, g.outputSize());
        float[] expected = new float[g.weightSize()];
        Conv2d.scalarBackwardWeights(g, x, dy, expected, null, false);
        float[] actual = new float[g.weightSize()];
        Conv2d.simdBackwardWeights(g, x, dy, actual, null, false);
        TensorAssert.assertClose(expected, actual, 1e-4, 1e-3, "null bias");
    }

    @Test
    void applies_shapesOutsideTheTile_useTheOtherPaths() {
        assertFalse(ConvWeightDirect.applies(new ConvShape(8, 32, 28, 28, 40, 3, 3, 1, 1)), "40 filters");
        assertFalse(ConvWeightDirect.applies(new ConvShape(8, 32, 8, 8, 8, 3, 3, 1, 1)), "8 filters: half a vector");
        assertFalse(ConvWeightDirect.applies(new ConvShape(8, 32, 28, 28, 32, 3, 3, 2, 1)), "stride 2");
        assertFalse(ConvWeightDirect.applies(new ConvShape(8, 32, 28, 28, 32, 1, 1, 1, 0)), "1 column: 2 of 3 wasted");
        assertFalse(ConvWeightDirect.applies(new ConvShape(8, 32, 28, 28, 32, 7, 7, 1, 3)), "7 columns: 2 of 9 wasted");
        assertFalse(ConvWeightDirect.applies(new ConvShape(8, 2, 28, 28, 32, 3, 3, 1, 1)), "18 taps: too few");
        assertFalse(ConvWeightDirect.applies(new ConvShape(8, 32, 6, 6, 32, 3, 3, 1, 1)), "36 pixels: too few");
        assertEquals(Transpose.supported(), ConvWeightDirect.applies(new ConvShape(8, 32, 28, 28, 64, 5, 5, 1, 2)));
    }
}
