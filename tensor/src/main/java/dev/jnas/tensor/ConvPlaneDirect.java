package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct convolution for output planes of exactly one vector (4x4 maps with 16 lanes): for each image and
 * block of 8 filters, every tap's output pixels are gathered once from the zero-padded image (the
 * {@link Im2col#smallPlane} tables) into one vector and multiplied into the 8 filters' accumulators, so no
 * column matrix is written or packed (for these maps it is 25x the input with 5x5 kernels). The backward input
 * pass of a stride-1 convolution is such a forward too: of dY with the flipped kernels ({@link #backwardShape}).
 *
 * <p>Call order: {@link #applies} (or {@link #backwardShape}), then {@link #forward}; results are a sum over
 * the taps in order, so they do not depend on the thread count.
 */
final class ConvPlaneDirect {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    /** Filters per register block: 8 accumulators, the gathered vector and a broadcast. */
    private static final int KB = 8;

    private ConvPlaneDirect() {
    }

    /** True when g's output plane is exactly one vector (and the gather tables apply). */
    static boolean applies(ConvShape g) {
        return g.p() * g.q() == L && Im2col.smallPlane(g);
    }

    /**
     * The forward shape that computes g's backward input (dY as a k-channel image, c filters, padding r-1-pad),
     * or null when g is not stride 1, pads more than r-1 or that shape does not {@link #applies}.
     */
    static ConvShape backwardShape(ConvShape g) {
        if (g.strideH() != 1 || g.strideW() != 1 || g.padH() > g.r() - 1 || g.padW() > g.s() - 1) {
            return null;
        }
        ConvShape t = new ConvShape(g.n(), g.k(), g.p(), g.q(), g.c(), g.r(), g.s(), 1, 1,
                g.r() - 1 - g.padH(), g.s() - 1 - g.padW());
        return applies(t) ? t : null;
    }

    /** y = conv(x) + bias (bias may be null) for the whole batch, images split across the threads. */
    static void forward(ConvShape g, float[] x, float[] w, float[] bias, float[] y) {
        Parallel.RangeBody body = (from, to) -> range(g, x, w, bias, y, from, to);
        if (Conv2dGemm.batchParallel(g)) {
            Parallel.forRange(g.n(), 1, body);
        } else {
            body.run(0, g.n());
        }
    }

    private static void range(ConvShape g, float[] x, float[] w, float[] bias, float[] y, int from, int to) {
        final int k = g.k(), crs = g.c() * g.r() * g.s(), chw = g.c() * g.h() * g.w();
        Im2col.Small sm = Im2col.small(g);
        for (int n = from; n < to; n++) {
            float[] xp = sm.padded(g, x, n * chw);
            int yOff = n * k * L;
            int kb = 0;
            for (; kb + 2 * KB <= k; kb += 2 * KB) {
                block16(xp, sm.taps, sm.pixels, crs, w, kb, bias, y, yOff);
            }
            for (; kb + KB <= k; kb += KB) {
                block8(xp, sm.taps, sm.pixels, crs, w, kb, bias, y, yOff);
            }
            for (; kb < k; kb++) {
                block1(xp, sm.taps, sm.pixels, crs, w, kb, bias, y, yOff);
            }
        }
    }

    /** Filters kb .. kb+7 of one image: y[yOff + (kb+i)·L ..] = Σ_row w[kb+i][row] · gather(row) (+ bias). */
    private static void block8(float[] xp, int[] taps, int[] pixels, int crs, float[] w, int kb, float[] bias,
                               float[] y, int yOff) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S);
        final int w0 = kb * crs;
        for (int row = 0; row < crs; row++) {
            FloatVector v = FloatVector.fromArray(S, xp, taps[row], pixels, 0);
            int o = w0 + row;
            a0 = v.fma(FloatVector.broadcast(S, w[o]), a0);
            a1 = v.fma(FloatVector.broadcast(S, w[o + crs]), a1);
            a2 = v.fma(FloatVector.broadcast(S, w[o + 2 * crs]), a2);
            a3 = v.fma(FloatVector.broadcast(S, w[o + 3 * crs]), a3);
            a4 = v.fma(FloatVector.broadcast(S, w[o + 4 * crs]), a4);
            a5 = v.fma(FloatVector.broadcast(S, w[o + 5 * crs]), a5);
            a6 = v.fma(FloatVector.broadcast(S, w[o + 6 * crs]), a6);
            a7 = v.fma(FloatVector.broadcast(S, w[o + 7 * crs]), a7);
        }
        int d = yOff + kb * L;
        if (bias != null) {
            a0 = a0.add(bias[kb]);
            a1 = a1.add(bias[kb + 1]);
            a2 = a2.add(bias[kb + 2]);
            a3 = a3.add(bias[kb + 3]);
            a4 = a4.add(bias[kb + 4]);
            a5 = a5.add(bias[kb + 5]);
            a6 = a6.add(bias[kb + 6]);
            a7 = a7.add(bias[kb + 7]);
        }
        a0.intoArray(y, d);
        a1.intoArray(y, d + L);
        a2.intoArray(y, d + 2 * L);
        a3.intoArray(y, d + 3 * L);
        a4.intoArray(y, d + 4 * L);
        a5.intoArray(y, d + 5 * L);
        a6.intoArray(y, d + 6 * L);
        a7.intoArray(y, d + 7 * L);
    }

    /**
     * Filters kb .. kb+15 of one image, as {@link #block8}: a gather costs one load per lane, so sharing each
     * gathered vector among 16 filters instead of 8 halves the loads (16 accumulators, 18 of 32 registers).
     */
    private static void block16(float[] xp, int[] taps, int[] pixels, int crs, float[] w, int kb, float[] bias,
                                float[] y, int yOff) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S);
        FloatVector a8 = FloatVector.zero(S), a9 = FloatVector.zero(S), a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a12 = FloatVector.zero(S), a13 = FloatVector.zero(S), a14 = FloatVector.zero(S), a15 = FloatVector.zero(S);
        final int w0 = kb * crs;
        for (int row = 0; row < crs; row++) {
            FloatVector v = FloatVector.fromArray(S, xp, taps[row], pixels, 0);
            int o = w0 + row;
            a0 = v.fma(FloatVector.broadcast(S, w[o]), a0);
            a1 = v.fma(FloatVector.broadcast(S, w[o + crs]), a1);
            a2 = v.fma(FloatVector.broadcast(S, w[o + 2 * crs]), a2);
            a3 = v.fma(FloatVector.broadcast(S, w[o + 3 * crs]), a3);
            a4 = v.fma(FloatVector.broadcast(S, w[o + 4 * crs]), a4);
            a5 = v.fma(FloatVector.broadcast(S, w[o + 5 * crs]), a5);
            a6 = v.fma(FloatVector.broadcast(S, w[o + 6 * crs]), a6);
            a7 = v.fma(FloatVector.broadcast(S, w[o + 7 * crs]), a7);
            a8 = v.fma(FloatVector.broadcast(S, w[o + 8 * crs]), a8);
            a9 = v.fma(FloatVector.broadcast(S, w[o + 9 * crs]), a9);
            a10 = v.fma(FloatVector.broadcast(S, w[o + 10 * crs]), a10);
            a11 = v.fma(FloatVector.broadcast(S, w[o + 11 * crs]), a11);
            a12 = v.fma(FloatVector.broadcast(S, w[o + 12 * crs]), a12);
            a13 = v.fma(FloatVector.broadcast(S, w[o + 13 * crs]), a13);
            a14 = v.fma(FloatVector.broadcast(S, w[o + 14 * crs]), a14);
            a15 = v.fma(FloatVector.broadcast(S, w[o + 15 * crs]), a15);
        }
        int d = yOff + kb * L;
        if (bias != null) {
            a0 = a0.add(bias[kb]);
            a1 = a1.add(bias[kb + 1]);
            a2 = a2.add(bias[kb + 2]);
            a3 = a3.add(bias[kb + 3]);
            a4 = a4.add(bias[kb + 4]);
            a5 = a5.add(bias[kb + 5]);
            a6 = a6.add(bias[kb + 6]);
            a7 = a7.add(bias[kb + 7]);
            a8 = a8.add(bias[kb + 8]);
            a9 = a9.add(bias[kb + 9]);
            a10 = a10.add(bias[kb + 10]);
            a11 = a11.add(bias[kb + 11]);
            a12 = a12.add(bias[kb + 12]);
            a13 = a13.add(bias[kb + 13]);
            a14 = a14.add(bias[kb + 14]);
            a15 = a15.add(bias[kb + 15]);
        }
        a0.intoArray(y, d);
        a1.intoArray(y, d + L);
        a2.intoArray(y, d + 2 * L);
        a3.intoArray(y, d + 3 * L);
        a4.intoArray(y, d + 4 * L);
        a5.intoArray(y, d + 5 * L);
        a6.intoArray(y, d + 6 * L);
        a7.intoArray(y, d + 7 * L);
        a8.intoArray(y, d + 8 * L);
        a9.intoArray(y, d + 9 * L);
        a10.intoArray(y, d + 10 * L);
        a11.intoArray(y, d + 11 * L);
        a12.intoArray(y, d + 12 * L);
        a13.intoArray(y, d + 13 * L);
        a14.intoArray(y, d + 14 * L);
        a15.intoArray(y, d + 15 * L);
    }

    /** One filter of one image (the filters left after the blocks of 8). */
    private static void block1(float[] xp, int[] taps, int[] pixels, int crs, float[] w, int kk, float[] bias,
                               float[] y, int yOff) {
        FloatVector a = FloatVector.zero(S);
        final int w0 = kk * crs;
        for (int row = 0; row < crs; row++) {
            a = FloatVector.fromArray(S, xp, taps[row], pixels, 0).fma(FloatVector.broadcast(S, w[w0 + row]), a);
        }
        if (bias != null) {
            a = a.add(bias[kk]);
        }
        a.intoArray(y, yOff + kk * L);
    }
}
