package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Convolutions on small maps, as the digits search space produces them (4x4 and 2x2 inputs, 5x5 kernels,
 * stride 2): the gather lowering ({@link Im2col#smallPlane}), the pixel-major column matrix of the weight
 * gradient's GEMM, and the weight-gradient chunks of several images each. All three passes match the scalar
 * convolution with 1 and 2 threads giving the same bits.
 */
class ConvSmallPlaneTest {

    @ParameterizedTest(name = "{0}x{1}x{2}x{2} k{3} {4}x{4} stride {5} pad {6}")
    @CsvSource({
        "64, 32, 4, 16, 5, 2, 2",   // dW through the GEMM with colᵀ (k·crs = 12800)
        "64, 8, 4, 16, 5, 2, 2",    // dW through the lane-wise dot products, 2 chunks of 32 images
        "32, 16, 2, 16, 5, 1, 2",   // 2x2 maps, 5x5 kernel: most taps in the padding
        "33, 1, 8, 32, 3, 2, 1",    // a first layer: 4x4 outputs of an 8x8 image, odd batch
        "5, 17, 3, 16, 3, 1, 0",    // 1x1 outputs, one chunk
        "40, 16, 4, 16, 3, 1, 1",   // 4x4 outputs at stride 1
    })
    void allPasses_smallMaps_matchScalarAndThreadCounts(int n, int c, int hw, int k, int r, int stride, int pad) {
        ConvShape g = new ConvShape(n, c, hw, hw, k, r, r, stride, pad);
        assertTrue(Im2col.smallPlane(g), g + " should take the gather lowering");
        var rng = new SplittableRandom(n * 13L + c * 5L + hw + k + r);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] w = SeededCases.randomArray(rng, g.weightSize());
        float[] b = SeededCases.randomArray(rng, k);
        float[] dy = SeededCases.randomArray(rng, g.outputSize());

        assertForwardAndBackwardInput(g, rng, x, w, b, dy);

        float[] dw = new float[g.weightSize()];
        float[] db = new float[k];
        Conv2d.scalarBackwardWeights(g, x, dy, dw, db, false);
        float[] expected = Arrays.copyOf(dw, dw.length + k);
        System.arraycopy(db, 0, expected, dw.length, k);
        ConvCases.assertOneAndTwoThreads(g + " backward weights", expected, rng, 1e-4, 1e-5 * n * g.p() * g.q(), out -> {
            float[] gw = new float[g.weightSize()];
            float[] gb = new float[k];
            Conv2d.simdBackwardWeights(g, x, dy, gw, gb, false);
            System.arraycopy(gw, 0, out, 0, gw.length);
            System.arraycopy(gb, 0, out, gw.length, k);
        });
    }

    @Test
    void allPasses_nonSquareMapsAndAlternatingGeometries_matchScalar() {
        // Unequal strides and paddings (swapped axes in the gather tables would show), then two geometries that
        // differ only in padding, alternating on one thread (the tables are cached per geometry).
        ConvShape[] shapes = {
            new ConvShape(20, 8, 16, 4, 16, 3, 5, 2, 1, 1, 2),
            // Vector gathers with tails: 20 and 51 pixels per image, 63 and 45 taps (16 or 8 lanes).
            new ConvShape(6, 7, 10, 4, 16, 3, 3, 2, 1, 1, 1),
            new ConvShape(3, 5, 17, 3, 8, 3, 3, 1, 1, 1, 1),
            new ConvShape(6, 8, 4, 4, 16, 3, 3, 1, 1, 1, 1),
            new ConvShape(6, 8, 4, 4, 16, 3, 3, 1, 1, 0, 0),
        };
        for (int round = 0; round < 2; round++) {
            for (ConvShape g : shapes) {
                assertTrue(Im2col.smallPlane(g), g + " should take the gather lowering");
                var rng = new SplittableRandom(g.h() * 31L + g.padH() + round);
                float[] x = SeededCases.randomArray(rng, g.inputSize());
                float[] w = SeededCases.randomArray(rng, g.weightSize());
                float[] dy = SeededCases.randomArray(rng, g.outputSize());
                float[] y = new float[g.outputSize()];
                float[] yRef = new float[g.outputSize()];
                Conv2d.scalarForward(g, x, w, null, yRef);
                Conv2d.simdForward(g, x, w, null, y);
                TensorAssert.assertClose(yRef, y, 1e-4, 1e-4, g + " forward");
                float[] dx = new float[g.inputSize()];
                float[] dxRef = new float[g.inputSize()];
                Conv2d.scalarBackwardInput(g, dy, w, dxRef);
                Conv2d.simdBackwardInput(g, dy, w, dx);
                TensorAssert.assertClose(dxRef, dx, 1e-4, 1e-4, g + " backward input");
                float[] dw = new float[g.weightSize()];
                float[] dwRef = new float[g.weightSize()];
                Conv2d.scalarBackwardWeights(g, x, dy, dwRef, null, false);
                Conv2d.simdBackwardWeights(g, x, dy, dw, null, false);
                TensorAssert.assertClose(dwRef, dw, 1e-4, 1e-4, g + " backward weights");
            }
        }
    }

    @ParameterizedTest(name = "{1}x{2}x{2} k{3} {4}x{4} stride {5} pad {6}")
    @CsvSource({
        "16, 4, 32, 5, 2, 2",   // 2x2 outputs, 32 filters (the column-matrix path since round 8)
        "32, 2, 32, 3, 1, 1",   // 2x2 maps at stride 1
        "16, 4, 64, 5, 2, 2",
        "8, 6, 16, 3, 1, 1",    // 6x6: groups of several images, stride 1 backward input through col2im
    })
    void forwardAndBackwardInput_everyBatchSizeTo70_oneAndTwoThreadsSameBits(int c, int hw, int k, int r, int stride,
                                                                             int pad) {
        // Groups of images per GEMM come from the shape, the thread split in whole groups: odd batches (an epoch's
        // last) gave 1 and 2 threads other GEMM widths, hence other bits, when groups followed each thread's share.
        for (int n = 1; n <= 70; n++) {
            ConvShape g = new ConvShape(n, c, hw, hw, k, r, r, stride, pad);
            var rng = new SplittableRandom(n * 131L + c + k);
            float[] x = SeededCases.randomArray(rng, g.inputSize());
            float[] w = SeededCases.randomArray(rng, g.weightSize());
            float[] b = SeededCases.randomArray(rng, k);
            float[] dy = SeededCases.randomArray(rng, g.outputSize());
            assertForwardAndBackwardInput(g, rng, x, w, b, dy);
        }
    }

    /** Forward and backward input against the scalar convolution, 1 and 2 threads giving the same bits. */
    private static void assertForwardAndBackwardInput(ConvShape g, SplittableRandom rng, float[] x, float[] w, float[] b,
                                                      float[] dy) {
        int taps = g.r() * g.s();
        float[] y = new float[g.outputSize()];
        Conv2d.scalarForward(g, x, w, b, y);
        ConvCases.assertOneAndTwoThreads(g + " forward", y, rng, 1e-4, 1e-5 * g.c() * taps,
                out -> Conv2d.simdForward(g, x, w, b, out));
        float[] dx = new float[g.inputSize()];
        Conv2d.scalarBackwardInput(g, dy, w, dx);
        ConvCases.assertOneAndTwoThreads(g + " backward input", dx, rng, 1e-4, 1e-5 * g.k() * taps,
                out -> Conv2d.simdBackwardInput(g, dy, w, out));
    }

    @ParameterizedTest(name = "n={0} pq={1}")
    @CsvSource({"64, 4, 2", "32, 4, 1", "64, 16, 8", "64, 64, 16", "3, 1, 1", "64, 784, 16"})
    void weightChunks_smallMaps_holdAtLeastMinimumLengthEach(int n, int pq, int expected) {
        int side = (int) Math.sqrt(pq);
        ConvShape g = new ConvShape(n, 4, side, side, 8, 1, 1, 1, 0);
        assertEquals(expected, Conv2dGemm.weightChunks(g, false), "chunks for " + n + " images of " + pq + " pixels");
        assertEquals(Math.min(n, Conv2dGemm.MAX_WEIGHT_CHUNKS), Conv2dGemm.weightChunks(g, true), "direct path");
    }
}
