package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation functions and their backward passes: relu, leaky relu, tanh, sigmoid, gelu.
 *
 * <p>Forward: {@code f(x, xOff, y, yOff, n)} writes y = f(x) (in place allowed). Backward writes
 * dx = dy · f'(·) or, with {@code accumulate}, adds it to dx. The backward of relu, leaky relu and gelu
 * reads the forward input x; the backward of tanh and sigmoid reads the forward output y (cheaper).
 *
 * <p>GELU is the exact (erf) form, PyTorch's default: gelu(x) = x·Φ(x), Φ(x) = ½(1 + erf(x/√2)).
 * erf is evaluated with Abramowitz–Stegun 7.1.26 (absolute error below 1.5e-7, i.e. at float
 * resolution); the scalar reference uses it in double, the SIMD path in float with
 * {@link VectorMath#exp}. The SIMD tanh, sigmoid and GELU use {@link VectorMath} rather than
 * {@code lanewise(TANH/EXP)}, whose bits depend on whether the caller is interpreted or compiled. The derivative uses the exact pdf: gelu'(x) = Φ(x) + x·φ(x).
 *
 * <p>Every entry point dispatches on {@link Simd#enabled()}; {@code scalar...} methods are the
 * references and {@code simd...} the Vector API paths.
 */
public final class Activations {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final FloatVector ONE = FloatVector.broadcast(Simd.SPECIES, 1f);
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    // Abramowitz & Stegun 7.1.26 coefficients.
    private static final double P = 0.3275911;
    private static final double A1 = 0.254829592;
    private static final double A2 = -0.284496736;
    private static final double A3 = 1.421413741;
    private static final double A4 = -1.453152027;
    private static final double A5 = 1.061405429;

    private Activations() {
    }

    /** The activation kinds, for callers that select one by value. */
    public enum Kind { RELU, LEAKY_RELU, TANH, SIGMOID, GELU }

    /** y = f(x) for the given kind; {@code slope} is only used by LEAKY_RELU. */
    public static void forward(Kind kind, float slope, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(kind + " forward", "x", x, xOff, n);
        Checks.range(kind + " forward", "y", y, yOff, n);
        boolean simd = Simd.enabled();
        switch (kind) {
            case RELU -> {
                if (simd) simdRelu(x, xOff, y, yOff, n); else scalarRelu(x, xOff, y, yOff, n);
            }
            case LEAKY_RELU -> {
                if (simd) simdLeakyRelu(slope, x, xOff, y, yOff, n); else scalarLeakyRelu(slope, x, xOff, y, yOff, n);
            }
            case TANH -> {
                if (simd) simdTanh(x, xOff, y, yOff, n); else scalarTanh(x, xOff, y, yOff, n);
            }
            case SIGMOID -> {
                if (simd) simdSigmoid(x, xOff, y, yOff, n); else scalarSigmoid(x, xOff, y, yOff, n);
            }
            case GELU -> {
                if (simd) simdGelu(x, xOff, y, yOff, n); else scalarGelu(x, xOff, y, yOff, n);
            }
        }
    }

    /**
     * dx (+)= dy · f'; {@code x} is the forward input, {@code y} the forward output (either may be
     * null when the kind does not read it: tanh/sigmoid read y, the others read x).
     */
    public static void backward(Kind kind, float slope, float[] x, int xOff, float[] y, int yOff,
                                float[] dy, int dyOff, float[] dx, int dxOff, int n, boolean accumulate) {
        String op = kind + " backward";
        boolean fromOutput = kind == Kind.TANH || kind == Kind.SIGMOID;
        if (fromOutput) {
            Checks.range(op, "y", y, yOff, n);
        } else {
            Checks.range(op, "x", x, xOff, n);
        }
        Checks.range(op, "dy", dy, dyOff, n);
        Checks.range(op, "dx", dx, dxOff, n);
        if (Simd.enabled()) {
            simdBackward(kind, slope, fromOutput ? y : x, fromOutput ? yOff : xOff, dy, dyOff, dx, dxOff, n, accumulate);
        } else {
            scalarBackward(kind, slope, fromOutput ? y : x, fromOutput ? yOff : xOff, dy, dyOff, dx, dxOff, n, accumulate);
        }
    }

    /** New tensor f(x). */
    public static Tensor apply(Kind kind, float slope, Tensor x) {
        Tensor y = Tensor.zeros(x.shape());
        forward(kind, slope, x.data(), 0, y.data(), 0, x.size());
        return y;
    }

    /** New tensor dx = dy · f' given the forward input x and output y (same shapes). */
    public static Tensor gradient(Kind kind, float slope, Tensor x, Tensor y, Tensor dy) {
        Checks.sameShape(kind + " backward", x, dy);
        Checks.sameShape(kind + " backward", y, dy);
        Tensor dx = Tensor.zeros(x.shape());
        backward(kind, slope, x.data(), 0, y.data(), 0, dy.data(), 0, dx.data(), 0, x.size(), false);
        return dx;
    }

    // ---- scalar references -----------------------------------------------------------------

    public static void scalarRelu(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0f ? v : 0f;
        }
    }

    public static void scalarLeakyRelu(float slope, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0f ? v : slope * v;
        }
    }

    public static void scalarTanh(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    public static void scalarSigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
        }
    }

    public static void scalarGelu(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (float) (v * phi(v));
        }
    }

    /** Φ(v) = ½(1 + erf(v/√2)) via A&S 7.1.26 in double. */
    static double phi(double v) {
        double z = Math.abs(v) * INV_SQRT2;
        double t = 1.0 / (1.0 + P * z);
        double q = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * Math.exp(-z * z);
        return v >= 0 ? 1.0 - 0.5 * q : 0.5 * q;
    }

    public static void scalarBackward(Kind kind, float slope, float[] in, int inOff, float[] dy, int dyOff,
                                      float[] dx, int dxOff, int n, boolean accumulate) {
        for (int i = 0; i < n; i++) {
            float v = in[inOff + i];
            float d;
            switch (kind) {
                case RELU -> d = v > 0f ? 1f : 0f;
                case LEAKY_RELU -> d = v > 0f ? 1f : slope;
                case TANH -> d = 1f - v * v;
                case SIGMOID -> d = v * (1f - v);
                default -> d = (float) (phi(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * (double) v * v));
            }
            float g = dy[dyOff + i] * d;
            dx[dxOff + i] = accumulate ? dx[dxOff + i] + g : g;
        }
    }

    // ---- Vector API paths ------------------------------------------------------------------

    public static void simdRelu(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        scalarRelu(x, xOff + i, y, yOff + i, n - i);
    }

    public static void simdLeakyRelu(float slope, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.blend(v.mul(slope), v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i);
        }
        scalarLeakyRelu(slope, x, xOff + i, y, yOff + i, n - i);
    }

    public static void simdTanh(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMath.tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        scalarTanh(x, xOff + i, y, yOff + i, n - i);
    }

    public static void simdSigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMath.sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        scalarSigmoid(x, xOff + i, y, yOff + i, n - i);
    }

    public static void simdGelu(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(simdPhi(v, simdGauss(v))).intoArray(y, yOff + i);
        }
        scalarGelu(x, xOff + i, y, yOff + i, n - i);
    }

    /** Φ(v) lane-wise, given e = exp(-v²/2) (computed by the caller so GELU's backward can reuse it). */
    private static FloatVector simdPhi(FloatVector v, FloatVector e) {
        FloatVector z = v.abs().mul((float) INV_SQRT2);
        FloatVector t = ONE.div(z.fma((float) P, 1f));
        FloatVector poly = t.fma((float) A5, (float) A4);
        poly = poly.fma(t, FloatVector.broadcast(S, (float) A3));
        poly = poly.fma(t, FloatVector.broadcast(S, (float) A2));
        poly = poly.fma(t, FloatVector.broadcast(S, (float) A1));
        poly = poly.mul(t);
        FloatVector half = poly.mul(e).mul(0.5f);
        VectorMask<Float> nonNeg = v.compare(VectorOperators.GE, 0f);
        return half.blend(half.neg().add(1f), nonNeg);
    }

    /** exp(-v²/2) lane-wise. */
    private static FloatVector simdGauss(FloatVector v) {
        return VectorMath.exp(v.mul(v).mul(-0.5f));
    }

    /**
     * SIMD form of {@link #scalarBackward}. One loop per kind: a single loop switching on the kind (with
     * GELU's exp handed back through an array) made C2 box vectors on the heap every iteration.
     */
    public static void simdBackward(Kind kind, float slope, float[] in, int inOff, float[] dy, int dyOff,
                                    float[] dx, int dxOff, int n, boolean accumulate) {
        int i = switch (kind) {
            case RELU -> reluBackward(0f, in, inOff, dy, dyOff, dx, dxOff, n, accumulate);
            case LEAKY_RELU -> reluBackward(slope, in, inOff, dy, dyOff, dx, dxOff, n, accumulate);
            case TANH -> tanhBackward(in, inOff, dy, dyOff, dx, dxOff, n, accumulate);
            case SIGMOID -> sigmoidBackward(in, inOff, dy, dyOff, dx, dxOff, n, accumulate);
            case GELU -> geluBackward(in, inOff, dy, dyOff, dx, dxOff, n, accumulate);
        };
        scalarBackward(kind, slope, in, inOff + i, dy, dyOff + i, dx, dxOff + i, n - i, accumulate);
    }

    /** dx (+)= dy · (in > 0 ? 1 : slope) over whole vectors; returns the count done. */
    private static int reluBackward(float slope, float[] in, int inOff, float[] dy, int dyOff,
                                    float[] dx, int dxOff, int n, boolean accumulate) {
        int i = 0;
        FloatVector low = FloatVector.broadcast(S, slope);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, inOff + i);
            FloatVector d = low.blend(1f, v.compare(VectorOperators.GT, 0f));
            store(FloatVector.fromArray(S, dy, dyOff + i).mul(d), dx, dxOff + i, accumulate);
        }
        return i;
    }

    /** dx (+)= dy · (1 - y²) with y = tanh(x) the forward output. */
    private static int tanhBackward(float[] in, int inOff, float[] dy, int dyOff,
                                    float[] dx, int dxOff, int n, boolean accumulate) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, inOff + i);
            FloatVector d = v.mul(v).neg().add(1f);
            store(FloatVector.fromArray(S, dy, dyOff + i).mul(d), dx, dxOff + i, accumulate);
        }
        return i;
    }

    /** dx (+)= dy · y(1 - y) with y the forward output. */
    private static int sigmoidBackward(float[] in, int inOff, float[] dy, int dyOff,
                                       float[] dx, int dxOff, int n, boolean accumulate) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, inOff + i);
            FloatVector d = v.neg().add(1f).mul(v);
            store(FloatVector.fromArray(S, dy, dyOff + i).mul(d), dx, dxOff + i, accumulate);
        }
        return i;
    }

    /** dx (+)= dy · (Φ(x) + x·φ(x)) with x the forward input. */
    private static int geluBackward(float[] in, int inOff, float[] dy, int dyOff,
                                    float[] dx, int dxOff, int n, boolean accumulate) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, inOff + i);
            FloatVector e = simdGauss(v);
            FloatVector d = v.mul((float) INV_SQRT_2PI).fma(e, simdPhi(v, e));
            store(FloatVector.fromArray(S, dy, dyOff + i).mul(d), dx, dxOff + i, accumulate);
        }
        return i;
    }

    private static void store(FloatVector g, float[] dx, int off, boolean accumulate) {
        (accumulate ? g.add(FloatVector.fromArray(S, dx, off)) : g).intoArray(dx, off);
    }
}
