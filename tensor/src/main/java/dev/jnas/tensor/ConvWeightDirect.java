package dev.jnas.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Stride-1 convolution weight gradient without lowering: dWᵀ[tap, filter] = Σ over pixels of x at the tap
 * times dY, with the taps as the register tile's rows, the filters as its vector lanes and the pixels as the
 * summed axis ({@link ConvWeightDirectKernel}).
 *
 * <p>The lowered path (im2col, then dY·colᵀ through the GEMM) wrote a column matrix per image and packed it
 * transposed, a strided gather that ran the whole pass at about 37% of the FMA peak. Here, per image, x is
 * copied once into a zero-padded image and dY transposed once into pixel-major panels of nr filters (32, or
 * 16 for layers whose filter count is an odd multiple of 16); tap
 * (ci, i, j) then reads x at xp[ci·plane + i·wp + j + t] for pixel t counted over padded rows
 * (t = oy·wp + ox), the same sample im2col would have copied. The wp − q pixels at the end of each padded
 * row are not outputs: their dY rows in the panel are zero, so they add nothing (about 7% extra FMAs for a
 * 28-wide output, instead of a per-row loop in the kernel).
 *
 * <p>Taps go to the kernel in groups of three adjacent kernel columns; a kernel width that is not a multiple
 * of three is computed as if rounded up ({@link #applies} admits widths that waste at most a quarter), and
 * the surplus taps are dropped when the tile sums are written out. Their samples may come from the next row
 * or from the {@link #SLACK} floats past the image, never from outside the buffer.
 *
 * <p>One difference from the lowered path: the row-end pixels multiply a zero dY by real samples, so an
 * infinite input sample near a row's end makes taps that never see it NaN (0·∞) where the reference stays
 * finite; finite inputs give the reference's sums (up to rounding order).
 *
 * <p>Call order: {@link #applies} decides, {@link #plan} once per call, {@link #accumulate} sums a range of
 * images into a caller's partial gradient (fixed image ranges keep the result independent of the thread count).
 */
final class ConvWeightDirect {
    private static final int TM = ConvWeightDirectKernel.TM;
    private static final int B = Transpose.B;
    /** Floats past the padded image: surplus taps of the last group read up to two samples beyond it. */
    static final int SLACK = 16;
    /**
     * Fewest taps (c·r·s) per filter: 27 (3 channels, 3x3) ran at 106 against 91 GFLOP/s on the lane-wise dot
     * path ({@link ConvWeightGrad}), 9 (1 channel) at 44 against 82, its one tile being mostly padding.
     */
    static final int MIN_TAPS = 27;
    /** Fewest output pixels per image: fewer and the per-image padding and transposition dominate. */
    static final int MIN_PIXELS = 64;
    private static final float[] ZEROS = new float[B];
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private ConvWeightDirect() {
    }

    /** One thread's grow-only buffers: two padded images and two dY panel sets (the pipeline). */
    private static final class Buffers {
        final GrowBuffer[] image = {new GrowBuffer(), new GrowBuffer()};
        final GrowBuffer[] panels = {new GrowBuffer(), new GrowBuffer()};
        /** This call's arrays of the two images and two panel sets (kept to avoid allocating per call). */
        final float[][] imageArrays = new float[2][];
        final float[][] panelArrays = new float[2][];
        private int[] groups = new int[0];

        int[] groups(int n) {
            if (groups.length < n) {
                groups = new int[n];
            }
            return groups;
        }
    }

    /**
     * The geometry of one call ({@link #plan}, once on the calling thread; its tap-group table is only read
     * while the call's image ranges run, on whichever threads).
     */
    record Plan(ConvShape g, int nr, int wp, int hp, int plane, int len, int tiles, int[] groups) {
        /** Tile rows: 12 per tile, the taps of every group and the padding groups of the last tile. */
        int rows() {
            return tiles * TM;
        }

        /** Slices of dY panel building: one output row of 16 filters each. */
        int panelUnits() {
            return g.k() / B * g.p();
        }
    }

    /**
     * True on AVX-512 for stride 1, filters in multiples of 16, at least {@link #MIN_TAPS} taps and
     * {@link #MIN_PIXELS} output pixels, and a kernel width whose rounding up to a multiple of three adds at
     * most a quarter (1, 2, 4 and 7 columns do not qualify; 3, 5, 6, 8, 9 do).
     */
    static boolean applies(ConvShape g) {
        int surplus = widthGroups(g.s()) * 3 - g.s();
        return Transpose.supported() && g.strideH() == 1 && g.strideW() == 1 && g.k() % B == 0
                && surplus * 4 <= g.s() && g.c() * g.r() * g.s() >= MIN_TAPS && g.p() * g.q() >= MIN_PIXELS;
    }

    private static int widthGroups(int s) {
        return (s + 2) / 3;
    }

    private static int tiles(ConvShape g) {
        return (g.c() * g.r() * widthGroups(g.s()) + 3) / 4;
    }

    /** Floats of one partial sum: the tile rows × k, then k for the bias. */
    static int partialSize(ConvShape g) {
        return (tiles(g) * TM + 1) * g.k();
    }

    /**
     * Sets partial[off ..] to the gradient sums over images [from, to) in this path's layout (row = tap
     * group·3 + column in group, filters along the row; then the k bias sums); {@link #writeOut} turns
     * the sum of such partials into dW. Each image's padding and dY panels are built in slices between
     * the tiles of the image before it, so that reading x and dY from memory overlaps the arithmetic. With
     * {@code splitTiles} (few images, several threads) each image is prepared first and its tiles run on
     * all kernel threads instead.
     */
    static void accumulate(Plan pl, float[] x, float[] dy, float[] partial, int off, int from, int to,
                           boolean splitTiles) {
        final ConvShape g = pl.g;
        final int k = g.k(), c = g.c(), chw = c * g.h() * g.w(), pq = g.p() * g.q();
        final int padRows = c * pl.hp, units = pl.panelUnits(), rows = pl.rows(), len = pl.len;
        final int tilesPerImage = k / pl.nr * pl.tiles;
        Buffers buf = BUFFERS.get();
        float[][] image = buf.imageArrays;
        float[][] panels = buf.panelArrays;
        // The second image and panel set only serve the pipeline, which needs two images in the range.
        int sets = splitTiles || to - from < 2 ? 1 : 2;
        for (int b = 0; b < sets; b++) {
            image[b] = buf.image[b].get(c * pl.plane + SLACK);
            Arrays.fill(image[b], c * pl.plane, c * pl.plane + SLACK, 0f);
            panels[b] = buf.panels[b].get(k * len);
            zeroRowEnds(pl, panels[b]);
        }
        Arrays.fill(partial, off, off + (rows + 1) * k, 0f);
        int bias = off + rows * k;
        if (splitTiles) {
            // Few images and several threads: each image prepared here, its tiles shared out (each tile owns
            // its rows of the partial, so the sums do not depend on the thread count).
            final float[] xp = image[0], dyt = panels[0];
            Parallel.RangeBody tiles = (t0, t1) -> {
                for (int t = t0; t < t1; t++) {
                    tile(pl, t, xp, dyt, partial, off);
                }
            };
            for (int n = from; n < to; n++) {
                ConvPadded.padRows(g, x, n * chw, xp, pl.hp, pl.wp, 0, padRows);
                panelRows(pl, dy, n * k * pq, dyt, partial, bias, 0, units);
                Parallel.forRange(tilesPerImage, 1, tiles);
            }
            return;
        }
        ConvPadded.padRows(g, x, from * chw, image[0], pl.hp, pl.wp, 0, padRows);
        panelRows(pl, dy, from * k * pq, panels[0], partial, bias, 0, units);
        for (int n = from; n < to; n++) {
            int cur = (n - from) & 1;
            float[] xp = image[cur], dyt = panels[cur], nextImage = image[cur ^ 1], nextPanels = panels[cur ^ 1];
            int padLeft = n + 1 < to ? padRows : 0;
            int unitsLeft = n + 1 < to ? units : 0;
            int padStep = (padLeft + tilesPerImage - 1) / tilesPerImage;
            int unitStep = (unitsLeft + tilesPerImage - 1) / tilesPerImage;
            int padDone = 0, unitsDone = 0;
            for (int t = 0; t < tilesPerImage; t++) {
                tile(pl, t, xp, dyt, partial, off);
                if (padDone < padLeft) {
                    int e = Math.min(padLeft, padDone + padStep);
                    ConvPadded.padRows(g, x, (n + 1) * chw, nextImage, pl.hp, pl.wp, padDone, e);
                    padDone = e;
                }
                if (unitsDone < unitsLeft) {
                    int e = Math.min(unitsLeft, unitsDone + unitStep);
                    panelRows(pl, dy, (n + 1) * k * pq, nextPanels, partial, bias, unitsDone, e);
                    unitsDone = e;
                }
            }
        }
    }

    /** Tile t of an image: nr-filter block t / tiles, tap rows 12·(t % tiles) .. +12, added into the partial. */
    private static void tile(Plan pl, int t, float[] xp, float[] dyt, float[] partial, int off) {
        final int k = pl.g.k();
        int f0 = t / pl.tiles * pl.nr, tile = t % pl.tiles;
        if (pl.nr == ConvWeightDirectKernel.NR) {
            ConvWeightDirectKernel.tileAdd(pl.len, xp, pl.groups, tile * 4, 0, dyt, f0 * pl.len,
                    partial, off + tile * TM * k + f0, k);
        } else {
            ConvWeightDirectKernel.tileAdd16(pl.len, xp, pl.groups, tile * 4, 0, dyt, f0 * pl.len,
                    partial, off + tile * TM * k + f0, k);
        }
    }

    /**
     * dW (+)= the weight sums of a partial in this path's layout (at sums[off ..]), and dBias (+)= its bias
     * sums (dbias may be null); overwrites when not {@code accumulate}.
     */
    static void writeOut(ConvShape g, float[] sums, int off, float[] dw, float[] dbias, boolean accumulate) {
        final int k = g.k(), r = g.r(), s = g.s(), crs = g.c() * r * s, sg = widthGroups(s);
        for (int cr = 0; cr < g.c() * r; cr++) {
            for (int j = 0; j < s; j++) {
                int row = off + ((cr * sg + j / 3) * 3 + j % 3) * k;
                int tap = cr * s + j;
                for (int f = 0; f < k; f++) {
                    float v = sums[row + f];
                    dw[f * crs + tap] = accumulate ? dw[f * crs + tap] + v : v;
                }
            }
        }
        if (dbias != null) {
            int b = off + tiles(g) * TM * k;
            for (int f = 0; f < k; f++) {
                dbias[f] = accumulate ? dbias[f] + sums[b + f] : sums[b + f];
            }
        }
    }

    /** The plan of a call on g, its tables in the calling thread's buffers. */
    static Plan plan(ConvShape g) {
        final int c = g.c(), r = g.r(), p = g.p(), q = g.q();
        final int wp = g.w() + 2 * g.padW(), hp = p + r - 1, plane = hp * wp, sg = widthGroups(g.s());
        final int tiles = tiles(g), groupCount = c * r * sg;
        int[] groups = BUFFERS.get().groups(tiles * 4);
        for (int ci = 0, e = 0; ci < c; ci++) {
            for (int i = 0; i < r; i++) {
                for (int jg = 0; jg < sg; jg++) {
                    groups[e++] = ci * plane + i * wp + 3 * jg;
                }
            }
        }
        // Groups that only fill the last tile read the first samples; their sums are never written out.
        Arrays.fill(groups, groupCount, tiles * 4, 0);
        int nr = g.k() % ConvWeightDirectKernel.NR == 0 ? ConvWeightDirectKernel.NR : B;
        return new Plan(g, nr, wp, hp, plane, (p - 1) * wp + q, tiles, groups);
    }

    /** Zeros the panel rows of the pixels past q in every padded row but the last (never written by panelRows). */
    private static void zeroRowEnds(Plan pl, float[] dyt) {
        final int q = pl.g.q(), wp = pl.wp;
        final int nr = pl.nr;
        for (int f0 = 0; f0 < pl.g.k(); f0 += nr) {
            for (int oy = 0; oy + 1 < pl.g.p(); oy++) {
                int d = f0 * pl.len + (oy * wp + q) * nr;
                Arrays.fill(dyt, d, d + (wp - q) * nr, 0f);
            }
        }
    }

    /**
     * Units [from, to) of the dY panels of the image at dy[dyOff ..]: unit u = (16-filter block fb, output
     * row oy) writes dyt[f0·len + (oy·wp + ox)·nr + f] = dY[f0 + f, oy, ox] for its 16 filters and adds their
     * row sums to partial[bias + f0 + f]. Whole 16-pixel blocks go through {@link Transpose#block}, the last
     * one overlapping its neighbour when q is not a multiple of 16 (it rewrites equal values).
     */
    static void panelRows(Plan pl, float[] dy, int dyOff, float[] dyt, float[] partial, int bias, int from, int to) {
        final int p = pl.g.p(), q = pl.g.q(), pq = p * q, wp = pl.wp, len = pl.len, nr = pl.nr;
        for (int u = from; u < to; u++) {
            int fb = u / p, oy = u - fb * p;
            int f = fb * B, f0 = f / nr * nr;
            int src = dyOff + f * pq + oy * q;
            int dst = f0 * len + oy * wp * nr + (f - f0);
            if (q >= B) {
                for (int ox = 0; ox < q; ox += B) {
                    int o = Math.min(ox, q - B);
                    Transpose.block(dy, src + o, pq, ZEROS, 0, dyt, dst + o * nr, nr);
                }
            } else {
                for (int j = 0; j < B; j++) {
                    for (int ox = 0; ox < q; ox++) {
                        dyt[dst + ox * nr + j] = dy[src + j * pq + ox];
                    }
                }
            }
            // The bias sums of the 16 filters, one per lane, from the row just written.
            FloatVector sum = FloatVector.fromArray(Transpose.S, partial, bias + f);
            for (int ox = 0; ox < q; ox++) {
                sum = sum.add(FloatVector.fromArray(Transpose.S, dyt, dst + ox * nr));
            }
            sum.intoArray(partial, bias + f);
        }
    }
}
