package dev.jnas.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lowering of one image to a column matrix and back, for GEMM-based convolution.
 *
 * <p>{@link #im2col} writes row {@code (ci·r + i)·s + j} of the column matrix as the p×q plane of input
 * samples seen by kernel tap (ci, i, j), zeros where the tap falls into padding; {@code ld} is the row
 * stride of the column matrix so several images can sit side by side. {@link #col2im} is its adjoint:
 * it adds each column entry back onto the input sample it came from. For each (tap, output row) the
 * range of output columns whose tap lies inside the image is computed once, so the inner loops carry
 * no bounds tests (a plain copy for stride 1).
 */
final class Im2col {
    private static final VectorSpecies<Float> SP = Simd.SPECIES;
    /**
     * Output rows of at most this many pixels go through the gather paths ({@link #smallPlane}): with rows of
     * 1-4 samples the per-tap, per-row set-up of the copying loops (bounds, fills, strides) cost several
     * times the copy; in the digits search, lowering 4x4 and 2x2 maps was a quarter of all the time.
     */
    static final int SMALL_Q = 4;
    private static final ThreadLocal<Small> SMALL = ThreadLocal.withInitial(Small::new);

    private Im2col() {
    }

    /**
     * One thread's scratch for the gather paths: a zero-padded image (or gradient) and, for the geometry last
     * used, the offset of every tap and every output pixel in it.
     */
    /** This thread's padded-image buffer and gather tables, prepared for g (shared with {@link ConvPlaneDirect}). */
    static Small small(ConvShape g) {
        return SMALL.get().prepare(g);
    }

    static final class Small {
        final GrowBuffer image = new GrowBuffer();
        ConvShape shape;
        int hp;
        int wp;
        int[] taps = new int[0];
        int[] pixels = new int[0];

        /** Tables for g (recomputed only when the geometry, batch size aside, changes). */
        Small prepare(ConvShape g) {
            if (shape != null && shape.c() == g.c() && shape.h() == g.h() && shape.w() == g.w()
                    && shape.r() == g.r() && shape.s() == g.s() && shape.strideH() == g.strideH()
                    && shape.strideW() == g.strideW() && shape.padH() == g.padH() && shape.padW() == g.padW()) {
                return this;
            }
            shape = g;
            hp = g.h() + 2 * g.padH();
            wp = g.w() + 2 * g.padW();
            int crs = g.c() * g.r() * g.s(), pq = g.p() * g.q();
            if (taps.length < crs) {
                taps = new int[crs];
            }
            if (pixels.length < pq) {
                pixels = new int[pq];
            }
            ConvPadded.fillTaps(g, wp, hp * wp, taps);
            for (int oy = 0, e = 0; oy < g.p(); oy++) {
                for (int ox = 0; ox < g.q(); ox++) {
                    pixels[e++] = oy * g.strideH() * wp + ox * g.strideW();
                }
            }
            return this;
        }

        /** Image x[xOff ..] zero-padded into this thread's buffer (tables prepared for g). */
        float[] padded(ConvShape g, float[] x, int xOff) {
            float[] xp = image.get(g.c() * hp * wp);
            ConvPadded.pad(g, x, xOff, xp, hp, wp);
            return xp;
        }
    }

    /** True when the output rows are short enough for the gather paths. */
    static boolean smallPlane(ConvShape g) {
        return g.q() <= SMALL_Q;
    }

    /** Lowers image {@code x[xOff ..]} [c,h,w] into {@code col[colOff + row·ld + p·q + qq]}. */
    static void im2col(ConvShape g, float[] x, int xOff, float[] col, int colOff, int ld) {
        if (smallPlane(g)) {
            im2colSmall(g, x, xOff, col, colOff, ld);
            return;
        }
        final int h = g.h(), w = g.w(), r = g.r(), s = g.s(), sh = g.strideH(), sw = g.strideW();
        final int ph = g.padH(), pw = g.padW(), p = g.p(), q = g.q();
        for (int ci = 0; ci < g.c(); ci++) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < s; j++) {
                    int dstRow = colOff + ((ci * r + i) * s + j) * ld;
                    int qlo = firstValid(pw - j, sw, q);
                    int qhi = Math.max(qlo, lastValidExclusive(w - 1 + pw - j, sw, q));
                    boolean padded = qlo > 0 || qhi < q || i < ph || (p - 1) * sh - ph + i >= h;
                    if (padded) {
                        // One bulk fill of the tap's p·q run, then copies of the valid parts: per-row
                        // zeroing of 1-2 float strips was ~15% of a LeNet-5 step (loop set-up per strip).
                        Arrays.fill(col, dstRow, dstRow + p * q, 0f);
                    }
                    for (int oy = 0; oy < p; oy++) {
                        int ih = oy * sh - ph + i;
                        int d = dstRow + oy * q;
                        if (ih < 0 || ih >= h || qlo == qhi) {
                            // (qlo == qhi: the tap misses the image; src may then lie past the array)
                            continue;
                        }
                        int src = xOff + (ci * h + ih) * w + qlo * sw - pw + j;
                        if (sw == 1) {
                            System.arraycopy(x, src, col, d + qlo, qhi - qlo);
                        } else {
                            for (int ox = qlo; ox < qhi; ox++, src += sw) {
                                col[d + ox] = x[src];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds the column matrix {@code col[colOff + row·ld ..]} back onto image {@code dx[dxOff ..]} [c,h,w].
     * May zero the entries of {@code col} that fall into padding (callers pass scratch).
     */
    static void col2im(ConvShape g, float[] col, int colOff, int ld, float[] dx, int dxOff) {
        if (smallPlane(g)) {
            col2imSmall(g, col, colOff, ld, dx, dxOff);
            return;
        }
        final int h = g.h(), w = g.w(), r = g.r(), s = g.s(), sh = g.strideH(), sw = g.strideW();
        final int ph = g.padH(), pw = g.padW(), p = g.p(), q = g.q();
        if (sh == 1 && sw == 1 && w == q) {
            col2imSame(g, col, colOff, ld, dx, dxOff);
            return;
        }
        for (int ci = 0; ci < g.c(); ci++) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < s; j++) {
                    int srcRow = colOff + ((ci * r + i) * s + j) * ld;
                    int qlo = firstValid(pw - j, sw, q);
                    int qhi = Math.max(qlo, lastValidExclusive(w - 1 + pw - j, sw, q));
                    for (int oy = 0; oy < p; oy++) {
                        int ih = oy * sh - ph + i;
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        int src = srcRow + oy * q + qlo;
                        int dst = dxOff + (ci * h + ih) * w + qlo * sw - pw + j;
                        int len = qhi - qlo;
                        if (sw == 1) {
                            addInto(col, src, dx, dst, len);
                        } else {
                            for (int t = 0; t < len; t++, dst += sw) {
                                dx[dst] += col[src + t];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * col2im for stride 1 with output width = input width: then a tap's whole p×q plane maps onto dx
     * with the same row stride, so after zeroing the 1-2 padding entries per row it is one long
     * vector add instead of p short ones with scalar tails (those were ~10% of a wide-CNN step).
     */
    private static void col2imSame(ConvShape g, float[] col, int colOff, int ld, float[] dx, int dxOff) {
        final int h = g.h(), w = g.w(), r = g.r(), s = g.s();
        final int ph = g.padH(), pw = g.padW(), p = g.p(), q = g.q();
        for (int ci = 0; ci < g.c(); ci++) {
            for (int i = 0; i < r; i++) {
                int oy0 = Math.max(0, ph - i);
                int oy1 = Math.min(p, h + ph - i);
                if (oy0 >= oy1) {
                    continue;
                }
                for (int j = 0; j < s; j++) {
                    int srcRow = colOff + ((ci * r + i) * s + j) * ld;
                    int qlo = firstValid(pw - j, 1, q);
                    int qhi = Math.max(qlo, lastValidExclusive(w - 1 + pw - j, 1, q));
                    if (qlo >= qhi) {
                        continue;
                    }
                    for (int oy = oy0; oy < oy1; oy++) {
                        int d = srcRow + oy * q;
                        for (int ox = 0; ox < qlo; ox++) {
                            col[d + ox] = 0f;
                        }
                        for (int ox = qhi; ox < q; ox++) {
                            col[d + ox] = 0f;
                        }
                    }
                    int src = srcRow + oy0 * q + qlo;
                    int dst = dxOff + (ci * h + oy0 - ph + i) * w + qlo - pw + j;
                    addInto(col, src, dx, dst, (oy1 - oy0 - 1) * q + qhi - qlo);
                }
            }
        }
    }

    /** {@link #im2col} for short output rows: pad the image once, then gather every entry through the tables. */
    private static void im2colSmall(ConvShape g, float[] x, int xOff, float[] col, int colOff, int ld) {
        Small sm = SMALL.get().prepare(g);
        final float[] xp = sm.padded(g, x, xOff);
        final int crs = g.c() * g.r() * g.s(), pq = g.p() * g.q();
        final int[] taps = sm.taps, pixels = sm.pixels;
        final int lanes = SP.length(), bound = SP.loopBound(pq);
        for (int row = 0; row < crs; row++) {
            int base = taps[row];
            int d = colOff + row * ld;
            int e = 0;
            // A 4x4 output plane is one 16-lane gather per row: vgatherdps instead of 16 scalar loads and stores.
            for (; e < bound; e += lanes) {
                FloatVector.fromArray(SP, xp, base, pixels, e).intoArray(col, d + e);
            }
            for (; e < pq; e++) {
                col[d + e] = xp[base + pixels[e]];
            }
        }
    }

    /**
     * The column matrix of a small-plane image ({@link #smallPlane}) transposed: colT[colOff + pix·ld + row]
     * holds what {@link #im2col} puts at col[row·ld' + pix] (pixel-major, for the weight gradient's GEMM).
     */
    static void im2colTransposed(ConvShape g, float[] x, int xOff, float[] colT, int colOff, int ld) {
        Small sm = SMALL.get().prepare(g);
        final float[] xp = sm.padded(g, x, xOff);
        final int crs = g.c() * g.r() * g.s(), pq = g.p() * g.q();
        final int[] taps = sm.taps, pixels = sm.pixels;
        final int lanes = SP.length(), bound = SP.loopBound(crs);
        for (int e = 0; e < pq; e++) {
            int pix = pixels[e];
            int d = colOff + e * ld;
            int row = 0;
            for (; row < bound; row += lanes) {
                FloatVector.fromArray(SP, xp, pix, taps, row).intoArray(colT, d + row);
            }
            for (; row < crs; row++) {
                colT[d + row] = xp[taps[row] + pix];
            }
        }
    }

    /**
     * {@link #col2im} for short output rows: scatter-add every entry into a zeroed padded gradient through the
     * tables, then add its interior onto dx (each dx entry gets its taps' sum in tap order, then dx's value).
     */
    private static void col2imSmall(ConvShape g, float[] col, int colOff, int ld, float[] dx, int dxOff) {
        Small sm = SMALL.get().prepare(g);
        final int h = g.h(), w = g.w(), hp = sm.hp, wp = sm.wp, plane = hp * wp;
        final int crs = g.c() * g.r() * g.s(), pq = g.p() * g.q();
        float[] dxp = sm.image.get(g.c() * plane);
        Arrays.fill(dxp, 0, g.c() * plane, 0f);
        final int[] taps = sm.taps, pixels = sm.pixels;
        final int lanes = SP.length(), bound = SP.loopBound(pq);
        for (int row = 0; row < crs; row++) {
            int base = taps[row];
            int s = colOff + row * ld;
            int e = 0;
            // A row's pixels land on distinct entries, so gather-add-scatter adds each once, in row order as below.
            for (; e < bound; e += lanes) {
                FloatVector.fromArray(SP, dxp, base, pixels, e).add(FloatVector.fromArray(SP, col, s + e))
                        .intoArray(dxp, base, pixels, e);
            }
            for (; e < pq; e++) {
                dxp[base + pixels[e]] += col[s + e];
            }
        }
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ih = 0; ih < h; ih++) {
                int src = ci * plane + (ih + g.padH()) * wp + g.padW();
                int dst = dxOff + (ci * h + ih) * w;
                for (int iw = 0; iw < w; iw++) {
                    dx[dst + iw] += dxp[src + iw];
                }
            }
        }
    }

    /** dst[dOff + t] += src[sOff + t] for t in [0, len). */
    static void addInto(float[] src, int sOff, float[] dst, int dOff, int len) {
        int t = 0;
        for (int bound = SP.loopBound(len); t < bound; t += SP.length()) {
            FloatVector.fromArray(SP, dst, dOff + t).add(FloatVector.fromArray(SP, src, sOff + t))
                    .intoArray(dst, dOff + t);
        }
        for (; t < len; t++) {
            dst[dOff + t] += src[sOff + t];
        }
    }

    /** Smallest output column {@code ox >= 0} with {@code ox·stride >= offset}, capped at {@code q}. */
    static int firstValid(int offset, int stride, int q) {
        if (offset <= 0) {
            return 0;
        }
        return Math.min(q, (offset + stride - 1) / stride);
    }

    /** One past the largest output column {@code ox < q} with {@code ox·stride <= limit} (0 if none). */
    static int lastValidExclusive(int limit, int stride, int q) {
        if (limit < 0) {
            return 0;
        }
        return Math.min(q, limit / stride + 1);
    }
}
