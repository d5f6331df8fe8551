package dev.jnas.tensor;

import static dev.jnas.tensor.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.tensor.Activations.Kind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationsTest {
    private static final float SLOPE = 0.07f;

    /** Double-precision twin of each activation (test only); erf by its Taylor series. */
    static double ref(Kind k, double x) {
        return switch (k) {
            case RELU -> Math.max(0, x);
            case LEAKY_RELU -> x > 0 ? x : SLOPE * x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
        };
    }

    /** erf by Maclaurin series; accurate to ~1e-12 for |z| ≤ 4. */
    static double erf(double z) {
        double sum = 0;
        double term = z;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static float[] inputs(SplittableRandom rng, int n, Kind k) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v = (float) (rng.nextDouble() * 8 - 4);
            // Keep away from the kink of relu / leaky relu so finite differences are meaningful.
            if ((k == Kind.RELU || k == Kind.LEAKY_RELU) && Math.abs(v) < 0.01f) {
                v += 0.05f;
            }
            x[i] = v;
        }
        return x;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void simdAndScalar_randomTailSizes_agree(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Kind k : Kind.values()) {
            int n = SeededCases.tailSize(rng) + rng.nextInt(3) * 16;
            int off = rng.nextInt(3);
            float[] x = new float[n + off];
            System.arraycopy(inputs(rng, n, k), 0, x, off, n);
            float[] ys = new float[n];
            float[] yv = new float[n];
            float[] dy = SeededCases.randomArray(rng, n);
            float[] dxs = SeededCases.randomArray(rng, n);
            float[] dxv = dxs.clone();
            switch (k) {
                case RELU -> { Activations.scalarRelu(x, off, ys, 0, n); Activations.simdRelu(x, off, yv, 0, n); }
                case LEAKY_RELU -> { Activations.scalarLeakyRelu(SLOPE, x, off, ys, 0, n);
                    Activations.simdLeakyRelu(SLOPE, x, off, yv, 0, n); }
                case TANH -> { Activations.scalarTanh(x, off, ys, 0, n); Activations.simdTanh(x, off, yv, 0, n); }
                case SIGMOID -> { Activations.scalarSigmoid(x, off, ys, 0, n); Activations.simdSigmoid(x, off, yv, 0, n); }
                case GELU -> { Activations.scalarGelu(x, off, ys, 0, n); Activations.simdGelu(x, off, yv, 0, n); }
            }
            assertClose(ys, yv, 1e-5, 1e-6, k + " forward n=" + n);
            boolean fromOut = k == Kind.TANH || k == Kind.SIGMOID;
            float[] in = fromOut ? ys : x;
            int inOff = fromOut ? 0 : off;
            boolean acc = rng.nextBoolean();
            Activations.scalarBackward(k, SLOPE, in, inOff, dy, 0, dxs, 0, n, acc);
            Activations.simdBackward(k, SLOPE, in, inOff, dy, 0, dxv, 0, n, acc);
            assertClose(dxs, dxv, 1e-5, 1e-6, k + " backward n=" + n);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void forward_matchesDoubleTwin(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Kind k : Kind.values()) {
            int n = SeededCases.tailSize(rng);
            float[] x = inputs(rng, n, k);
            float[] y = new float[n];
            Activations.forward(k, SLOPE, x, 0, y, 0, n);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = (float) ref(k, x[i]);
            }
            assertClose(expected, y, 1e-5, 1e-6, k + " vs double twin");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void backward_matchesFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Kind k : Kind.values()) {
            int n = SeededCases.tailSize(rng);
            float[] x = inputs(rng, n, k);
            float[] w = SeededCases.randomArray(rng, n);
            double[] numeric = Fd.grad(xs -> {
                double s = 0;
                for (int i = 0; i < xs.length; i++) {
                    s += w[i] * ref(k, xs[i]);
                }
                return s;
            }, Fd.toDouble(x), 1e-6);
            Tensor xt = Tensor.of(x, n);
            Tensor dx = Activations.gradient(k, SLOPE, xt, Activations.apply(k, SLOPE, xt), Tensor.of(w, n));
            Fd.assertGradClose(numeric, dx.data(), 1e-4, k + " n=" + n);
        }
    }

    @Test
    void backward_shortGradientArray_throwsNamingOp() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activations.backward(Kind.RELU, 0f,
                new float[8], 0, null, 0, new float[8], 0, new float[4], 0, 8, false));
        assertTrue(e.getMessage().contains("RELU backward") && e.getMessage().contains("dx"), e.getMessage());
    }

    @Test
    void gradient_shapeMismatch_throwsNamingShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activations.gradient(Kind.TANH, 0f,
                Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
    }
}
