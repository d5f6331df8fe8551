package dev.jnas.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Convolution forward as a packed GEMM that never materialises the column matrix: the im2col lowering
 * writes straight into {@link GemmKernel}'s B micro-panel layout, and the filter matrix W is packed
 * once per call instead of once per image.
 *
 * <p>Call order: {@link #packWeights} on the calling thread (its result is read-only afterwards and may
 * be shared by the workers), then {@link #multiply} for each group of images, on any thread, into a C
 * that already holds its initial value (bias or zeros; the kernels add).
 *
 * <p>Column j of a group's virtual column matrix is output position j mod p·q of image n0 + j / (p·q);
 * row t is kernel tap (ci, i, j) = t decomposed over [c, r, s], exactly as {@link Im2col#im2col} lays
 * it out, so {@link #packB} equals im2col followed by {@link GemmPack#packB}. For a stride-1
 * convolution whose output is as wide as its input ("same" width), a 2-vector panel row is one
 * contiguous run of the input plane, copied with two vector loads, after which the 1-2 padding
 * columns per output row are zeroed; other windows (top and bottom padding, image boundaries, other
 * shapes, the last partial panel) take a row-segment loop.
 */
final class ConvPacked {
    private static final int L = GemmKernel.L;
    private static final int NR = GemmKernel.NR;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private ConvPacked() {
    }

    /** Per-thread buffers: packed W (only on the thread that packs it), packed B, and an edge tile. */
    private static final class Buffers {
        final GrowBuffer w = new GrowBuffer();
        final GrowBuffer b = new GrowBuffer();
        final float[] tile = new float[12 * NR];
        private int[] zeros = new int[0];

        /** Scratch for {@link #packPanel}'s window maps and per-column padding masks (kernels s columns wide). */
        int[] zeros(int s) {
            int size = 2 * NR + s;
            if (zeros.length < size) {
                zeros = new int[size];
            }
            return zeros;
        }
    }

    /** The k-block length for a reduction of {@code crs}: even blocks of at most {@link GemmBlocked#KC}. */
    static int kcStep(int crs) {
        int blocks = (crs + GemmBlocked.KC - 1) / GemmBlocked.KC;
        return (crs + blocks - 1) / blocks;
    }

    /**
     * Packs W [k, c·r·s] into mr-row micro-panels, k block by k block: block pc starts at
     * roundUp(k, mr)·pc and its panel of rows ir.. at that + ir·kc. Returns this thread's buffer.
     */
    static float[] packWeights(ConvShape g, float[] w, int mr) {
        final int k = g.k(), crs = g.c() * g.r() * g.s(), kcStep = kcStep(crs), mPad = roundUp(k, mr);
        float[] wp = BUFFERS.get().w.get(mPad * crs);
        for (int pc = 0; pc < crs; pc += kcStep) {
            GemmPack.packA(mr, false, w, 0, crs, 0, k, pc, Math.min(kcStep, crs - pc), wp, mPad * pc);
        }
        return wp;
    }

    /**
     * C[0..k, colFrom..colTo) += W · col for the group of images starting at n0, where C column j
     * (of the group) is {@code c[cOff + row·ldc + j]}; {@code wp} comes from {@link #packWeights}
     * with the same mr. Each B micro-panel is lowered right before the kernels that use it, into a
     * buffer that stays in L1 (a whole packed kc×nc block was L2-bandwidth bound: 9 floats written
     * per input float for a 3x3 kernel).
     */
    static void multiply(ConvShape g, int mr, float[] wp, float[] x, int n0, int colFrom, int colTo,
                         float[] c, int cOff, int ldc) {
        final int m = g.k(), crs = g.c() * g.r() * g.s(), kcStep = kcStep(crs), mPad = roundUp(m, mr);
        Buffers buf = BUFFERS.get();
        float[] bp = buf.b.get(NR * kcStep);
        int[] zeros = buf.zeros(g.s());
        float[] tile = buf.tile;
        for (int pc = 0; pc < crs; pc += kcStep) {
            int kc = Math.min(kcStep, crs - pc);
            int aBlock = mPad * pc;
            for (int jr = colFrom; jr < colTo; jr += NR) {
                int nrr = Math.min(NR, colTo - jr);
                packPanel(g, x, n0, pc, kc, jr, nrr, bp, 0, zeros);
                for (int ir = 0; ir < m; ir += mr) {
                    int mrr = Math.min(mr, m - ir);
                    int ci = cOff + ir * ldc + jr;
                    if (mrr == mr && nrr == NR) {
                        GemmKernel.kernel(mr, kc, wp, aBlock + ir * kc, bp, 0, c, ci, ldc);
                    } else {
                        Arrays.fill(tile, 0f);
                        GemmKernel.kernel(mr, kc, wp, aBlock + ir * kc, bp, 0, tile, 0, NR);
                        addTile(tile, mrr, nrr, c, ci, ldc);
                    }
                }
            }
        }
    }

    /**
     * Packs rows [p0, p0+kc) × columns [j0, j0+nc) of the group's column matrix into {@code bp}
     * (panel q at q·NR·kc, NR values per row, zero-padded past nc), as {@link GemmPack#packB} would.
     */
    static void packB(ConvShape g, float[] x, int n0, int p0, int kc, int j0, int nc, float[] bp) {
        int[] zeros = BUFFERS.get().zeros(g.s());
        for (int jp = 0; jp < nc; jp += NR) {
            packPanel(g, x, n0, p0, kc, j0 + jp, Math.min(NR, nc - jp), bp, jp * kc, zeros);
        }
    }

    /**
     * One B micro-panel: rows [p0, p0+kc) × the {@code cols} columns from group column f, at
     * bp[dst + t·NR ..]. For a stride-1 same-width convolution and a window inside one image, a row
     * whose output rows all see the tap inside the image is one contiguous run of the input plane (two
     * vector copies) after which the tap's padding columns are zeroed from a per-j bit mask; the rows at
     * the top and bottom padding and a partial last panel go element by element; other shapes and
     * windows across images through {@link #packSegments}. {@code lists} is scratch.
     */
    private static void packPanel(ConvShape g, float[] x, int n0, int p0, int kc, int f, int cols,
                                  float[] bp, int dst, int[] lists) {
        final int h = g.h(), w = g.w(), r = g.r(), s = g.s(), ph = g.padH(), pw = g.padW();
        final int p = g.p(), q = g.q(), pq = p * q, hw = h * w, chw = g.c() * hw, rs = r * s;
        int img = f / pq;
        int pos = f - img * pq;
        int oyA = pos / q;
        int oxA = pos - oyA * q;
        int ci = p0 / rs, i = (p0 - ci * rs) / s, j = p0 - ci * rs - i * s;
        if (g.strideH() != 1 || g.strideW() != 1 || q != w || pos + cols > pq) {
            for (int t = 0; t < kc; t++, dst += NR) {
                packSegments(g, x, n0 + img, oyA, oxA, cols, ci, i, j, bp, dst);
                if (++j == s) {
                    j = 0;
                    if (++i == r) {
                        i = 0;
                        ci++;
                    }
                }
            }
            return;
        }
        // lists[e], lists[NR + e]: output row (relative to oyA) and column of window position e;
        // lists[2NR + jj]: bit e set when window position e is a padding column of tap column jj.
        final int ml = 2 * NR;
        for (int e = 0, oy = 0, ox = oxA; e < NR; e++) {
            lists[e] = oy;
            lists[NR + e] = ox;
            if (++ox == q) {
                ox = 0;
                oy++;
            }
        }
        for (int jj = 0; jj < s; jj++) {
            int qlo = Math.min(q, Math.max(0, pw - jj));
            int qhi = Math.max(qlo, Math.min(q, w + pw - jj));
            int mask = 0;
            for (int e = 0; e < NR; e++) {
                int ox = lists[NR + e];
                if (ox < qlo || ox >= qhi) {
                    mask |= 1 << e;
                }
            }
            lists[ml + jj] = mask;
        }
        // Taps i in [iLo, iHi) see only image rows for every output row of the window.
        final int iLo = ph - oyA;
        final int iHi = h + ph - (pos + NR - 1) / q;
        final boolean full = cols == NR;
        int src = (n0 + img) * chw + pos - ph * w - pw + ci * hw + i * w + j;
        for (int t = 0; t < kc; t++, dst += NR) {
            if (full && i >= iLo && i < iHi && src >= 0 && src + NR <= x.length) {
                FloatVector.fromArray(GemmKernel.S, x, src).intoArray(bp, dst);
                FloatVector.fromArray(GemmKernel.S, x, src + L).intoArray(bp, dst + L);
                for (int m = lists[ml + j]; m != 0; m &= m - 1) {
                    bp[dst + Integer.numberOfTrailingZeros(m)] = 0f;
                }
            } else {
                packEdgeRow(x, src, oyA + i - ph, j - pw, h, w, cols, lists, bp, dst);
            }
            src++;
            if (++j == s) {
                j = 0;
                src += w - s;
                if (++i == r) {
                    i = 0;
                    ci++;
                    src += hw - r * w;
                }
            }
        }
    }

    /**
     * One packed row of a flat window element by element: position e reads x[src + e] when input row
     * ih0 + lists[e] and input column dx + lists[NR + e] lie inside the h×w image, else 0; zeros past cols.
     */
    private static void packEdgeRow(float[] x, int src, int ih0, int dx, int h, int w, int cols, int[] lists,
                                    float[] bp, int dst) {
        for (int e = 0; e < cols; e++) {
            int ih = ih0 + lists[e];
            int iw = dx + lists[NR + e];
            bp[dst + e] = ih >= 0 && ih < h && iw >= 0 && iw < w ? x[src + e] : 0f;
        }
        for (int e = cols; e < NR; e++) {
            bp[dst + e] = 0f;
        }
    }

    /**
     * One packed row of tap (ci, i, j) for {@code cols} columns starting at image {@code image}, output
     * position (oy, ox), output row by output row; zeros for padding and for the columns past cols.
     */
    private static void packSegments(ConvShape g, float[] x, int image, int oy, int ox, int cols,
                                     int ci, int i, int j, float[] bp, int dst) {
        final int h = g.h(), w = g.w(), sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        final int p = g.p(), q = g.q(), hw = h * w, chw = g.c() * hw;
        int qlo = Im2col.firstValid(pw - j, sw, q);
        int qhi = Math.max(qlo, Im2col.lastValidExclusive(w - 1 + pw - j, sw, q));
        for (int e = 0; e < cols; ) {
            int len = Math.min(cols - e, q - ox);
            int d = dst + e - ox;
            int ih = oy * sh - ph + i;
            if (ih < 0 || ih >= h) {
                Arrays.fill(bp, d + ox, d + ox + len, 0f);
            } else {
                int lo = Math.min(Math.max(qlo, ox), ox + len);
                int hi = Math.max(lo, Math.min(qhi, ox + len));
                int row = image * chw + ci * hw + ih * w - pw + j;
                for (int o = ox; o < lo; o++) {
                    bp[d + o] = 0f;
                }
                for (int o = lo; o < hi; o++) {
                    bp[d + o] = x[row + o * sw];
                }
                for (int o = hi; o < ox + len; o++) {
                    bp[d + o] = 0f;
                }
            }
            e += len;
            ox += len;
            if (ox == q) {
                ox = 0;
                if (++oy == p) {
                    oy = 0;
                    image++;
                }
            }
        }
        Arrays.fill(bp, dst + cols, dst + NR, 0f);
    }

    /** c[rows × cols tile at ci] += tile (row stride NR): the valid part of an edge tile. */
    private static void addTile(float[] tile, int rows, int cols, float[] c, int ci, int ldc) {
        int full = cols / L * L;
        for (int rr = 0; rr < rows; rr++) {
            int t = rr * NR;
            int o = ci + rr * ldc;
            for (int jj = 0; jj < full; jj += L) {
                FloatVector.fromArray(GemmKernel.S, c, o + jj).add(FloatVector.fromArray(GemmKernel.S, tile, t + jj))
                        .intoArray(c, o + jj);
            }
            for (int jj = full; jj < cols; jj++) {
                c[o + jj] += tile[t + jj];
            }
        }
    }

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
