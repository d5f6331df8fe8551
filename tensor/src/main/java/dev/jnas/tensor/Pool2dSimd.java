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
 * its even and odd lanes (single-vector shuffles plus a constant blend), giving the four window cells of
 * L outputs at once. The max kernel selects with compare-and-blend in the same scan order and with the
 * same strict comparison as the scalar reference, so values and argmax indices agree with it exactly.
 *
 * <p>Narrow rows (q &lt; L, e.g. 28x28 planes) still use full vectors: the surplus lanes read the next
 * rows and write outputs of later rows, which are computed afterwards and overwrite them (rows are
 * processed in increasing order, single-threaded). A vector is only used when all its loads and stores
 * stay inside the input and output; the rest of the row is left to the caller's scalar code. Masked
 * loads/stores are avoided because JDK 17 does not intrinsify them and falls back to boxing.
 */
final class Pool2dSimd {
    private static final VectorSpecies<Float> SP = Simd.SPECIES;
    private static final int L = SP.length();
    private static final VectorSpecies<Integer> ISP =
            VectorSpecies.of(int.class, VectorShape.forBitSize(L * Integer.SIZE));
    private static final VectorShuffle<Float> EVEN;
    private static final VectorShuffle<Float> ODD;
    private static final VectorMask<Float> HIGH;
    private static final IntVector TWICE_IOTA;

    static {
        int[] even = new int[L];
        int[] odd = new int[L];
        int[] twice = new int[L];
        boolean[] high = new boolean[L];
        for (int i = 0; i < L; i++) {
            even[i] = (2 * i) % L;
            odd[i] = (2 * i + 1) % L;
            twice[i] = 2 * i;
            high[i] = i >= L / 2;
        }
        EVEN = VectorShuffle.fromArray(SP, even, 0);
        ODD = VectorShuffle.fromArray(SP, odd, 0);
        HIGH = VectorMask.fromArray(SP, high, 0);
        TWICE_IOTA = IntVector.fromArray(ISP, twice, 0);
    }

    private Pool2dSimd() {
    }

    /**
     * Max pool of one output row: windows start at input offset {@code in} (row 2·oy of a plane of width
     * w); writes y[out ..] and, if non-null, argmax[out ..]; returns how many of the q columns it did.
     * {@code xLimit} and {@code yLimit} bound the input and output regions it may touch.
     */
    static int maxRow(float[] x, int in, int w, int xLimit, float[] y, int out, int[] argmax, int q, int yLimit) {
        int ox = 0;
        for (; ox < q && in + 2 * ox + w + 2 * L <= xLimit && out + ox + L <= yLimit; ox += L) {
            int i0 = in + 2 * ox;
            FloatVector t0 = FloatVector.fromArray(SP, x, i0);
            FloatVector t1 = FloatVector.fromArray(SP, x, i0 + L);
            FloatVector b0 = FloatVector.fromArray(SP, x, i0 + w);
            FloatVector b1 = FloatVector.fromArray(SP, x, i0 + w + L);
            FloatVector m = t0.rearrange(EVEN).blend(t1.rearrange(EVEN), HIGH);
            FloatVector b = t0.rearrange(ODD).blend(t1.rearrange(ODD), HIGH);
            FloatVector c = b0.rearrange(EVEN).blend(b1.rearrange(EVEN), HIGH);
            FloatVector d = b0.rearrange(ODD).blend(b1.rearrange(ODD), HIGH);
            VectorMask<Float> mb = b.compare(VectorOperators.GT, m);
            m = m.blend(b, mb);
            VectorMask<Float> mc = c.compare(VectorOperators.GT, m);
            m = m.blend(c, mc);
            VectorMask<Float> md = d.compare(VectorOperators.GT, m);
            m = m.blend(d, md);
            m.intoArray(y, out + ox);
            if (argmax != null) {
                IntVector base = TWICE_IOTA.add(i0);
                IntVector idx = base.blend(base.add(1), mb.cast(ISP));
                idx = idx.blend(base.add(w), mc.cast(ISP));
                idx = idx.blend(base.add(w + 1), md.cast(ISP));
                idx.intoArray(argmax, out + ox);
            }
        }
        return Math.min(ox, q);
    }

    /** Average pool of one output row, as {@link #maxRow}: the window summed in scan order, then divided by 4. */
    static int avgRow(float[] x, int in, int w, int xLimit, float[] y, int out, int q, int yLimit) {
        int ox = 0;
        for (; ox < q && in + 2 * ox + w + 2 * L <= xLimit && out + ox + L <= yLimit; ox += L) {
            int i0 = in + 2 * ox;
            FloatVector t0 = FloatVector.fromArray(SP, x, i0);
            FloatVector t1 = FloatVector.fromArray(SP, x, i0 + L);
            FloatVector b0 = FloatVector.fromArray(SP, x, i0 + w);
            FloatVector b1 = FloatVector.fromArray(SP, x, i0 + w + L);
            FloatVector s = t0.rearrange(EVEN).blend(t1.rearrange(EVEN), HIGH)
                    .add(t0.rearrange(ODD).blend(t1.rearrange(ODD), HIGH))
                    .add(b0.rearrange(EVEN).blend(b1.rearrange(EVEN), HIGH))
                    .add(b0.rearrange(ODD).blend(b1.rearrange(ODD), HIGH));
            s.div(4f).intoArray(y, out + ox);
        }
        return Math.min(ox, q);
    }
}
