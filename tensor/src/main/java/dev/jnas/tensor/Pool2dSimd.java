package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for the 2x2 stride-2 pooling windows (the common downsampling layer).
 *
 * <p>Each output row reads two input rows; a pair of vectors covering 2·L adjacent inputs is split into
 * its even and odd lanes with two-vector shuffles, giving the four window cells of L outputs at once.
 * The max kernel selects with compare-and-blend in the same scan order and with the same strict
 * comparison as the scalar reference, so values and argmax indices agree with it exactly. Columns past
 * the last full vector are finished by {@link Pool2d}'s scalar code.
 */
final class Pool2dSimd {
    private static final VectorSpecies<Float> SP = Simd.SPECIES;
    private static final int L = SP.length();
    private static final VectorSpecies<Integer> ISP =
            VectorSpecies.of(int.class, VectorShape.forBitSize(L * Integer.SIZE));
    private static final VectorShuffle<Float> EVEN;
    private static final VectorShuffle<Float> ODD;
    private static final IntVector TWICE_IOTA;

    static {
        int[] even = new int[L];
        int[] odd = new int[L];
        for (int i = 0; i < L; i++) {
            even[i] = 2 * i;
            odd[i] = 2 * i + 1;
        }
        // indices >= L select from the second vector of rearrange(shuffle, v)
        EVEN = VectorShuffle.fromArray(SP, even, 0);
        ODD = VectorShuffle.fromArray(SP, odd, 0);
        TWICE_IOTA = IntVector.fromArray(ISP, even, 0);
    }

    private Pool2dSimd() {
    }

    /**
     * Max pool of plane row {@code oy} for columns [0, returned value): 2x2 stride 2 windows starting at
     * input offset {@code in} (row 2·oy of the plane); writes y[out ..] and, if non-null, argmax[out ..].
     */
    static int maxRow(float[] x, int in, int w, float[] y, int out, int[] argmax, int q) {
        int ox = 0;
        IntVector offB = IntVector.broadcast(ISP, 1);
        IntVector offC = IntVector.broadcast(ISP, w);
        IntVector offD = IntVector.broadcast(ISP, w + 1);
        for (; ox + L <= q; ox += L) {
            int i0 = in + 2 * ox;
            FloatVector t0 = FloatVector.fromArray(SP, x, i0);
            FloatVector t1 = FloatVector.fromArray(SP, x, i0 + L);
            FloatVector b0 = FloatVector.fromArray(SP, x, i0 + w);
            FloatVector b1 = FloatVector.fromArray(SP, x, i0 + w + L);
            FloatVector m = t0.rearrange(EVEN, t1);
            FloatVector b = t0.rearrange(ODD, t1);
            FloatVector c = b0.rearrange(EVEN, b1);
            FloatVector d = b0.rearrange(ODD, b1);
            VectorMask<Float> mb = b.compare(VectorOperators.GT, m);
            m = m.blend(b, mb);
            VectorMask<Float> mc = c.compare(VectorOperators.GT, m);
            m = m.blend(c, mc);
            VectorMask<Float> md = d.compare(VectorOperators.GT, m);
            m = m.blend(d, md);
            m.intoArray(y, out + ox);
            if (argmax != null) {
                IntVector idx = TWICE_IOTA.add(i0);
                idx = idx.blend(idx.add(offB), mb.cast(ISP));
                idx = idx.blend(TWICE_IOTA.add(i0).add(offC), mc.cast(ISP));
                idx = idx.blend(TWICE_IOTA.add(i0).add(offD), md.cast(ISP));
                idx.intoArray(argmax, out + ox);
            }
        }
        return ox;
    }

    /** Average pool of one output row, as {@link #maxRow}, summing the window in scan order then dividing by 4. */
    static int avgRow(float[] x, int in, int w, float[] y, int out, int q) {
        int ox = 0;
        for (; ox + L <= q; ox += L) {
            int i0 = in + 2 * ox;
            FloatVector t0 = FloatVector.fromArray(SP, x, i0);
            FloatVector t1 = FloatVector.fromArray(SP, x, i0 + L);
            FloatVector b0 = FloatVector.fromArray(SP, x, i0 + w);
            FloatVector b1 = FloatVector.fromArray(SP, x, i0 + w + L);
            FloatVector s = t0.rearrange(EVEN, t1).add(t0.rearrange(ODD, t1))
                    .add(b0.rearrange(EVEN, b1)).add(b0.rearrange(ODD, b1));
            s.div(4f).intoArray(y, out + ox);
        }
        return ox;
    }
}
