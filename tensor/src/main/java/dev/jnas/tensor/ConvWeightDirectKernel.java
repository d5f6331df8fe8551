package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled kernels of {@link ConvWeightDirect}: one tile of {@link #TM} = 12 kernel taps times
 * {@link #NR} = 32 filters (two AVX-512 vectors; {@link #tileAdd16}: 16 filters, one vector) of the
 * transposed weight gradient dWᵀ[tap, filter], accumulated in 24 (12) vector registers over a run of
 * output pixels.
 *
 * <p>The 12 taps are four groups of three horizontally adjacent taps (kernel columns j, j+1, j+2 of one
 * channel and kernel row), so that a group's three input samples for pixel t sit at adjacent addresses
 * xp[o + t], xp[o + t + 1], xp[o + t + 2] of the zero-padded image: four offsets {@code groups[g..g+4)}
 * instead of twelve, which keeps the loop's addresses in general registers (twelve independent offsets
 * spilled and ran at 100 instead of 155 GFLOP/s). Per pixel t the kernel loads two vectors of dYᵀ
 * (dyt[dOff + t·32 ..], the 32 filters' output gradients at pixel t) and broadcasts the 12 samples.
 *
 * <p>Written out by hand for C2, like {@link GemmKernel} and {@link ConvDirectKernel}: the accumulators
 * are locals, the FMA receiver is the loaded vector, the pixel index is the loop's induction variable
 * (so the range checks of all 14 loads are hoisted). The scalar reference is {@link #scalarTile}.
 */
final class ConvWeightDirectKernel {
    static final VectorSpecies<Float> S = Simd.SPECIES;
    static final int L = Simd.LANES;
    /** Filters per tile: two vectors. */
    static final int NR = 2 * L;
    /** Taps per tile: four groups of three adjacent ones. */
    static final int TM = 12;

    private ConvWeightDirectKernel() {
    }

    /**
     * The reference: c[cOff + i·ldc + f] += Σ_t dyt[dOff + t·nr + f] · xp[base + groups[gOff + i/3] + i%3 + t]
     * for i &lt; {@link #TM}, f &lt; nr (32 for {@link #tileAdd}, 16 for {@link #tileAdd16}), t &lt; len, summed
     * in pixel order from zero, then added to c.
     */
    static void scalarTile(int nr, int len, float[] xp, int[] groups, int gOff, int base, float[] dyt, int dOff,
                           float[] c, int cOff, int ldc) {
        for (int i = 0; i < TM; i++) {
            int o = base + groups[gOff + i / 3] + i % 3;
            for (int f = 0; f < nr; f++) {
                float acc = 0f;
                for (int t = 0; t < len; t++) {
                    acc = Math.fma(dyt[dOff + t * nr + f], xp[o + t], acc);
                }
                c[cOff + i * ldc + f] += acc;
            }
        }
    }

    /** Tile (12 taps × 32 filters) over pixels [0, len), added into c. */
    static void tileAdd(int len, float[] xp, int[] groups, int gOff, int base, float[] dyt, int dOff,
                        float[] c, int cOff, int ldc) {
        FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
        FloatVector c8a = FloatVector.zero(S), c8b = FloatVector.zero(S);
        FloatVector c9a = FloatVector.zero(S), c9b = FloatVector.zero(S);
        FloatVector c10a = FloatVector.zero(S), c10b = FloatVector.zero(S);
        FloatVector c11a = FloatVector.zero(S), c11b = FloatVector.zero(S);
        final int o0 = base + groups[gOff + 0];
        final int o1 = base + groups[gOff + 1];
        final int o2 = base + groups[gOff + 2];
        final int o3 = base + groups[gOff + 3];
        for (int t = 0; t < len; t++) {
            int di = dOff + t * NR;
            FloatVector b0 = FloatVector.fromArray(S, dyt, di);
            FloatVector b1 = FloatVector.fromArray(S, dyt, di + L);
            FloatVector a;
            a = FloatVector.broadcast(S, xp[o0 + t]);
            c0a = b0.fma(a, c0a);
            c0b = b1.fma(a, c0b);
            a = FloatVector.broadcast(S, xp[o0 + t + 1]);
            c1a = b0.fma(a, c1a);
            c1b = b1.fma(a, c1b);
            a = FloatVector.broadcast(S, xp[o0 + t + 2]);
            c2a = b0.fma(a, c2a);
            c2b = b1.fma(a, c2b);
            a = FloatVector.broadcast(S, xp[o1 + t]);
            c3a = b0.fma(a, c3a);
            c3b = b1.fma(a, c3b);
            a = FloatVector.broadcast(S, xp[o1 + t + 1]);
            c4a = b0.fma(a, c4a);
            c4b = b1.fma(a, c4b);
            a = FloatVector.broadcast(S, xp[o1 + t + 2]);
            c5a = b0.fma(a, c5a);
            c5b = b1.fma(a, c5b);
            a = FloatVector.broadcast(S, xp[o2 + t]);
            c6a = b0.fma(a, c6a);
            c6b = b1.fma(a, c6b);
            a = FloatVector.broadcast(S, xp[o2 + t + 1]);
            c7a = b0.fma(a, c7a);
            c7b = b1.fma(a, c7b);
            a = FloatVector.broadcast(S, xp[o2 + t + 2]);
            c8a = b0.fma(a, c8a);
            c8b = b1.fma(a, c8b);
            a = FloatVector.broadcast(S, xp[o3 + t]);
            c9a = b0.fma(a, c9a);
            c9b = b1.fma(a, c9b);
            a = FloatVector.broadcast(S, xp[o3 + t + 1]);
            c10a = b0.fma(a, c10a);
            c10b = b1.fma(a, c10b);
            a = FloatVector.broadcast(S, xp[o3 + t + 2]);
            c11a = b0.fma(a, c11a);
            c11b = b1.fma(a, c11b);
        }
        int o = cOff;
        FloatVector.fromArray(S, c, o).add(c0a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c0b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c1a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c1b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c2a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c2b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c3a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c3b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c4a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c4b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c5a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c5b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c6a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c6b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c7a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c7b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c8a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c8b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c9a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c9b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c10a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c10b).intoArray(c, o + L);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c11a).intoArray(c, o);
        FloatVector.fromArray(S, c, o + L).add(c11b).intoArray(c, o + L);
    }

    /** Tile (12 taps × 16 filters, one vector) over pixels [0, len), added into c: for 16-filter layers. */
    static void tileAdd16(int len, float[] xp, int[] groups, int gOff, int base, float[] dyt, int dOff,
                          float[] c, int cOff, int ldc) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        final int o0 = base + groups[gOff + 0];
        final int o1 = base + groups[gOff + 1];
        final int o2 = base + groups[gOff + 2];
        final int o3 = base + groups[gOff + 3];
        for (int t = 0; t < len; t++) {
            FloatVector b = FloatVector.fromArray(S, dyt, dOff + t * L);
            c0 = b.fma(FloatVector.broadcast(S, xp[o0 + t]), c0);
            c1 = b.fma(FloatVector.broadcast(S, xp[o0 + t + 1]), c1);
            c2 = b.fma(FloatVector.broadcast(S, xp[o0 + t + 2]), c2);
            c3 = b.fma(FloatVector.broadcast(S, xp[o1 + t]), c3);
            c4 = b.fma(FloatVector.broadcast(S, xp[o1 + t + 1]), c4);
            c5 = b.fma(FloatVector.broadcast(S, xp[o1 + t + 2]), c5);
            c6 = b.fma(FloatVector.broadcast(S, xp[o2 + t]), c6);
            c7 = b.fma(FloatVector.broadcast(S, xp[o2 + t + 1]), c7);
            c8 = b.fma(FloatVector.broadcast(S, xp[o2 + t + 2]), c8);
            c9 = b.fma(FloatVector.broadcast(S, xp[o3 + t]), c9);
            c10 = b.fma(FloatVector.broadcast(S, xp[o3 + t + 1]), c10);
            c11 = b.fma(FloatVector.broadcast(S, xp[o3 + t + 2]), c11);
        }
        int o = cOff;
        FloatVector.fromArray(S, c, o).add(c0).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c1).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c2).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c3).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c4).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c5).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c6).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c7).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c8).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c9).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c10).intoArray(c, o);
        o += ldc;
        FloatVector.fromArray(S, c, o).add(c11).intoArray(c, o);
    }
}
