package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SoftmaxTest {
    private static float[] logits(SplittableRandom rng, int n) {
        float[] x = SeededCases.randomArray(rng, n);
        for (int i = 0; i < n; i++) {
            x[i] *= 5;
        }
        return x;
    }

    /** Double twin: mean cross-entropy of softmax rows. */
    private static double refCe(double[] x, int[] labels, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[r * cols + j]);
            }
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.exp(x[r * cols + j] - m);
            }
            total += m + Math.log(s) - x[r * cols + labels[r]];
        }
        return total / rows;
    }

    private static double refLogSoftmax(double[] x, int r, int cols, int j) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < cols; k++) {
            m = Math.max(m, x[r * cols + k]);
        }
        double s = 0;
        for (int k = 0; k < cols; k++) {
            s += Math.exp(x[r * cols + k] - m);
        }
        return x[r * cols + j] - m - Math.log(s);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void simdAndScalar_randomShapes_agree(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = 1 + rng.nextInt(5);
        int cols = SeededCases.tailSize(rng);
        float[] x = logits(rng, rows * cols);
        int[] labels = rng.ints(rows, 0, cols).toArray();
        for (boolean log : new boolean[] {false, true}) {
            float[] a = new float[rows * cols];
            float[] b = new float[rows * cols];
            if (log) {
                Softmax.logSoftmax(false, x, 0, a, 0, rows, cols);
                Softmax.logSoftmax(true, x, 0, b, 0, rows, cols);
            } else {
                Softmax.softmax(false, x, 0, a, 0, rows, cols);
                Softmax.softmax(true, x, 0, b, 0, rows, cols);
            }
            assertClose(a, b, 1e-5, 1e-6, (log ? "logSoftmax" : "softmax") + " " + rows + "x" + cols);
        }
        float[] da = new float[rows * cols];
        float[] db = new float[rows * cols];
        float la = Softmax.crossEntropy(false, x, 0, labels, 0, rows, cols, da, 0);
        float lb = Softmax.crossEntropy(true, x, 0, labels, 0, rows, cols, db, 0);
        assertEquals(la, lb, 1e-5 * Math.max(1, Math.abs(la)));
        assertClose(da, db, 1e-5, 1e-6, "crossEntropy dLogits");
        float[] y = new float[rows * cols];
        float[] ly = new float[rows * cols];
        Softmax.softmax(x, 0, y, 0, rows, cols);
        Softmax.logSoftmax(x, 0, ly, 0, rows, cols);
        float[] dy = SeededCases.randomArray(rng, rows * cols);
        float[] init = SeededCases.randomArray(rng, rows * cols);
        boolean acc = rng.nextBoolean();
        for (boolean log : new boolean[] {false, true}) {
            float[] gs = init.clone();
            float[] gv = init.clone();
            if (log) {
                Softmax.logSoftmaxBackward(false, ly, 0, dy, 0, gs, 0, rows, cols, acc);
                Softmax.logSoftmaxBackward(true, ly, 0, dy, 0, gv, 0, rows, cols, acc);
            } else {
                Softmax.softmaxBackward(false, y, 0, dy, 0, gs, 0, rows, cols, acc);
                Softmax.softmaxBackward(true, y, 0, dy, 0, gv, 0, rows, cols, acc);
            }
            assertClose(gs, gv, 1e-4, 1e-5, (log ? "logSoftmax" : "softmax") + " backward accumulate=" + acc);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void crossEntropy_lossAndGradient_matchDoubleTwin(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = 1 + rng.nextInt(4);
        int cols = SeededCases.tailSize(rng) + 1;
        float[] x = logits(rng, rows * cols);
        int[] labels = rng.ints(rows, 0, cols).toArray();
        Tensor d = Tensor.zeros(rows, cols);
        float loss = Softmax.crossEntropy(Tensor.of(x, rows, cols), labels, d);
        double[] xd = Fd.toDouble(x);
        assertEquals(refCe(xd, labels, rows, cols), loss, 1e-5 * Math.max(1, loss));
        double[] numeric = Fd.grad(v -> refCe(v, labels, rows, cols), xd, 1e-6);
        Fd.assertGradClose(numeric, d.data(), 1e-4, "dLogits");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void softmaxAndLogSoftmaxBackward_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = 1 + rng.nextInt(3);
        int cols = SeededCases.tailSize(rng);
        float[] x = logits(rng, rows * cols);
        float[] w = SeededCases.randomArray(rng, rows * cols);
        double[] xd = Fd.toDouble(x);
        for (boolean log : new boolean[] {false, true}) {
            double[] numeric = Fd.grad(v -> {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        double ls = refLogSoftmax(v, r, cols, j);
                        s += w[r * cols + j] * (log ? ls : Math.exp(ls));
                    }
                }
                return s;
            }, xd, 1e-6);
            float[] y = new float[x.length];
            float[] dx = new float[x.length];
            if (log) {
                Softmax.logSoftmax(x, 0, y, 0, rows, cols);
                Softmax.logSoftmaxBackward(y, 0, w, 0, dx, 0, rows, cols, false);
            } else {
                Softmax.softmax(x, 0, y, 0, rows, cols);
                Softmax.softmaxBackward(y, 0, w, 0, dx, 0, rows, cols, false);
            }
            Fd.assertGradClose(numeric, dx, 1e-4, (log ? "logSoftmax" : "softmax") + " backward");
        }
    }

    @Test
    void softmax_largeLogits_staysFinite() {
        float[] y = new float[3];
        Softmax.softmax(new float[] {1000f, 1001f, -1000f}, 0, y, 0, 1, 3);
        assertTrue(Float.isFinite(y[0]) && Math.abs(y[0] + y[1] + y[2] - 1f) < 1e-6, java.util.Arrays.toString(y));
    }

    @Test
    void crossEntropy_labelOutOfRange_throwsNamingShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Softmax.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}, null));
        assertTrue(e.getMessage().contains("crossEntropy") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void crossEntropy_wrongLabelCount_throwsNamingShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Softmax.crossEntropy(Tensor.zeros(2, 3), new int[] {0}, null));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void softmax_rank3_throwsNamingShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Softmax.softmax(Tensor.zeros(2, 3, 4)));
        assertTrue(e.getMessage().contains("softmax") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }
}
