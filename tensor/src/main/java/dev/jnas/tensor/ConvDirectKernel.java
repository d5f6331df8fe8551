package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled kernels of {@link ConvDirect}: one tile of {@link #TM} = 14 adjacent output pixels times
 * {@link #NR} = 32 filters (two AVX-512 vectors), accumulated in 28 vector registers over kc taps.
 *
 * <p>Per tap kk the kernel loads two vectors of the transposed weights (wt[wOff + kk·32 ..], 32 filters)
 * and broadcasts the 14 input samples xp[base + taps[tapOff + kk] + t], t = 0..13, which are adjacent in
 * the zero-padded image: no lowered input is ever written. Row t of the tile (pixel t, 32 filters) goes
 * to c[cOff + t·ldc ..]: {@link #tileStore} overwrites it (the first tap block), {@link #tileAdd} adds to it.
 *
 * <p>Written out by hand for C2 (JDK 17 and 25): the 28 accumulators are locals so that they stay in
 * registers, the FMA receiver is the loaded weight vector, and the storing and adding endings are separate
 * methods (one method with both endings passes C2's node-count limit and boxes the vectors). C2 merges the
 * range checks of the 14 loads at constant offsets from one index into one pair (range-check smearing).
 * The scalar reference is {@link #scalarTile}.
 */
final class ConvDirectKernel {
    static final VectorSpecies<Float> S = Simd.SPECIES;
    static final int L = Simd.LANES;
    /** Filters per tile: two vectors. */
    static final int NR = 2 * L;
    /** Output pixels per tile. */
    static final int TM = 14;

    private ConvDirectKernel() {
    }

    /**
     * The reference: c[cOff + t·ldc + f] (+)= Σ_kk wt[wOff + kk·NR + f] · xp[base + taps[tapOff + kk] + t]
     * for t &lt; {@link #TM}, f &lt; {@link #NR}, summed in tap order from zero and added to c when {@code add}.
     */
    static void scalarTile(int kc, float[] wt, int wOff, float[] xp, int[] taps, int tapOff, int base,
                           float[] c, int cOff, int ldc, boolean add) {
        for (int t = 0; t < TM; t++) {
            for (int f = 0; f < NR; f++) {
                float acc = 0f;
                for (int kk = 0; kk < kc; kk++) {
                    acc = Math.fma(wt[wOff + kk * NR + f], xp[base + taps[tapOff + kk] + t], acc);
                }
                int o = cOff + t * ldc + f;
                c[o] = add ? c[o] + acc : acc;
            }
        }
    }

    /** Tile (14 pixels × 32 filters) over kc taps, stored into c. */
    static void tileStore(int kc, float[] wt, int wOff, float[] xp, int[] taps, int tapOff, int base,
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
        FloatVector c12a = FloatVector.zero(S), c12b = FloatVector.zero(S);
        FloatVector c13a = FloatVector.zero(S), c13b = FloatVector.zero(S);
        for (int kk = 0; kk < kc; kk++) {
            int wi = wOff + kk * NR;
            FloatVector b0 = FloatVector.fromArray(S, wt, wi);
            FloatVector b1 = FloatVector.fromArray(S, wt, wi + L);
            int xi = base + taps[tapOff + kk];
            FloatVector a;
            a = FloatVector.broadcast(S, xp[xi]);
            c0a = b0.fma(a, c0a);
            c0b = b1.fma(a, c0b);
            a = FloatVector.broadcast(S, xp[xi + 1]);
            c1a = b0.fma(a, c1a);
            c1b = b1.fma(a, c1b);
            a = FloatVector.broadcast(S, xp[xi + 2]);
            c2a = b0.fma(a, c2a);
            c2b = b1.fma(a, c2b);
            a = FloatVector.broadcast(S, xp[xi + 3]);
            c3a = b0.fma(a, c3a);
            c3b = b1.fma(a, c3b);
            a = FloatVector.broadcast(S, xp[xi + 4]);
            c4a = b0.fma(a, c4a);
            c4b = b1.fma(a, c4b);
            a = FloatVector.broadcast(S, xp[xi + 5]);
            c5a = b0.fma(a, c5a);
            c5b = b1.fma(a, c5b);
            a = FloatVector.broadcast(S, xp[xi + 6]);
            c6a = b0.fma(a, c6a);
            c6b = b1.fma(a, c6b);
            a = FloatVector.broadcast(S, xp[xi + 7]);
            c7a = b0.fma(a, c7a);
            c7b = b1.fma(a, c7b);
            a = FloatVector.broadcast(S, xp[xi + 8]);
            c8a = b0.fma(a, c8a);
            c8b = b1.fma(a, c8b);
            a = FloatVector.broadcast(S, xp[xi + 9]);
            c9a = b0.fma(a, c9a);
            c9b = b1.fma(a, c9b);
            a = FloatVector.broadcast(S, xp[xi + 10]);
            c10a = b0.fma(a, c10a);
            c10b = b1.fma(a, c10b);
            a = FloatVector.broadcast(S, xp[xi + 11]);
            c11a = b0.fma(a, c11a);
            c11b = b1.fma(a, c11b);
            a = FloatVector.broadcast(S, xp[xi + 12]);
            c12a = b0.fma(a, c12a);
            c12b = b1.fma(a, c12b);
            a = FloatVector.broadcast(S, xp[xi + 13]);
            c13a = b0.fma(a, c13a);
            c13b = b1.fma(a, c13b);
        }
        int o = cOff;
        c0a.intoArray(c, o);
        c0b.intoArray(c, o + L);
        o += ldc;
        c1a.intoArray(c, o);
        c1b.intoArray(c, o + L);
        o += ldc;
        c2a.intoArray(c, o);
        c2b.intoArray(c, o + L);
        o += ldc;
        c3a.intoArray(c, o);
        c3b.intoArray(c, o + L);
        o += ldc;
        c4a.intoArray(c, o);
        c4b.intoArray(c, o + L);
        o += ldc;
        c5a.intoArray(c, o);
        c5b.intoArray(c, o + L);
        o += ldc;
        c6a.intoArray(c, o);
        c6b.intoArray(c, o + L);
        o += ldc;
        c7a.intoArray(c, o);
        c7b.intoArray(c, o + L);
        o += ldc;
        c8a.intoArray(c, o);
        c8b.intoArray(c, o + L);
        o += ldc;
        c9a.intoArray(c, o);
        c9b.intoArray(c, o + L);
        o += ldc;
        c10a.intoArray(c, o);
        c10b.intoArray(c, o + L);
        o += ldc;
        c11a.intoArray(c, o);
        c11b.intoArray(c, o + L);
        o += ldc;
        c12a.intoArray(c, o);
        c12b.intoArray(c, o + L);
        o += ldc;
        c13a.intoArray(c, o);
        c13b.intoArray(c, o + L);
    }

    /** Tile (14 pixels × 32 filters) over kc taps, added to c. */
    static void tileAdd(int kc, float[] wt, int wOff, float[] xp, int[] taps, int tapOff, int base,
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
        FloatVector c12a = FloatVector.zero(S), c12b = FloatVector.zero(S);
        FloatVector c13a = FloatVector.zero(S), c13b = FloatVector.zero(S);
        for (int kk = 0; kk < kc; kk++) {
            int wi = wOff + kk * NR;
            FloatVector b0 = FloatVector.fromArray(S, wt, wi);
            FloatVector b1 = FloatVector.fromArray(S, wt, wi + L);
            int xi = base + taps[tapOff + kk];
            FloatVector a;
            a = FloatVector.broadcast(S, xp[xi]);
            c0a = b0.fma(a, c0a);
            c0b = b1.fma(a, c0b);
            a = FloatVector.broadcast(S, xp[xi + 1]);
            c1a = b0.fma(a, c1a);
            c1b = b1.fma(a, c1b);
            a = FloatVector.broadcast(S, xp[xi + 2]);
            c2a = b0.fma(a, c2a);
            c2b = b1.fma(a, c2b);
            a = FloatVector.broadcast(S, xp[xi + 3]);
            c3a = b0.fma(a, c3a);
            c3b = b1.fma(a, c3b);
            a = FloatVector.broadcast(S, xp[xi + 4]);
            c4a = b0.fma(a, c4a);
            c4b = b1.fma(a, c4b);
            a = FloatVector.broadcast(S, xp[xi + 5]);
            c5a = b0.fma(a, c5a);
            c5b = b1.fma(a, c5b);
            a = FloatVector.broadcast(S, xp[xi + 6]);
            c6a = b0.fma(a, c6a);
            c6b = b1.fma(a, c6b);
            a = FloatVector.broadcast(S, xp[xi + 7]);
            c7a = b0.fma(a, c7a);
            c7b = b1.fma(a, c7b);
            a = FloatVector.broadcast(S, xp[xi + 8]);
            c8a = b0.fma(a, c8a);
            c8b = b1.fma(a, c8b);
            a = FloatVector.broadcast(S, xp[xi + 9]);
            c9a = b0.fma(a, c9a);
            c9b = b1.fma(a, c9b);
            a = FloatVector.broadcast(S, xp[xi + 10]);
            c10a = b0.fma(a, c10a);
            c10b = b1.fma(a, c10b);
            a = FloatVector.broadcast(S, xp[xi + 11]);
            c11a = b0.fma(a, c11a);
            c11b = b1.fma(a, c11b);
            a = FloatVector.broadcast(S, xp[xi + 12]);
            c12a = b0.fma(a, c12a);
            c12b = b1.fma(a, c12b);
            a = FloatVector.broadcast(S, xp[xi + 13]);
            c13a = b0.fma(a, c13a);
            c13b = b1.fma(a, c13b);
        }
        int o = cOff;
        c0a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c0b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c1a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c1b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c2a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c2b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c3a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c3b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c4a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c4b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c5a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c5b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c6a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c6b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c7a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c7b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c8a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c8b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c9a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c9b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c10a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c10b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c11a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c11b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c12a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c12b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        o += ldc;
        c13a.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c13b.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
    }
}
