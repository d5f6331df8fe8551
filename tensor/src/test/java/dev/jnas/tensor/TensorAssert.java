package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.fail;

/** Small assertions over float arrays and tensors with a relative-plus-absolute tolerance. */
public final class TensorAssert {
    private TensorAssert() {
    }

    /** Fails with the first differing index if |e - a| > atol + rtol * |e| anywhere. */
    public static void assertClose(float[] expected, float[] actual, double rtol, double atol, String context) {
        if (expected.length != actual.length) {
            fail(context + ": lengths differ: expected " + expected.length + ", got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(a) != Double.isNaN(e) || Math.abs(e - a) > atol + rtol * Math.abs(e)) {
                fail(context + ": element " + i + " differs: expected " + e + ", got " + a
                        + " (rtol " + rtol + ", atol " + atol + ")");
            }
        }
    }

    /** Tensor form of {@link #assertClose(float[], float[], double, double, String)}; shapes must match. */
    public static void assertClose(Tensor expected, Tensor actual, double rtol, double atol, String context) {
        if (!expected.hasShape(actual.shape())) {
            fail(context + ": shapes differ: expected " + expected.shapeString() + ", got " + actual.shapeString());
        }
        assertClose(expected.data(), actual.data(), rtol, atol, context);
    }

    /** Fails with the first index whose bits differ (so -0 vs 0 and NaN payloads count). */
    public static void assertSameBits(float[] expected, float[] actual, String context) {
        if (expected.length != actual.length) {
            fail(context + ": lengths differ: expected " + expected.length + ", got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(context + ": element " + i + " differs: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    /** Relative error used by gradient checks: |a - b| / max(1, |a|, |b|). */
    public static double relError(double a, double b) {
        return Math.abs(a - b) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }
}
