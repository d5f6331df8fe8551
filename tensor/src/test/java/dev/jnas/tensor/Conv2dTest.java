package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Example-based tests of {@link Conv2d}: a hand-computed case, an independent definition, the Tensor API, bad input. */
class Conv2dTest {
    /** The textbook definition in double through multi-index access, independent of the kernels' indexing. */
    private static Tensor naiveForward(Tensor x, Tensor w, Tensor b, int sh, int sw, int ph, int pw) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3), k = w.dim(0), r = w.dim(2), s = w.dim(3);
        int p = (h + 2 * ph - r) / sh + 1, q = (wd + 2 * pw - s) / sw + 1;
        Tensor y = Tensor.zeros(n, k, p, q);
        for (int in = 0; in < n; in++) {
            for (int ik = 0; ik < k; ik++) {
                for (int oy = 0; oy < p; oy++) {
                    for (int ox = 0; ox < q; ox++) {
                        double acc = b.get(ik);
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < r; i++) {
                                for (int j = 0; j < s; j++) {
                                    int yy = oy * sh + i - ph, xx = ox * sw + j - pw;
                                    boolean inside = yy >= 0 && yy < h && xx >= 0 && xx < wd;
                                    acc += inside ? (double) x.get(in, ic, yy, xx) * w.get(ik, ic, i, j) : 0.0;
                                }
                            }
                        }
                        y.set((float) acc, in, ik, oy, ox);
                    }
                }
            }
        }
        return y;
    }

    @Test
    void forward_handComputed3x3Pad1_matchesExpected() {
        // 1x1x3x3 input 1..9, all-ones 3x3 kernel, pad 1: each output is the sum of its 3x3 neighbourhood
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor w = Tensor.zeros(1, 1, 3, 3).fill(1f);
        Tensor b = Tensor.of(new float[] {0.5f}, 1);
        Tensor y = Conv2d.forward(x, w, b, 1, 1);
        float[] expected = {12.5f, 21.5f, 16.5f, 27.5f, 45.5f, 33.5f, 24.5f, 39.5f, 28.5f};
        assertArrayEquals(expected, y.data());
    }

    @ParameterizedTest(name = "case {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void scalarAndSimdForward_fixedCases_matchNaiveDefinition(int caseNo) {
        int[][] cases = { // n, c, h, w, k, r, s, sh, sw, ph, pw
            {2, 3, 7, 5, 4, 3, 3, 1, 1, 1, 1},
            {1, 2, 6, 6, 3, 2, 4, 2, 1, 0, 2},
            {3, 1, 1, 1, 5, 1, 1, 1, 1, 0, 0},
            {2, 4, 9, 8, 2, 7, 5, 3, 2, 3, 2},
            {1, 5, 5, 5, 3, 1, 1, 4, 4, 0, 0},
            {2, 3, 4, 4, 6, 1, 1, 1, 1, 0, 0},
        };
        int[] a = cases[caseNo];
        var rng = new SplittableRandom(caseNo);
        Tensor x = Tensor.uniform(rng, -1, 1, a[0], a[1], a[2], a[3]);
        Tensor w = Tensor.uniform(rng, -1, 1, a[4], a[1], a[5], a[6]);
        Tensor b = Tensor.uniform(rng, -1, 1, a[4]);
        Tensor expected = naiveForward(x, w, b, a[7], a[8], a[9], a[10]);
        ConvShape g = ConvShape.of(x.shape(), w.shape(), a[7], a[8], a[9], a[10]);
        Tensor ys = Tensor.zeros(g.outputShape());
        Tensor yv = Tensor.zeros(g.outputShape());
        Conv2d.scalarForward(g, x.data(), w.data(), b.data(), ys.data());
        Conv2d.simdForward(g, x.data(), w.data(), b.data(), yv.data());
        assertClose(expected, ys, 1e-5, 1e-5, "scalar " + g);
        assertClose(expected, yv, 1e-5, 1e-5, "simd " + g);
        assertClose(expected, Conv2d.forward(x, w, b, a[7], a[8], a[9], a[10]), 1e-5, 1e-5, "tensor API " + g);
    }

    @Test
    void tensorBackward_wrappers_matchArrayApi() {
        var rng = new SplittableRandom(7);
        Tensor x = Tensor.uniform(rng, -1, 1, 2, 3, 6, 5);
        Tensor w = Tensor.uniform(rng, -1, 1, 4, 3, 3, 3);
        ConvShape g = ConvShape.of(x.shape(), w.shape(), 2, 2, 1, 1);
        Tensor dy = Tensor.uniform(rng, -1, 1, g.outputShape());
        Tensor dx = Conv2d.backwardInput(dy, w, x.shape(), 2, 1);
        Conv2d.WeightGrads grads = Conv2d.backwardWeights(x, dy, 3, 3, 2, 1);
        float[] dxRef = new float[g.inputSize()];
        float[] dwRef = new float[g.weightSize()];
        float[] dbRef = new float[g.k()];
        Conv2d.scalarBackwardInput(g, dy.data(), w.data(), dxRef);
        Conv2d.scalarBackwardWeights(g, x.data(), dy.data(), dwRef, dbRef, false);
        assertClose(dxRef, dx.data(), 1e-5, 1e-5, "dX");
        assertClose(dwRef, grads.weights().data(), 1e-5, 1e-5, "dW");
        assertClose(dbRef, grads.bias().data(), 1e-5, 1e-5, "dBias");
        assertTrue(grads.weights().hasShape(4, 3, 3, 3) && grads.bias().hasShape(4));
    }

    @Test
    void backwardWeights_accumulateTwice_doublesGradient() {
        var rng = new SplittableRandom(11);
        ConvShape g = new ConvShape(3, 2, 5, 5, 3, 3, 3, 1, 1);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] dy = SeededCases.randomArray(rng, g.outputSize());
        float[] once = new float[g.weightSize()];
        float[] onceB = new float[g.k()];
        Conv2d.backwardWeights(g, x, dy, once, onceB, false);
        float[] twice = SeededCases.randomArray(rng, g.weightSize()); // overwritten by the first call
        float[] twiceB = SeededCases.randomArray(rng, g.k());
        Conv2d.backwardWeights(g, x, dy, twice, twiceB, false);
        Conv2d.backwardWeights(g, x, dy, twice, twiceB, true);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-5 * (1 + Math.abs(once[i])), "dW[" + i + "]");
        }
        for (int i = 0; i < onceB.length; i++) {
            assertEquals(2 * onceB[i], twiceB[i], 1e-5 * (1 + Math.abs(onceB[i])), "dBias[" + i + "]");
        }
    }

    @Test
    void forward_oversizedReusedBuffer_leavesTailUntouched() {
        var rng = new SplittableRandom(3);
        ConvShape g = new ConvShape(2, 3, 4, 4, 2, 3, 3, 1, 0);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] w = SeededCases.randomArray(rng, g.weightSize());
        float[] y = new float[g.outputSize() + 5];
        java.util.Arrays.fill(y, 42f);
        Conv2d.forward(g, x, w, null, y);
        for (int i = g.outputSize(); i < y.length; i++) {
            assertEquals(42f, y[i]);
        }
        float[] ref = new float[g.outputSize()];
        Conv2d.scalarForward(g, x, w, null, ref);
        assertClose(ref, java.util.Arrays.copyOf(y, g.outputSize()), 1e-5, 1e-5, "reused buffer");
    }

    @Test
    void forward_channelMismatch_throwsNamingConv2dAndShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(4, 2, 3, 3), null, 1, 0));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("[1, 3, 5, 5]")
                && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
    }

    @Test
    void forward_kernelLargerThanPaddedInput_throwsNamingConv2d() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 1, 5, 5), null, 1, 1));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("5x5")
                && e.getMessage().contains("4x4"), e.getMessage());
    }

    @Test
    void shape_nonPositiveStrideOrNegativePad_throws() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 1, 4, 4, 1, 3, 3, 0, 0));
        assertTrue(e1.getMessage().contains("conv2d"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 1, 4, 4, 1, 3, 3, 1, -1));
        assertTrue(e2.getMessage().contains("conv2d"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 0, 4, 4, 1, 3, 3, 1, 0));
        assertTrue(e3.getMessage().contains("conv2d") && e3.getMessage().contains("[1, 0, 4, 4]"), e3.getMessage());
    }

    @Test
    void forward_wrongBiasOrShortArrays_throwNamingConv2d() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(2, 1, 3, 3), Tensor.zeros(3), 1, 0));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("[3]"), e.getMessage());
        ConvShape g = new ConvShape(1, 1, 4, 4, 2, 3, 3, 1, 0);
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(g, new float[16], new float[18], null, new float[7]));
        assertTrue(e2.getMessage().contains("conv2d") && e2.getMessage().contains("output"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.backwardInput(Conv2d.forward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(2, 1, 3, 3), null, 1, 0)
                        .reshape(2, 1, 2, 2), Tensor.zeros(2, 1, 3, 3), new int[] {1, 1, 4, 4}, 1, 0));
        assertTrue(e3.getMessage().contains("conv2d") && e3.getMessage().contains("[2, 1, 2, 2]"), e3.getMessage());
    }
}
