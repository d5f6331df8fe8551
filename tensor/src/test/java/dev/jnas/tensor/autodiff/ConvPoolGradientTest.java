package dev.jnas.tensor.autodiff;

import static dev.jnas.tensor.autodiff.GradCheck.check;
import static dev.jnas.tensor.autodiff.GradCheck.weightedSum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnas.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of the convolution, pooling and padding primitives on random small shapes
 * with varied kernels, strides and paddings, plus reuse of the input gradient by two consumers.
 */
class ConvPoolGradientTest {
    private static final int COORDS = 10;

    private static Var param(SplittableRandom rng, int... shape) {
        return Var.parameter(Tensor.uniform(rng, -1, 1, shape));
    }

    /** Values on a grid 0.05 apart in random order, so no two cells of a max window are within 2·eps. */
    private static Var distinct(SplittableRandom rng, int... shape) {
        int n = Tensor.numel(shape);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (perm[i] - n / 2f) * 0.05f;
        }
        return Var.parameter(Tensor.of(d, shape));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void conv2d_randomGeometry_matchesFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(3);
        int c = 1 + rng.nextInt(3);
        int k = 1 + rng.nextInt(4);
        int r = 1 + rng.nextInt(3);
        int stride = 1 + rng.nextInt(2);
        int pad = rng.nextInt(r / 2 + 2);
        int h = Math.max(1, r - 2 * pad) + rng.nextInt(5);
        int w = Math.max(1, r - 2 * pad) + rng.nextInt(5);
        Var x = param(rng, n, c, h, w);
        Var wt = param(rng, k, c, r, r);
        boolean withBias = rng.nextBoolean();
        Var bias = withBias ? param(rng, k) : null;
        int p = (h + 2 * pad - r) / stride + 1;
        int q = (w + 2 * pad - r) / stride + 1;
        Tensor weights = Tensor.uniform(rng, -1, 1, n, k, p, q);
        String name = "conv2d x[" + n + "," + c + "," + h + "," + w + "] k" + k + " r" + r + " s" + stride + " p" + pad;
        List<Var> params = withBias ? List.of(x, wt, bias) : List.of(x, wt);
        check(name, params, g -> weightedSum(g, g.conv2d(x, wt, bias, stride, pad), weights), rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void pools_randomGeometry_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(2);
        int c = 1 + rng.nextInt(3);
        int size = 1 + rng.nextInt(3);
        int stride = 1 + rng.nextInt(3);
        int pad = rng.nextInt(size / 2 + 1);
        int h = size + rng.nextInt(5);
        int w = size + rng.nextInt(5);
        Var x = distinct(rng, n, c, h, w);
        int p = (h + 2 * pad - size) / stride + 1;
        int q = (w + 2 * pad - size) / stride + 1;
        Tensor weights = Tensor.uniform(rng, -1, 1, n, c, p, q);
        String geo = "[" + n + "," + c + "," + h + "," + w + "] size " + size + " stride " + stride + " pad " + pad;
        check("maxpool " + geo, List.of(x), g -> weightedSum(g, MaxPool2dOp.apply(g, x, size, stride, pad), weights),
                rng, COORDS);
        check("avgpool " + geo, List.of(x), g -> weightedSum(g, AvgPool2dOp.apply(g, x, size, stride, pad), weights),
                rng, COORDS);
        check("avgpool excl-pad " + geo, List.of(x), g -> weightedSum(g,
                AvgPool2dOp.apply(g, x, size, stride, pad, false), weights), rng, COORDS);
        Tensor gw = Tensor.uniform(rng, -1, 1, n, c);
        check("globalavgpool " + geo, List.of(x), g -> weightedSum(g, g.globalAvgPool(x), gw), rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void pad2dThenConv_asymmetricSame_matchesFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(2);
        int c = 1 + rng.nextInt(2);
        int h = 1 + rng.nextInt(5);
        int w = 1 + rng.nextInt(5);
        int r = 2 * (1 + rng.nextInt(2)); // even kernel: 2 or 4
        int top = (r - 1) / 2;
        int bottom = r - 1 - top;
        Var x = param(rng, n, c, h, w);
        Var wt = param(rng, 2, c, r, r);
        Tensor weights = Tensor.uniform(rng, -1, 1, n, 2, h, w);
        // Same padding with stride 1 keeps H and W; tanh makes dx depend on x.
        check("pad+conv r" + r, List.of(x, wt), g -> weightedSum(g,
                g.conv2d(g.pad2d(g.tanh(x), top, bottom, top, bottom), wt, null, 1, 0), weights), rng, COORDS);
    }

    @Test
    void conv2d_inputUsedTwice_gradientsAccumulate() {
        SplittableRandom rng = new SplittableRandom(7);
        Var x = param(rng, 2, 3, 5, 5);
        Var wt = param(rng, 4, 3, 3, 3);
        Tensor weights = Tensor.uniform(rng, -1, 1, 2, 4, 5, 5);
        // x feeds both the convolution and a max pool, so the pool's overwrite kernel must add, not replace.
        Tensor wp = Tensor.uniform(rng, -1, 1, 2, 3, 2, 2);
        check("conv+pool shared input", List.of(x, wt), g -> g.add(
                weightedSum(g, g.conv2d(g.tanh(x), wt, null, 1, 1), weights),
                weightedSum(g, g.maxPool2d(g.tanh(x), 2, 2), wp)), rng, COORDS);
    }

    @Test
    void conv2d_steadyState_allocatesNoArrays() {
        SplittableRandom rng = new SplittableRandom(3);
        Var x = Var.constant(Tensor.uniform(rng, -1, 1, 4, 2, 8, 8));
        Var wt = param(rng, 3, 2, 3, 3);
        Var b = param(rng, 3);
        Graph g = new Graph();
        for (int i = 0; i < 2; i++) {
            g.backward(g.sum(g.maxPool2d(g.relu(g.conv2d(x, wt, b, 1, 1)), 2, 2)));
            g.reset();
        }
        long before = g.pool().allocations();
        g.backward(g.sum(g.maxPool2d(g.relu(g.conv2d(x, wt, b, 1, 1)), 2, 2)));
        g.reset();
        assertEquals(before, g.pool().allocations());
    }

    @Test
    void conv2d_noGrad_recordsNothingAndMatchesKernel() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor xt = Tensor.uniform(rng, -1, 1, 1, 2, 6, 6);
        Tensor wt = Tensor.uniform(rng, -1, 1, 3, 2, 3, 3);
        Graph g = new Graph();
        try (var ng = g.noGrad()) {
            Var y = g.conv2d(Var.constant(xt), Var.parameter(wt), null, 2, 1);
            assertEquals(0, g.tapeSize());
            assertArrayEquals(dev.jnas.tensor.Conv2d.forward(xt, wt, null, 2, 1).data(), y.value().data());
        }
    }

    @Test
    void avgPool_excludePad_isMeanOfInBoundsCells() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Graph g = new Graph();
        Var y = AvgPool2dOp.apply(g, Var.constant(x), 3, 1, 1, false);
        // Every 3x3 window centred on a 2x2 image holds all four cells: mean 2.5 everywhere.
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, y.value().data(), 1e-6f);
        Var yc = AvgPool2dOp.apply(g, Var.constant(x), 3, 1, 1, true);
        assertArrayEquals(new float[] {10f / 9, 10f / 9, 10f / 9, 10f / 9}, yc.value().data(), 1e-6f);
    }

    @Test
    void conv2d_badShapes_throwNamingShapes() {
        Graph g = new Graph();
        Var x = Var.constant(Tensor.zeros(1, 2, 4, 4));
        Var w = Var.parameter(Tensor.zeros(3, 5, 3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.conv2d(x, w, null, 1, 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("conv2d"), e.getMessage());
        Var w2 = Var.parameter(Tensor.zeros(3, 2, 3, 3));
        Var b = Var.parameter(Tensor.zeros(4));
        e = assertThrows(IllegalArgumentException.class, () -> g.conv2d(x, w2, b, 1, 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.maxPool2d(Var.constant(Tensor.zeros(2, 3)), 2, 2));
    }
}
