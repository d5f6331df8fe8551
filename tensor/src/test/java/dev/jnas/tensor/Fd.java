package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Central finite differences in double precision for gradient checks.
 *
 * <p>Kernel tests differentiate a test-only double-precision twin of the forward function (eps 1e-6,
 * truncation and rounding errors far below float resolution) and compare with the float backward
 * kernel; a separate assertion checks that the float forward matches the twin. Together they show the
 * float backward is the derivative of the float forward up to float rounding.
 */
public final class Fd {
    /** A scalar function of a vector. */
    @FunctionalInterface
    public interface Fn {
        double apply(double[] x);
    }

    private Fd() {
    }

    /** Numerical gradient of f at x by central differences with step eps (x is restored). */
    public static double[] grad(Fn f, double[] x, double eps) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double old = x[i];
            x[i] = old + eps;
            double up = f.apply(x);
            x[i] = old - eps;
            double down = f.apply(x);
            x[i] = old;
            g[i] = (up - down) / (2 * eps);
        }
        return g;
    }

    /** Widening copy. */
    public static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** Fails at the first index where {@link TensorAssert#relError} exceeds tol. */
    public static void assertGradClose(double[] expected, float[] actual, double tol, String context) {
        if (expected.length != actual.length) {
            fail(context + ": gradient lengths differ: " + expected.length + " vs " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(TensorAssert.relError(expected[i], actual[i]) <= tol)) {
                fail(context + ": gradient element " + i + ": numeric " + expected[i] + ", analytic " + actual[i]
                        + " (tol " + tol + ")");
            }
        }
    }
}
