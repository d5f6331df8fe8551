package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ElementwiseTest {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void simdAndScalar_binaryOpsWithOffsets_agree(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = SeededCases.tailSize(rng) + 16 * rng.nextInt(3);
        int ao = rng.nextInt(4);
        int bo = rng.nextInt(4);
        float[] a = SeededCases.randomArray(rng, n + ao);
        float[] b = SeededCases.randomArray(rng, n + bo);
        float[] y0 = SeededCases.randomArray(rng, n);
        float s = (float) rng.nextDouble() * 4 - 2;
        for (int op = 0; op < 6; op++) {
            float[] ys = y0.clone();
            float[] yv = y0.clone();
            switch (op) {
                case 0 -> { Elementwise.scalarAdd(a, ao, b, bo, ys, 0, n); Elementwise.simdAdd(a, ao, b, bo, yv, 0, n); }
                case 1 -> { Elementwise.scalarSub(a, ao, b, bo, ys, 0, n); Elementwise.simdSub(a, ao, b, bo, yv, 0, n); }
                case 2 -> { Elementwise.scalarMul(a, ao, b, bo, ys, 0, n); Elementwise.simdMul(a, ao, b, bo, yv, 0, n); }
                case 3 -> { Elementwise.scalarMulAccumulate(a, ao, b, bo, ys, 0, n);
                    Elementwise.simdMulAccumulate(a, ao, b, bo, yv, 0, n); }
                case 4 -> { Elementwise.scalarScale(a, ao, s, ys, 0, n); Elementwise.simdScale(a, ao, s, yv, 0, n); }
                default -> { Elementwise.scalarAxpy(s, a, ao, ys, 0, n); Elementwise.simdAxpy(s, a, ao, yv, 0, n); }
            }
            assertClose(ys, yv, 1e-6, 1e-6, "op " + op + " n=" + n);
            // The first and last outputs are checked against the definition, not only against each other.
            float expected = switch (op) {
                case 0 -> a[ao + n - 1] + b[bo + n - 1];
                case 1 -> a[ao + n - 1] - b[bo + n - 1];
                case 2 -> a[ao + n - 1] * b[bo + n - 1];
                case 3 -> y0[n - 1] + a[ao + n - 1] * b[bo + n - 1];
                case 4 -> s * a[ao + n - 1];
                default -> y0[n - 1] + s * a[ao + n - 1];
            };
            assertEquals(expected, yv[n - 1], 1e-6, "op " + op + " last element");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void addBias_bothBroadcasts_matchDefinitionOnBothPaths(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(3);
        int c = 1 + rng.nextInt(5);
        int hw = SeededCases.tailSize(rng);
        float[] x = SeededCases.randomArray(rng, n * c * hw);
        float[] bias = SeededCases.randomArray(rng, c);
        float[] ys = new float[x.length];
        float[] yv = new float[x.length];
        Elementwise.scalarAddBiasChannels(x, 0, bias, 0, ys, 0, n, c, hw);
        Elementwise.simdAddBiasChannels(x, 0, bias, 0, yv, 0, n, c, hw);
        assertClose(ys, yv, 0, 0, "channels");
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] + bias[(i / hw) % c], yv[i], 0f, "channels element " + i);
        }
        int f = c * hw;
        float[] rb = SeededCases.randomArray(rng, f);
        float[] rs = new float[x.length];
        float[] rv = new float[x.length];
        Elementwise.addBiasRows(false, x, 0, rb, 0, rs, 0, n, f);
        Elementwise.addBiasRows(true, x, 0, rb, 0, rv, 0, n, f);
        assertClose(rs, rv, 0, 0, "rows");
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] + rb[i % f], rv[i], 0f, "rows element " + i);
        }
    }

    @Test
    void add_tensorShapeMismatch_throwsNamingShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Elementwise.add(Tensor.zeros(2, 3), Tensor.zeros(6)));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[6]"),
                e.getMessage());
    }

    @Test
    void addBias_wrongBiasLength_throwsNamingShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.addBias(Tensor.zeros(2, 3, 4, 4), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("addBias") && e.getMessage().contains("[2, 3, 4, 4]"), e.getMessage());
    }

    @Test
    void axpy_outputTooShort_throwsNamingOp() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.axpy(1f, new float[10], 0, new float[9], 0, 10));
        assertTrue(e.getMessage().startsWith("axpy"), e.getMessage());
    }
}
