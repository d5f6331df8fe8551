package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Accuracy and special values of {@link VectorMath} against double-precision references. */
class VectorMathTest {
    private static final int L = Simd.LANES;

    /** f applied to every element of x, a whole vector at a time (x.length a multiple of the lanes). */
    private static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += L) {
            f.apply(FloatVector.fromArray(Simd.SPECIES, x, i)).intoArray(y, i);
        }
        return y;
    }

    /** Distance of got from the exact value in units of the float ulp at the exact value. */
    private static double ulps(float got, double exact) {
        return Math.abs(got - exact) / Math.ulp((float) exact);
    }

    /** Largest ulp error of f over x against ref; also asserts the bound, naming the worst input. */
    private static double assertUlps(String name, UnaryOperator<FloatVector> f, DoubleUnaryOperator ref, float[] x,
                                     double bound) {
        float[] y = apply(f, x);
        double worst = 0;
        float at = Float.NaN;
        for (int i = 0; i < x.length; i++) {
            double e = ulps(y[i], ref.applyAsDouble(x[i]));
            if (!(e <= worst)) {
                worst = e;
                at = x[i];
            }
        }
        assertTrue(worst <= bound, name + ": " + worst + " ulp at x = " + at + ", bound " + bound);
        return worst;
    }

    /** Every 1021st float (by bit pattern) with lo ≤ x ≤ hi, padded to whole vectors. */
    private static float[] sweep(float lo, float hi) {
        float[] buf = new float[1 << 22];
        int n = 0;
        for (int sign = 0; sign < 2; sign++) {
            for (int bits = 0; bits < 0x7f800000; bits += 1021) {
                float v = Float.intBitsToFloat(bits | (sign << 31));
                if (v >= lo && v <= hi) {
                    buf[n++] = v;
                }
            }
        }
        float[] x = new float[(n + L - 1) / L * L];
        System.arraycopy(buf, 0, x, 0, n);
        return x;
    }

    private static float[] uniform(SplittableRandom rng, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + rng.nextDouble() * (hi - lo));
        }
        return x;
    }

    @Test
    void exp_denseSweepOfNormalResults_withinOneUlpAndScalarTwinIdentical() {
        float[] x = sweep(-87.33f, 88.72f);
        assertTrue(x.length > 1_000_000, "sweep size " + x.length);
        assertUlps("exp", VectorMath::exp, Math::exp, x, 1.0);
        float[] y = apply(VectorMath::exp, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(VectorMath.expScalar(x[i])),
                    "expScalar vs exp at x = " + x[i]);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void exp_seededRandomInputs_withinOneUlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        assertUlps("exp", VectorMath::exp, Math::exp, uniform(rng, 64 * L, -87.3, 88.7), 1.0);
        assertUlps("exp near 0", VectorMath::exp, Math::exp, uniform(rng, 16 * L, -1e-3, 1e-3), 1.0);
    }

    @Test
    void exp_specialValuesAndRangeEdges_matchMathExp() {
        float maxArg = (float) Math.log(Float.MAX_VALUE);
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f,
            maxArg, Math.nextDown(maxArg), Math.nextUp(maxArg), 89f, 1e30f, Float.MAX_VALUE,
            -87.33654f, -87.34f, -95f, -103.9f, -103.98f, -104f, -1e30f, -Float.MAX_VALUE, 1e-30f,
            Float.MIN_VALUE};
        float[] padded = new float[(x.length + L - 1) / L * L];
        System.arraycopy(x, 0, padded, 0, x.length);
        float[] y = apply(VectorMath::exp, padded);
        for (int i = 0; i < x.length; i++) {
            float expected = (float) Math.exp(x[i]);
            String at = "exp(" + x[i] + ") = " + y[i] + ", Math.exp " + expected;
            if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0f || expected == 1f) {
                assertEquals(expected, y[i], 0f, at);
            } else if (expected < Float.MIN_NORMAL) {
                // Subnormal results: within one of the smallest steps (the polynomial rounds before the scaling).
                assertEquals(expected, y[i], Float.MIN_VALUE, at);
            } else {
                assertTrue(ulps(y[i], Math.exp(x[i])) <= 1.0, at);
            }
            assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(VectorMath.expScalar(x[i])), at);
        }
        assertTrue(Float.isFinite(y[4 + 4]) && Float.isInfinite(y[4 + 5]), "overflow starts after ln(MAX_VALUE)");
    }

    @Test
    void tanh_denseSweep_withinTwoUlp() {
        double worst = assertUlps("tanh", VectorMath::tanh, Math::tanh, sweep(-12f, 12f), 2.0);
        assertTrue(worst > 0, "the sweep measured something");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void tanh_seededSmallAndModerateInputs_withinTwoUlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        assertUlps("tanh", VectorMath::tanh, Math::tanh, uniform(rng, 32 * L, -1, 1), 2.0);
        // Relative accuracy near 0, where 1 - 2/(e^{2x}+1) would cancel every digit.
        float[] tiny = uniform(rng, 16 * L, -1e-4, 1e-4);
        assertUlps("tanh near 0", VectorMath::tanh, Math::tanh, tiny, 1.0);
    }

    @Test
    void tanh_specialValues_saturatedWithSign() {
        float[] x = new float[L];
        float[] in = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 50f, -50f, Float.MIN_VALUE};
        System.arraycopy(in, 0, x, 0, in.length);
        float[] y = apply(VectorMath::tanh, x);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(y[0]), "tanh(0)");
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(y[1]), "tanh(-0) is +0, as documented");
        assertEquals(1f, y[2], "tanh(+Inf)");
        assertEquals(-1f, y[3], "tanh(-Inf)");
        assertTrue(Float.isNaN(y[4]), "tanh(NaN)");
        assertEquals(1f, y[5], "tanh(50)");
        assertEquals(-1f, y[6], "tanh(-50)");
        assertEquals(Float.MIN_VALUE, y[7], "tanh(MIN_VALUE)");
    }

    @Test
    void sigmoid_denseSweep_withinThreeUlpAndSaturates() {
        assertUlps("sigmoid", VectorMath::sigmoid, v -> 1 / (1 + Math.exp(-v)), sweep(-80f, 80f), 3.0);
        float[] x = new float[L];
        float[] in = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 100f, -100f, 0f};
        System.arraycopy(in, 0, x, 0, in.length);
        float[] y = apply(VectorMath::sigmoid, x);
        assertEquals(1f, y[0], "sigmoid(+Inf)");
        assertEquals(0f, y[1], "sigmoid(-Inf)");
        assertTrue(Float.isNaN(y[2]), "sigmoid(NaN)");
        assertEquals(1f, y[3], "sigmoid(100)");
        assertEquals(0f, y[4], "sigmoid(-100)");
        assertEquals(0.5f, y[5], "sigmoid(0)");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void simdGelu_seededInputs_withinErfApproximationOfExactGelu(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = uniform(rng, 32 * L, -6, 6);
        float[] y = new float[x.length];
        Activations.simdGelu(x, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double exact = 0.5 * x[i] * (1 + ActivationsTest.erf(x[i] / Math.sqrt(2)));
            // A&S 7.1.26 is within 1.5e-7 of erf, so Φ within 7.5e-8; float rounding adds a few ulp.
            double bound = 7.5e-8 * Math.abs(x[i]) + 4 * Math.ulp((float) exact);
            assertTrue(Math.abs(y[i] - exact) <= bound, "gelu(" + x[i] + ") = " + y[i] + ", exact " + exact);
        }
    }
}
