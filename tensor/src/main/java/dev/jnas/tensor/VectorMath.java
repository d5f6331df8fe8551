package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, tanh and sigmoid over {@link Simd#SPECIES} vectors built only from exactly rounded IEEE operations
 * (add, mul, div, fma, min/max, compare/blend, integer shifts on the same-width lanes), so they give the same
 * bits interpreted and C2-compiled, on JDK 17 and 25. {@code lanewise(EXP)} and {@code lanewise(TANH)} do not:
 * the interpreter falls back to {@code Math.exp} per lane and C2 calls SVML stubs, which differ in the last
 * bit on about 1% of inputs, so a model trained differently depending on when its kernels got compiled.
 *
 * <p>Kernels call {@link #exp}, {@link #tanh} or {@link #sigmoid} on a loaded vector; {@link #expScalar} is
 * the same formula lane by lane (bit-identical to {@link #exp}) for the scalar tails of SIMD kernels.
 *
 * <p>exp: x = n·ln2 + r with n = round(x·log2 e) (the 1.5·2²³ magic-number rounding) and ln2 split into a
 * float head and tail (Cody–Waite), so |r| ≤ ln2/2; e^r by a degree-6 polynomial fitted to e^r on that
 * interval (relative truncation error 4e-9); then the result is scaled by 2^n as two factors 2^⌊n/2⌋ and
 * 2^(n−⌊n/2⌋), each built from exponent bits, so IEEE multiplication itself rounds into overflow (+Inf above
 * ln(Float.MAX_VALUE) ≈ 88.7228) and gradual underflow (subnormal results below ≈ −87.3365, 0 below
 * ≈ −103.97), as {@code Math.exp} does. NaN propagates. Error against the exact e^x: at most 1 ulp on
 * normal results (VectorMathTest asserts it on a dense sweep).
 */
public final class VectorMath {
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.6931472f;
    private static final float LN2_LO = (float) (0.6931471805599453 - (double) LN2_HI);
    /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer held in the low mantissa bits. */
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = 0x4B400000;
    // Beyond these the result is already +Inf or 0; the clamp keeps n within the two scale factors' range.
    private static final float X_MAX = 89f;
    private static final float X_MIN = -104f;
    // e^r ≈ 1 + r + r²(C2 + r(C3 + r(C4 + r(C5 + r·C6)))) on |r| ≤ ln2/2, a least-squares fit of the relative
    // error on Chebyshev nodes (made for this class; Taylor's 1/k! coefficients would need degree 7).
    private static final float C2 = 0.49999988079071045f;
    private static final float C3 = 0.166665181517601f;
    private static final float C4 = 0.04166954383254051f;
    private static final float C5 = 0.00836898759007454f;
    private static final float C6 = 0.0013751150108873844f;
    /** Below this |x| tanh uses its odd polynomial: 1 − 2/(e^{2|x|} + 1) cancels digits near 0. */
    private static final float TANH_SMALL = 0.55f;
    // tanh x ≈ x + x³(T0 + u(T1 + u(T2 + u(T3 + u·T4)))), u = x², |x| ≤ 0.55 (fitted like C2..C6).
    private static final float T0 = -0.33333316445350647f;
    private static final float T1 = 0.13332565128803253f;
    private static final float T2 = -0.05385029688477516f;
    private static final float T3 = 0.021064136177301407f;
    private static final float T4 = -0.006264368072152138f;
    // Constants as vectors, so the inlined exp carries no broadcast per use: a smaller graph for C2, which on
    // JDK 17 stopped inlining exp into softmax (NodeCountInliningCutoff) and then boxed its vectors.
    private static final FloatVector V_X_MIN = FloatVector.broadcast(Simd.SPECIES, X_MIN);
    private static final FloatVector V_X_MAX = FloatVector.broadcast(Simd.SPECIES, X_MAX);
    private static final FloatVector V_LOG2E = FloatVector.broadcast(Simd.SPECIES, LOG2E);
    private static final FloatVector V_MAGIC = FloatVector.broadcast(Simd.SPECIES, MAGIC);
    private static final FloatVector V_C6 = FloatVector.broadcast(Simd.SPECIES, C6);
    private static final FloatVector V_C5 = FloatVector.broadcast(Simd.SPECIES, C5);
    private static final IntVector V_MAGIC_BITS = FloatVector.broadcast(Simd.SPECIES, MAGIC).reinterpretAsInts();
    private static final IntVector V_BIAS = IntVector.broadcast(Simd.SPECIES.withLanes(int.class), 127);
    private static final FloatVector V_NEG_LN2_HI = FloatVector.broadcast(Simd.SPECIES, -LN2_HI);
    private static final FloatVector V_NEG_LN2_LO = FloatVector.broadcast(Simd.SPECIES, -LN2_LO);
    private static final FloatVector V_C4 = FloatVector.broadcast(Simd.SPECIES, C4);
    private static final FloatVector V_C3 = FloatVector.broadcast(Simd.SPECIES, C3);
    private static final FloatVector V_C2 = FloatVector.broadcast(Simd.SPECIES, C2);
    private static final FloatVector V_ONE = FloatVector.broadcast(Simd.SPECIES, 1f);
    private static final FloatVector V_TWO = FloatVector.broadcast(Simd.SPECIES, 2f);
    private static final FloatVector V_T2 = FloatVector.broadcast(Simd.SPECIES, T2);
    private static final FloatVector V_T1 = FloatVector.broadcast(Simd.SPECIES, T1);
    private static final FloatVector V_T0 = FloatVector.broadcast(Simd.SPECIES, T0);

    private VectorMath() {
    }

    /** e^x lane-wise (see the class comment for range handling and accuracy). */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(V_X_MIN).min(V_X_MAX);
        FloatVector t = xc.fma(V_LOG2E, V_MAGIC);
        FloatVector n = t.sub(V_MAGIC);
        FloatVector r = n.fma(V_NEG_LN2_HI, xc);
        r = n.fma(V_NEG_LN2_LO, r);
        FloatVector p = r.fma(V_C6, V_C5);
        p = p.fma(r, V_C4);
        p = p.fma(r, V_C3);
        p = p.fma(r, V_C2);
        p = p.fma(r, V_ONE);
        p = p.fma(r, V_ONE);
        // n is the integer in t's low mantissa bits; split it so each factor's exponent stays normal.
        IntVector ni = t.reinterpretAsInts().sub(V_MAGIC_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(V_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(V_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** {@link #exp} for one float: the same operations in the same order, hence the same bits. */
    public static float expScalar(float x) {
        float xc = Math.min(Math.max(x, X_MIN), X_MAX);
        float t = Math.fma(xc, LOG2E, MAGIC);
        float n = t - MAGIC;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, C6, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int ni = Float.floatToRawIntBits(t) - MAGIC_BITS;
        int n1 = ni >> 1;
        int n2 = ni - n1;
        return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    /**
     * tanh x lane-wise: an odd polynomial for |x| below 0.55, otherwise 1 − 2/(e^{2|x|} + 1), both on |x|
     * (evaluated for every lane, then blended) and given x's sign: ±1 for large |x| and ±Inf, NaN propagates,
     * tanh(−0) = +0 (the sign is restored by a blend on x &lt; 0: fewer operations than sign-bit arithmetic).
     * At most 2 ulp from the exact tanh (worst just above 0.55).
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector big = V_TWO.div(exp(a.add(a)).add(1f)).neg().add(1f);
        FloatVector u = a.mul(a);
        FloatVector q = u.fma(T4, T3);
        q = q.fma(u, V_T2);
        q = q.fma(u, V_T1);
        q = q.fma(u, V_T0);
        FloatVector small = a.mul(u).fma(q, a);
        FloatVector t = small.blend(big, a.compare(VectorOperators.GE, TANH_SMALL));
        return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
    }

    /**
     * 1 / (1 + e^{−x}) lane-wise: 0 below about −88.7 (e^{−x} overflows), 1 for large x; NaN propagates.
     * At most 3 ulp from the exact sigmoid (exp's error plus the add and the division).
     */
    public static FloatVector sigmoid(FloatVector x) {
        return V_ONE.div(exp(x.neg()).add(1f));
    }
}
