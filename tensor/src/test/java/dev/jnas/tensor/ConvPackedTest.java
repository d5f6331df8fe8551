package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConvPacked} and {@link ConvPadded}: the fused im2col packing equals im2col followed by
 * {@link GemmPack#packB} bit for bit (padding is exactly zero even next to NaN and infinite inputs), and
 * the packed forwards match the scalar reference on the shapes that take them, with 1 and 2 threads
 * giving the same bits.
 */
class ConvPackedTest {
    private static final String SEEDS = "dev.jnas.tensor.SeededCases#seeds";

    /** Same-width stride-1 shapes (the vector path) about half the time, else any geometry. */
    private static ConvShape randomShape(SplittableRandom rng) {
        int n = 1 + rng.nextInt(3);
        int c = 1 + rng.nextInt(4);
        int h = 1 + rng.nextInt(20);
        int w = 1 + rng.nextInt(40);
        if (rng.nextBoolean()) {
            int r = 1 + 2 * rng.nextInt(3);
            int s = 1 + 2 * rng.nextInt(3);
            int padH = Math.max(rng.nextInt(r / 2 + 2), (r - h + 1) / 2);
            return new ConvShape(n, c, h, w, 1 + rng.nextInt(20), r, s, 1, 1, padH, s / 2);
        }
        int padH = rng.nextInt(3);
        int padW = rng.nextInt(3);
        int r = 1 + rng.nextInt(Math.min(5, h + 2 * padH));
        int s = 1 + rng.nextInt(Math.min(5, w + 2 * padW));
        return new ConvShape(n, c, h, w, 1 + rng.nextInt(20), r, s, 1 + rng.nextInt(3), 1 + rng.nextInt(3), padH, padW);
    }

    /** Random inputs with the occasional NaN and infinity, so that padding must be written, not multiplied. */
    private static float[] inputWithSpecials(SplittableRandom rng, int size) {
        float[] x = SeededCases.randomArray(rng, size);
        for (int i = 0; i < size; i++) {
            int u = rng.nextInt(50);
            if (u == 0) {
                x[i] = Float.NaN;
            } else if (u == 1) {
                x[i] = Float.POSITIVE_INFINITY;
            }
        }
        return x;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource(SEEDS)
    void packB_randomShapesAndBlocks_equalsIm2colThenPackB(long seed) {
        var rng = new SplittableRandom(seed);
        for (int rep = 0; rep < 5; rep++) {
            ConvShape g = randomShape(rng);
            int crs = g.c() * g.r() * g.s(), pq = g.p() * g.q(), chw = g.c() * g.h() * g.w();
            int gs = 1 + rng.nextInt(g.n());
            int n0 = rng.nextInt(g.n() - gs + 1);
            int cols = gs * pq;
            float[] x = inputWithSpecials(rng, g.inputSize());
            float[] col = new float[crs * cols];
            for (int i = 0; i < gs; i++) {
                Im2col.im2col(g, x, (n0 + i) * chw, col, i * pq, cols);
            }
            int p0 = rng.nextInt(crs);
            int kc = 1 + rng.nextInt(crs - p0);
            int j0 = rng.nextInt(cols);
            int nc = 1 + rng.nextInt(cols - j0);
            int size = ConvPacked.roundUp(nc, GemmKernel.NR) * kc;
            float[] expected = new float[size];
            GemmPack.packB(false, col, 0, cols, p0, kc, j0, nc, expected);
            float[] actual = SeededCases.randomArray(rng, size + 5); // stale contents must be overwritten
            ConvPacked.packB(g, x, n0, p0, kc, j0, nc, actual);
            for (int e = 0; e < size; e++) {
                assertEquals(Float.floatToIntBits(expected[e]), Float.floatToIntBits(actual[e]),
                        g + " images " + n0 + "+" + gs + " rows " + p0 + "+" + kc + " cols " + j0 + "+" + nc + " at " + e);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}x{3} k{4} {5}x{6} pad {7}")
    @CsvSource({
        "16, 32, 28, 28, 48, 3, 3, 1",   // ConvPadded, batch-parallel (48 filters: not ConvDirect's 32-filter blocks)
        "3, 32, 28, 28, 48, 3, 3, 1",    // few images: ConvPadded with the columns split across threads
        "5, 32, 14, 14, 40, 3, 3, 1",    // ConvPacked: images grouped two per GEMM, panels across the image boundary
        "2, 17, 9, 30, 33, 5, 3, 2",     // odd k (8-row and tail panels), unequal kernel sides, ConvPadded
        "2, 16, 16, 16, 96, 1, 1, 0",    // pointwise, 12-row panels
        "2, 24, 20, 20, 40, 3, 3, 0",    // unpadded: output narrower than input, ConvPadded drops 2 columns per row
        "4, 16, 21, 21, 64, 3, 3, 1",    // stride 2 (set below): ConvPacked's segment path
    })
    void forward_packedShapes_matchesScalarAndThreadCounts(int n, int c, int h, int w, int k, int r, int s, int pad) {
        int stride = h == 21 ? 2 : 1;
        ConvShape g = new ConvShape(n, c, h, w, k, r, s, stride, pad);
        assertTrue(Conv2dGemm.usePacked(g), g + " should take the packed path");
        assertEquals(stride == 1 && g.p() * g.q() >= Conv2dGemm.MIN_COLS, ConvPadded.applies(g), g + ": padded path");
        assertFalse(ConvDirect.applies(g), g + " is ConvDirect's (ConvDirectTest)");
        var rng = new SplittableRandom(n * 31L + c * 7L + k);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] wt = SeededCases.randomArray(rng, g.weightSize());
        float[] b = SeededCases.randomArray(rng, g.k());
        float[] expected = new float[g.outputSize()];
        Conv2d.scalarForward(g, x, wt, b, expected);
        ConvCases.assertOneAndTwoThreads(g.toString(), expected, rng, 1e-4, 1e-5 * c * r * s,
                out -> Conv2d.simdForward(g, x, wt, b, out));
    }

    @org.junit.jupiter.api.Test
    void usePacked_fewFiltersOnSmallImages_keepsTheColumnMatrixPath() {
        // LeNet-5's second conv (16 filters, 10x10 outputs) ran slower packed; 32+ filters or large images go packed.
        org.junit.jupiter.api.Assertions.assertFalse(Conv2dGemm.usePacked(new ConvShape(64, 6, 14, 14, 16, 5, 5, 1, 0)));
        org.junit.jupiter.api.Assertions.assertTrue(Conv2dGemm.usePacked(new ConvShape(64, 16, 8, 8, 32, 3, 3, 1, 1)));
        org.junit.jupiter.api.Assertions.assertTrue(Conv2dGemm.usePacked(new ConvShape(64, 32, 28, 28, 64, 3, 3, 1, 1)));
    }

    @org.junit.jupiter.api.Test
    void usePacked_outputRowsOfAtMostFourPixels_keepsTheGatherLowering() {
        // The digits search's 4x4 and 2x2 maps: 32 filters would otherwise go packed.
        org.junit.jupiter.api.Assertions.assertFalse(Conv2dGemm.usePacked(new ConvShape(64, 16, 4, 4, 32, 5, 5, 2, 2)));
        org.junit.jupiter.api.Assertions.assertFalse(Conv2dGemm.usePacked(new ConvShape(64, 16, 4, 4, 32, 3, 3, 1, 1)));
        org.junit.jupiter.api.Assertions.assertFalse(Conv2dGemm.usePacked(new ConvShape(64, 32, 2, 2, 64, 3, 3, 1, 1)));
        org.junit.jupiter.api.Assertions.assertTrue(Conv2dGemm.usePacked(new ConvShape(64, 32, 8, 8, 32, 3, 3, 1, 1)));
    }
}
