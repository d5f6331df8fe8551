package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Example-based tests of {@link Pool2d}: hand-computed cases, padding semantics, Tensor API, bad input. */
class Pool2dTest {
    private static final float[] GRID_4X4 = {
        1, 5, 2, 0,
        3, 4, 8, 7,
        9, 6, 1, 1,
        0, 2, 3, 4,
    };

    @Test
    void maxPool_2x2Stride2_handComputed() {
        int[] argmax = new int[4];
        Tensor y = Pool2d.maxPool(Tensor.of(GRID_4X4.clone(), 1, 1, 4, 4), 2, 2, 0, argmax);
        assertArrayEquals(new float[] {5, 8, 9, 4}, y.data());
        assertArrayEquals(new int[] {1, 6, 8, 15}, argmax);
        float[] dx = new float[16];
        Pool2d.maxPoolBackward(new PoolShape(1, 1, 4, 4, 2, 2, 0), new float[] {1, 2, 3, 4}, argmax, dx);
        float[] expected = new float[16];
        expected[1] = 1;
        expected[6] = 2;
        expected[8] = 3;
        expected[15] = 4;
        assertArrayEquals(expected, dx);
    }

    @Test
    void avgPool_3x3Pad1_countsPaddingInDivisor() {
        Tensor y = Pool2d.avgPool(Tensor.of(GRID_4X4.clone(), 1, 1, 4, 4), 3, 2, 1);
        // top-left window covers rows -1..1, cols -1..1: real cells 1,5,3,4 → 13 / 9
        assertEquals(13f / 9f, y.get(0, 0, 0, 0), 1e-6);
        // bottom-right window rows 1..3, cols 1..3: 4+8+7+6+1+1+2+3+4 = 36 → 36/9
        assertEquals(4f, y.get(0, 0, 1, 1), 1e-6);
    }

    @Test
    void maxPool_negativeInputsWithPadding_ignoresPaddedZeros() {
        var rng = new SplittableRandom(5);
        Tensor x = Tensor.uniform(rng, -2f, -1f, 2, 3, 5, 6);
        Tensor y = Pool2d.maxPool(x, 3, 1, 1, null);
        for (float v : y.data()) {
            assertTrue(v < -1f + 1e-6, "padding leaked into the maximum: " + v);
        }
    }

    @Test
    void maxPool_overlappingWindows_backwardAddsSharedCells() {
        // 1x3 row, window 1x2 stride 1: the middle cell is the max of both windows
        PoolShape g = new PoolShape(1, 1, 1, 3, 1, 2, 1, 1, 0, 0);
        float[] y = new float[2];
        int[] argmax = new int[2];
        Pool2d.maxPoolForward(g, new float[] {0f, 5f, 1f}, y, argmax);
        float[] dx = {9f, 9f, 9f};
        Pool2d.maxPoolBackward(g, new float[] {2f, 3f}, argmax, dx);
        assertArrayEquals(new float[] {0f, 5f, 0f}, dx);
    }

    @Test
    void globalAvgPool_forwardAndBackward_handComputed() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2);
        Tensor y = Pool2d.globalAvgPool(x);
        assertTrue(y.hasShape(1, 2));
        assertArrayEquals(new float[] {2.5f, 25f}, y.data());
        Tensor dx = Pool2d.globalAvgPoolBackward(Tensor.of(new float[] {4f, 8f}, 1, 2), new int[] {1, 2, 2, 2});
        assertArrayEquals(new float[] {1, 1, 1, 1, 2, 2, 2, 2}, dx.data());
    }

    @Test
    void avgPoolBackward_paddedWindow_spreadsOverRealCellsOnly() {
        PoolShape g = new PoolShape(1, 1, 2, 2, 3, 1, 1);
        float[] dy = new float[4];
        dy[0] = 9f; // window rows -1..1, cols -1..1 holds the four real cells
        float[] dx = new float[4];
        Pool2d.avgPoolBackward(g, dy, dx);
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, dx);
    }

    @Test
    void shape_paddingOverHalfWindow_throwsNamingPool2d() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PoolShape(1, 1, 4, 4, 2, 2, 2));
        assertTrue(e.getMessage().contains("pool2d") && e.getMessage().contains("[1, 1, 4, 4]"), e.getMessage());
    }

    @Test
    void shape_windowLargerThanInput_throwsNamingPool2d() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Pool2d.maxPool(Tensor.zeros(1, 1, 2, 2), 3, 1, 0, null));
        assertTrue(e.getMessage().contains("pool2d") && e.getMessage().contains("3x3"), e.getMessage());
    }

    @Test
    void maxPool_shortArgmaxOrMissingArgmax_throws() {
        PoolShape g = new PoolShape(1, 1, 4, 4, 2, 2, 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Pool2d.maxPoolForward(g, new float[16], new float[4], new int[3]));
        assertTrue(e.getMessage().contains("maxpool2d") && e.getMessage().contains("argmax 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pool2d.maxPoolBackward(g, new float[4], null, new float[16]));
        assertThrows(IllegalArgumentException.class, () -> Pool2d.globalAvgPool(Tensor.zeros(2, 3)));
    }

    @Test
    void simdMaxPool_oversizedBuffers_leavesTailsUntouched() {
        // narrow rows make the SIMD kernel write past each row; it must stop at the end of the real output
        PoolShape g = new PoolShape(2, 3, 6, 10, 2, 2, 0);
        var rng = new SplittableRandom(9);
        float[] x = SeededCases.randomArray(rng, g.inputSize());
        float[] y = new float[g.outputSize() + 40];
        int[] argmax = new int[g.outputSize() + 40];
        java.util.Arrays.fill(y, 7f);
        java.util.Arrays.fill(argmax, -3);
        Pool2d.simdMaxPoolForward(g, x, y, argmax);
        float[] ref = new float[g.outputSize()];
        Pool2d.scalarMaxPoolForward(g, x, ref, null);
        assertArrayEquals(ref, java.util.Arrays.copyOf(y, g.outputSize()));
        for (int i = g.outputSize(); i < y.length; i++) {
            assertEquals(7f, y[i]);
            assertEquals(-3, argmax[i]);
        }
    }
}
