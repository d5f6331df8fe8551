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

    private Simd() {
    }

    /** True unless {@code -Dnas.simd=false} was given. */
    public static boolean enabled() {
        return ENABLED;
    }
}
