package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Warms the Vector API's shared operator profile with several kinds of operator before any kernel runs,
 * so that C2 never speculates on a single kind there (JDK 17).
 *
 * <p>Every lanewise operation, comparison and shuffle check passes its operator through one shared
 * {@code VectorOperators.opCode} call site. When a standalone compilation of it speculated on the one or
 * two kinds seen so far and a third arrived during warm-up (for example the comparison inside a
 * {@code rearrange}), it hit the per-bytecode trap limit, and from then on C2 compiled kernels in that JVM
 * with a real call where the vector class had to be a constant: their loads and stores stopped being
 * intrinsics and boxed every vector (about 1 JVM in 10 of the conv benchmark ran 4.3x slower; see
 * docs/performance.md, round 6). Seeing four kinds from the start makes the site megamorphic, so it is
 * compiled without that speculation. Kernels are unaffected: their operators are constants.
 *
 * <p>Called once from {@link Simd}'s initialisation; {@code -Dnas.simd.prime=false} skips it (for
 * measuring). Costs a few milliseconds of interpreted vector operations.
 */
final class OperatorProfile {
    /** Keeps the result alive so the warm-up is not optimised away. */
    static volatile float sink;

    private OperatorProfile() {
    }

    static void prime() {
        if (!Boolean.parseBoolean(System.getProperty("nas.simd.prime", "true"))) {
            return;
        }
        float[] a = new float[Simd.LANES];
        for (int i = 0; i < a.length; i++) {
            a[i] = i - 3.5f;
        }
        FloatVector v = FloatVector.fromArray(Simd.SPECIES, a, 0);
        FloatVector acc = v;
        for (int i = 0; i < 1500; i++) {
            acc = acc.add(v);                                        // associative binary
            acc = acc.neg();                                         // unary
            acc = acc.fma(v, v);                                     // ternary
            VectorMask<Float> m = acc.compare(VectorOperators.LT, v); // comparison
            acc = acc.blend(v, m);
        }
        sink = acc.lane(0);
    }
}
