package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Global switch between the SIMD (Vector API) and scalar reference paths of every kernel.
 *
 * <p>Read once at class load from the system property {@code nas.simd} ({@code false} forces the
 * scalar path). Kernel classes branch on {@link #enabled()} in their public entry points and also
 * expose their {@code scalar...} and {@code simd...} implementations so tests can compare them.
 */
public final class Simd {
    /** The preferred float species of this machine (16 lanes with AVX-512, 8 with AVX2). */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector of {@link #SPECIES}. */
    public static final int LANES = SPECIES.length();

    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("nas.simd", "true"));

    static {
        if (ENABLED) {
            OperatorProfile.prime();
        }
    }

    private Simd() {
    }

    /** True unless {@code -Dnas.simd=false} was given. */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * The sum of {@code v}'s lanes, added one after the other from lane 0: the same bits on every JDK and
     * in interpreted and compiled code. {@code reduceLanes(ADD)} leaves the order unspecified, and JDK 25's
     * C2 adds in another order than its interpreter, so trained weights depended on when a kernel got
     * compiled (the same trial twice in one JVM differed in the 7th digit of its loss). Kernels reduce
     * once per row or output, so the strict order costs little (JDK 17's C2 used it anyway).
     */
    public static float sumLanes(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < LANES; i++) {
            s += v.lane(i);
        }
        return s;
    }
}
