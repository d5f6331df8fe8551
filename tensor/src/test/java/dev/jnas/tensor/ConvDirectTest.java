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
 * {@link ConvDirect} and its tile kernels ({@link ConvDirectKernel}): the kernels equal their scalar reference
 * bit for bit on tap counts that hit the vector tails ({@link TransposeTest} covers the transposition), and
 * the direct forward matches the scalar convolution on the shapes that take it, with 1 and 2 threads
 * giving the same bits (batch pipeline and split images alike).
 */
class ConvDirectTest {
    private static final String SEEDS = "dev.jnas.tensor.SeededCases#seeds";
    private static final int[] TAP_COUNTS = {1, 3, 7, 15, 16, 17, 63, 65, 144};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void tile_tapCountsAndOffsets_equalsScalarTile(long seed) {
        assumeTrue(Transpose.supported(), "the 14x2 tile needs 16-float vectors");
        var rng = new SplittableRandom(seed);
        int kc = TAP_COUNTS[rng.nextInt(TAP_COUNTS.length)];
        int nr = ConvDirectKernel.NR;
        int wOff = rng.nextInt(40);
        float[] wt = SeededCases.randomArray(rng, wOff + kc * nr);
        float[] xp = SeededCases.randomArray(rng, 400);
        int tapOff = rng.nextInt(4);
        int[] taps = new int[tapOff + kc];
        for (int t = 0; t < taps.length; t++) {
            taps[t] = rng.nextInt(300);
        }
        int base = rng.nextInt(80);
        int ldc = nr + rng.nextInt(3) * 16;
        int cOff = rng.nextInt(20);
        int size = cOff + ConvDirectKernel.TM * ldc;
        float[] start = SeededCases.randomArray(rng, size);
        for (boolean add : new boolean[] {false, true}) {
            float[] expected = start.clone();
            float[] actual = start.clone();
            ConvDirectKernel.scalarTile(kc, wt, wOff, xp, taps, tapOff, base, expected, cOff, ldc, add);
            if (add) {
                ConvDirectKernel.tileAdd(kc, wt, wOff, xp, taps, tapOff, base, actual, cOff, ldc);
            } else {
                ConvDirectKernel.tileStore(kc, wt, wOff, xp, taps, tapOff, base, actual, cOff, ldc);
            }
            assertSameBits(expected, actual, "kc " + kc + (add ? " add" : " store"));
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} k{4} {5}x{6} pad {7}")
    @CsvSource({
        "64, 32, 28, 28, 64, 3, 3, 1",   // the benchmark layer: batch pipeline on each thread
        "3, 32, 28, 28, 64, 3, 3, 1",    // few images: tile rows and blocks split across threads
        "5, 32, 14, 14, 64, 3, 3, 1",    // the wide CNN's third conv: 196 pixels, a 4-pixel transposition tail
        "2, 64, 14, 14, 32, 3, 3, 1",    // 576 taps: three tap blocks (store, add, add)
        "4, 4, 28, 28, 96, 3, 3, 1",     // 36 taps in one block, three filter blocks
        "2, 3, 30, 28, 32, 5, 3, 2",     // unequal kernel sides and paddings (2 rows, 1 column): 45 taps, 30x28 outputs
        "3, 8, 16, 16, 32, 3, 3, 0",     // unpadded: 14x14 outputs from a 16x16 image
        "1, 32, 28, 28, 32, 3, 3, 1",    // one image
    })
    void forward_directShapes_matchesScalarAndThreadCounts(int n, int c, int h, int w, int k, int r, int s, int pad) {
        assumeTrue(Transpose.supported(), "the direct path needs 16-float vectors");
        ConvShape g = h == 30 ? new ConvShape(n, c, h, w, k, r, s, 1, 1, pad, 1) : new ConvShape(n, c, h, w, k, r, s, 1, pad);
        assertTrue(ConvDirect.applies(g) && Conv2dGemm.usePacked(g), g + " should take the direct path");
        var rng = new SplittableRandom(n * 31L + c * 7L + k);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] wt = SeededCases.randomArray(rng, g.weightSize());
        float[] b = k == 96 ? null : SeededCases.randomArray(rng, g.k());
        float[] expected = new float[g.outputSize()];
        Conv2d.scalarForward(g, x, wt, b, expected);
        ConvCases.assertOneAndTwoThreads(g.toString(), expected, rng, 1e-4, 1e-5 * c * r * s,
                out -> Conv2d.simdForward(g, x, wt, b, out));
    }

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} k{4} {5}x{6} pad {7}")
    @CsvSource({
        "8, 64, 28, 28, 32, 3, 3, 1",    // dX of a 64-filter layer on 32 channels: a 64-tap-channel direct conv
        "3, 32, 28, 28, 64, 3, 3, 1",    // few images: split tile rows
        "4, 32, 14, 14, 32, 3, 3, 1",    // the wide CNN's third conv (32 -> 64 reversed: here 32 -> 32 on 14x14)
        "2, 32, 16, 16, 32, 3, 3, 0",    // 16-pixel rows of dX: not whole 14-pixel tiles, the column path
        "2, 32, 28, 28, 32, 5, 5, 2",    // 5x5 kernels
        "2, 32, 28, 28, 32, 3, 5, 1",    // unequal kernel sides, padding 1 on a 5-wide kernel: backward padding 1 and 3
    })
    void backwardInput_directShapes_matchesScalarAndThreadCounts(int n, int c, int h, int w, int k, int r, int s, int pad) {
        assumeTrue(Transpose.supported(), "the direct path needs 16-float vectors");
        ConvShape g = new ConvShape(n, c, h, w, k, r, s, 1, pad);
        boolean direct = h != 16;
        assertEquals(direct, Conv2dGemm.directBackwardShape(g) != null, g + ": direct backward");
        var rng = new SplittableRandom(n * 17L + c * 5L + k + w);
        float[] dy = SeededCases.randomArray(rng, g.outputSize());
        float[] wt = SeededCases.randomArray(rng, g.weightSize());
        float[] expected = new float[g.inputSize()];
        Conv2d.scalarBackwardInput(g, dy, wt, expected);
        ConvCases.assertOneAndTwoThreads(g.toString(), expected, rng, 1e-4, 1e-5 * k * r * s,
                out -> Conv2d.simdBackwardInput(g, dy, wt, out));
    }

    @Test
    void applies_shapesOutsideTheTile_useTheOtherPaths() {
        assertFalse(ConvDirect.applies(new ConvShape(8, 32, 28, 28, 48, 3, 3, 1, 1)), "48 filters: not whole 32-filter blocks");
        assertFalse(ConvDirect.applies(new ConvShape(8, 32, 8, 8, 32, 3, 3, 1, 1)), "8-pixel rows: not whole 14-pixel tiles");
        assertFalse(ConvDirect.applies(new ConvShape(8, 32, 28, 28, 32, 3, 3, 2, 1)), "stride 2");
        assertFalse(ConvDirect.applies(new ConvShape(8, 1, 28, 28, 32, 3, 3, 1, 1)), "9 taps: too few");
        assertEquals(Transpose.supported(), ConvDirect.applies(new ConvShape(8, 32, 28, 28, 64, 3, 3, 1, 1)));
    }
}
