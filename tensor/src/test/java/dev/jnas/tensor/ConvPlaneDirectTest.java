package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ConvPlaneDirect}: output planes of one vector (4x4 with 16 lanes, 2x4 with 8), filter counts that
 * use every register block (16, 8 and single filters), with and without bias, stride 1 and 2; forward and
 * (stride 1) backward input against the scalar convolution, 1 and 2 threads giving the same bits.
 */
class ConvPlaneDirectTest {
    /** An input of {@code rows} x 4 for stride 1 ({@code 2·rows} x 8 for stride 2): with pad r/2 the output plane is one vector. */
    private static ConvShape shape(int n, int c, int k, int r, int stride) {
        int rows = Simd.LANES / 4;
        return new ConvShape(n, c, rows * stride, 4 * stride, k, r, r, stride, r / 2);
    }

    @ParameterizedTest(name = "n{0} c{1} k{2} {3}x{3} stride {4} bias {5}")
    @CsvSource({
        "64, 16, 16, 5, 1, true",    // the default search's largest shape: one block of 16
        "9, 16, 8, 3, 1, true",      // one block of 8
        "7, 3, 1, 3, 1, false",      // a single filter, no bias
        "5, 8, 33, 3, 1, true",      // 16 + 16 + 1
        "6, 5, 31, 5, 1, true",      // 16 + 8 + 7 single filters
        "11, 1, 24, 5, 2, true",     // stride 2 (a first layer on 8x8 digits): forward only
        "3, 17, 15, 3, 2, false",    // stride 2, 8 + 7
    })
    void forwardAndBackwardInput_onePlaneVector_matchScalarAndThreadCounts(int n, int c, int k, int r, int stride,
                                                                           boolean withBias) {
        ConvShape g = shape(n, c, k, r, stride);
        assertEquals(Simd.LANES, g.p() * g.q(), g + ": one vector per output plane");
        assertTrue(ConvPlaneDirect.applies(g), g + " should take the direct plane path");
        var rng = new SplittableRandom(n * 31L + c * 7L + k * 3L + r + stride);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] w = SeededCases.randomArray(rng, g.weightSize());
        float[] b = withBias ? SeededCases.randomArray(rng, k) : null;
        float[] y = new float[g.outputSize()];
        Conv2d.scalarForward(g, x, w, b, y);
        ConvCases.assertOneAndTwoThreads(g + " forward", y, rng, 1e-4, 1e-5 * c * r * r,
                out -> Conv2d.simdForward(g, x, w, b, out));
        if (stride == 1) {
            assertNotNull(ConvPlaneDirect.backwardShape(g), g + ": backward input through the plane path");
            float[] dy = SeededCases.randomArray(rng, g.outputSize());
            float[] dx = new float[g.inputSize()];
            Conv2d.scalarBackwardInput(g, dy, w, dx);
            ConvCases.assertOneAndTwoThreads(g + " backward input", dx, rng, 1e-4, 1e-5 * k * r * r,
                    out -> Conv2d.simdBackwardInput(g, dy, w, out));
        } else {
            assertNull(ConvPlaneDirect.backwardShape(g), g + ": stride 2 keeps col2im");
        }
    }

    @Test
    void applies_otherPlaneSizes_keepTheLowering() {
        int rows = Simd.LANES / 4;
        // 2x2 outputs, or a plane of two vectors.
        assertTrue(!ConvPlaneDirect.applies(new ConvShape(4, 8, 2, 2, 16, 3, 3, 1, 1)));
        assertTrue(!ConvPlaneDirect.applies(new ConvShape(4, 8, 2 * rows, 4, 16, 3, 3, 1, 1)));
        // Padding beyond r-1 has no stride-1 transposed form.
        assertNull(ConvPlaneDirect.backwardShape(new ConvShape(4, 8, rows, 4, 16, 3, 3, 1, 3)));
    }
}
