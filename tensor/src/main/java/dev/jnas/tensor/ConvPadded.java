package dev.jnas.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Stride-1 convolution forward of one image through a zero-padded copy of the image, so that lowering
 * needs no bounds logic.
 *
 * <p>The image is copied once into a buffer of rows wp = w + 2·padW wide with zero borders. Output
 * position (oy, ox) is then computed as padded column f = oy·wp + ox, and kernel tap (ci, i, j) reads
 * padded sample f + ci·hp·wp + i·wp + j: for every tap, a B micro-panel row is NR consecutive samples,
 * packed with two plain vector copies (no padding masks, no edge rows, every panel full). The wp - q
 * columns per output row that do not exist (ox ≥ q) are computed too and dropped when the result is
 * copied out with the bias added: (s-1)/wp more kernel work against the cheaper packing.
 *
 * <p>Call order: {@link ConvPacked#packWeights} once per call, then {@link #forwardImage} per image on
 * any thread; {@link #applies} says for which shapes.
 */
final class ConvPadded {
    private static final int NR = GemmKernel.NR;
    private static final int L = GemmKernel.L;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private ConvPadded() {
    }

    /** Per-thread padded image, padded-width result, tap offsets and edge tile. */
    private static final class Buffers {
        final GrowBuffer image = new GrowBuffer();
        final GrowBuffer result = new GrowBuffer();
        final GrowBuffer panel = new GrowBuffer();
        final float[] tile = new float[12 * NR];
        private int[] taps = new int[0];

        int[] taps(int n) {
            if (taps.length < n) {
                taps = new int[n];
            }
            return taps;
        }
    }

    /**
     * True for stride-1 shapes with at least {@link Conv2dGemm#MIN_COLS} outputs per image and at most
     * 1/8 of extra columns.
     */
    static boolean applies(ConvShape g) {
        int wp = g.w() + 2 * g.padW();
        return g.strideH() == 1 && g.strideW() == 1 && (g.s() - 1) * 8 <= wp
                && g.p() * g.q() >= Conv2dGemm.MIN_COLS;
    }

    /**
     * y of image n = conv(x of image n) + bias (bias may be null), W packed by
     * {@link ConvPacked#packWeights} with the same mr. With more than one kernel thread and
     * {@code split}, the columns are divided among the threads.
     */
    static void forwardImage(ConvShape g, int mr, float[] wPacked, float[] x, int n, float[] bias, float[] y,
                             boolean split) {
        final int c = g.c(), h = g.h(), w = g.w(), r = g.r(), s = g.s(), k = g.k(), p = g.p(), q = g.q();
        final int wp = w + 2 * g.padW(), hp = p + r - 1, plane = hp * wp, cols = ConvPacked.roundUp(p * wp, NR);
        Buffers buf = BUFFERS.get();
        // Reads of the last panel run up to (c-1)·plane + (r-1)·wp + s-1 + cols < c·plane + cols.
        float[] xp = buf.image.get(c * plane + cols);
        int[] taps = buf.taps(c * r * s);
        fillTaps(g, wp, plane, taps);
        pad(g, x, n * c * h * w, xp, hp, wp);
        float[] cp = buf.result.get(k * cols);
        if (mr == 6) {
            Arrays.fill(cp, 0, k * cols, 0f);
        }
        if (split) {
            Parallel.forRange(cols / NR, 2, (p0, p1) -> multiply(g, mr, wPacked, xp, taps, p0 * NR, p1 * NR, cp, cols));
        } else {
            multiply(g, mr, wPacked, xp, taps, 0, cols, cp, cols);
        }
        copyOut(cp, cols, wp, k, p, q, bias, y, n * k * p * q);
    }

    /** taps[(ci·r + i)·s + j] = offset of kernel tap (ci, i, j) in a padded image of rows wp and planes plane. */
    static void fillTaps(ConvShape g, int wp, int plane, int[] taps) {
        for (int ci = 0, t = 0; ci < g.c(); ci++) {
            for (int i = 0; i < g.r(); i++) {
                for (int j = 0; j < g.s(); j++) {
                    taps[t++] = ci * plane + i * wp + j;
                }
            }
        }
    }

    /** Copies image [c,h,w] at xOff into xp as [c, hp, wp] with padH zero rows on top, padW zero columns left. */
    static void pad(ConvShape g, float[] x, int xOff, float[] xp, int hp, int wp) {
        padRows(g, x, xOff, xp, hp, wp, 0, g.c() * hp);
    }

    /**
     * Rows [from, to) of that padded copy, row index ci·hp + row (the direct paths pad the next image in
     * slices between the tiles of the current one).
     */
    static void padRows(ConvShape g, float[] x, int xOff, float[] xp, int hp, int wp, int from, int to) {
        final int h = g.h(), w = g.w(), ph = g.padH(), pw = g.padW();
        int ci = from / hp, row = from - ci * hp;
        for (int rr = from, d = from * wp; rr < to; rr++, d += wp) {
            int ih = row - ph;
            if (ih < 0 || ih >= h) {
                Arrays.fill(xp, d, d + wp, 0f);
            } else {
                padRow(x, xOff + (ci * h + ih) * w, w, xp, d, pw, wp);
            }
            if (++row == hp) {
                row = 0;
                ci++;
            }
        }
    }

    /**
     * One padded row at xp[d ..d+wp): pw zeros, the w samples from x[src ..], zeros to the end. Rows shorter
     * than a vector may leave samples of the next row at xp[d+wp ..d+pw+L): callers pad rows in increasing
     * order, so the next row's own padding overwrites them (at the end of the buffer the row is copied
     * instead).
     */
    static void padRow(float[] x, int src, int w, float[] xp, int d, int pw, int wp) {
        int right = wp - pw - w;
        if (w < L) {
            if (src + L <= x.length && d + pw + L <= xp.length) {
                // One vector; its samples past w are overwritten below or by the next row's padding.
                FloatVector.fromArray(GemmKernel.S, x, src).intoArray(xp, d + pw);
            } else {
                System.arraycopy(x, src, xp, d + pw, w);
            }
            for (int e = 0; e < pw; e++) {
                xp[d + e] = 0f;
            }
            for (int e = pw + w; e < wp; e++) {
                xp[d + e] = 0f;
            }
            return;
        }
        // The padding ends first, a zero vector each when they fit one (the samples then overwrite the inside),
        // then the samples in whole vectors, the last one overlapping the previous: scalar zero loops and
        // per-row arraycopy cost about 9 ns per 28-sample row (cached image), against 6-7 this way.
        FloatVector zero = FloatVector.zero(GemmKernel.S);
        if (pw > L) {
            Arrays.fill(xp, d, d + pw, 0f);
        } else if (pw > 0) {
            zero.intoArray(xp, d);
        }
        if (right > L) {
            Arrays.fill(xp, d + pw + w, d + wp, 0f);
        } else if (right > 0) {
            zero.intoArray(xp, d + wp - L);
        }
        for (int t = 0; t < w; t += L) {
            int e = Math.min(t, w - L);
            FloatVector.fromArray(GemmKernel.S, x, src + e).intoArray(xp, d + pw + e);
        }
    }


    /** cp[0..k, colFrom..colTo) += W · B over all k blocks (columns in whole micro-panels). */
    private static void multiply(ConvShape g, int mr, float[] wPacked, float[] xp, int[] taps, int colFrom,
                                 int colTo, float[] cp, int ldc) {
        final int m = g.k(), crs = g.c() * g.r() * g.s(), kcStep = ConvPacked.kcStep(crs);
        final int mPad = ConvPacked.roundUp(m, mr);
        Buffers buf = BUFFERS.get();
        float[] bp = buf.panel.get(kcStep * NR);
        float[] tile = buf.tile;
        for (int pc = 0; pc < crs; pc += kcStep) {
            int kc = Math.min(kcStep, crs - pc);
            int aBlock = mPad * pc;
            boolean first = pc == 0 && mr != 6;
            for (int jr = colFrom; jr < colTo; jr += NR) {
                for (int t = 0, d = 0; t < kc; t++, d += NR) {
                    int src = jr + taps[pc + t];
                    FloatVector.fromArray(GemmKernel.S, xp, src).intoArray(bp, d);
                    FloatVector.fromArray(GemmKernel.S, xp, src + L).intoArray(bp, d + L);
                }
                for (int ir = 0; ir < m; ir += mr) {
                    int rows = Math.min(mr, m - ir);
                    if (rows == mr && first) {
                        // The first k block overwrites C: no zeroing pass over the result.
                        GemmKernel.kernelStore(mr, kc, wPacked, aBlock + ir * kc, bp, 0, cp, ir * ldc + jr, ldc);
                    } else if (rows == mr) {
                        GemmKernel.kernel(mr, kc, wPacked, aBlock + ir * kc, bp, 0, cp, ir * ldc + jr, ldc);
                    } else {
                        Arrays.fill(tile, 0f);
                        GemmKernel.kernel(mr, kc, wPacked, aBlock + ir * kc, bp, 0, tile, 0, NR);
                        for (int rr = 0; rr < rows; rr++) {
                            if (first) {
                                System.arraycopy(tile, rr * NR, cp, (ir + rr) * ldc + jr, NR);
                            } else {
                                Im2col.addInto(tile, rr * NR, cp, (ir + rr) * ldc + jr, NR);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * y[kk, oy, 0..q) = cp[kk, oy·wp ..] + bias[kk]: the real output columns. Rows of at least one
     * vector are written as vectors, the last one overlapping the previous (same values) instead of a
     * scalar tail.
     */
    static void copyOut(float[] cp, int ldc, int wp, int k, int p, int q, float[] bias, float[] y, int yOff) {
        for (int kk = 0; kk < k; kk++) {
            FloatVector bv = FloatVector.broadcast(GemmKernel.S, bias == null ? 0f : bias[kk]);
            float b = bias == null ? 0f : bias[kk];
            for (int oy = 0; oy < p; oy++) {
                int src = kk * ldc + oy * wp;
                int dst = yOff + (kk * p + oy) * q;
                if (q >= L) {
                    for (int t = 0; t < q; t += L) {
                        int e = Math.min(t, q - L);
                        FloatVector.fromArray(GemmKernel.S, cp, src + e).add(bv).intoArray(y, dst + e);
                    }
                } else {
                    for (int t = 0; t < q; t++) {
                        y[dst + t] = cp[src + t] + b;
                    }
                }
            }
        }
    }
}
