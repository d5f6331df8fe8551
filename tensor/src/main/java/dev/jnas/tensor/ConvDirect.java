package dev.jnas.tensor;

import java.util.Arrays;

/**
 * Stride-1 convolution forward without lowering: output pixels are the register tile's rows and filters its
 * vector lanes, and the input samples are broadcast straight from a zero-padded copy of the image.
 *
 * <p>For 14 adjacent output pixels (oy, ox..ox+13) and tap (ci, i, j), the samples sit at adjacent
 * addresses of the padded image, so {@link ConvDirectKernel} reads them with one tap offset and
 * constant displacements: no column matrix and no packed input panels are written (the packed forward,
 * {@link ConvPadded}, spent about 10% of its time packing and computed 10% extra columns for the padded
 * row width). The weights are transposed once per call into blocks of 32 filters × kc taps
 * (wt[pc·k + f0·kc + kk·32 + f]), which stay in L1 while every tile of the image passes over them. A
 * tile lands pixel-major in a per-image result buffer [pq, k]; {@link Transpose} turns it into y's
 * channel-major layout and adds the bias.
 *
 * <p>Each thread pipelines its images: while the tiles of image n are computed, image n+1 is padded
 * and image n-1 transposed out, a slice after every tile, so that their memory traffic (reading x,
 * writing y) overlaps the arithmetic instead of following it. With few images and several threads,
 * the tile rows of each image are split instead.
 *
 * <p>Call order: {@link #applies} decides, {@link #forward} does the whole batch (packing on the caller).
 */
final class ConvDirect {
    private static final int TM = ConvDirectKernel.TM;
    private static final int NR = ConvDirectKernel.NR;
    /** Fewest taps (c·r·s) per output: below this a tile's 28 stores and the transposition outweigh its FMAs. */
    static final int MIN_TAPS = 32;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private ConvDirect() {
    }

    /** One thread's grow-only buffers: two padded images and two results (the pipeline), weights, taps. */
    private static final class Buffers {
        final GrowBuffer[] image = {new GrowBuffer(), new GrowBuffer()};
        final GrowBuffer[] result = {new GrowBuffer(), new GrowBuffer()};
        final GrowBuffer weights = new GrowBuffer();
        /** Stands in for a missing bias; never written. */
        final GrowBuffer zeros = new GrowBuffer();
        private int[] taps = new int[0];

        int[] taps(int n) {
            if (taps.length < n) {
                taps = new int[n];
            }
            return taps;
        }
    }

    /** The geometry and shared read-only inputs of one call. */
    private record Plan(ConvShape g, float[] wt, int[] taps, float[] bias, int kcStep, int wp, int hp,
                        int imageSize, int padRows, int tilesPerImage) {
        int pq() {
            return g.p() * g.q();
        }
    }

    /**
     * True on AVX-512 for stride 1, filters in multiples of 32, output rows in multiples of 14 pixels and
     * at least {@link #MIN_TAPS} taps per output.
     */
    static boolean applies(ConvShape g) {
        return Transpose.supported() && g.strideH() == 1 && g.strideW() == 1 && g.k() % NR == 0
                && g.q() % TM == 0 && g.c() * g.r() * g.s() >= MIN_TAPS;
    }

    /** y = conv(x) + bias (bias may be null) for the whole batch. */
    static void forward(ConvShape g, float[] x, float[] w, float[] bias, float[] y) {
        Plan pl = plan(g, w, bias);
        if (Conv2dGemm.batchParallel(g)) {
            Parallel.forRange(g.n(), 1, (from, to) -> pipeline(pl, x, y, from, to));
        } else if (Parallel.threads() > 1 && g.flops() / g.n() >= 2.0 * Gemm.PARALLEL_WORK) {
            for (int n = 0; n < g.n(); n++) {
                splitImage(pl, x, y, n);
            }
        } else {
            pipeline(pl, x, y, 0, g.n());
        }
    }

    /** Transposes W into 32-filter blocks per tap block and lists the tap offsets, in the caller's buffers. */
    private static Plan plan(ConvShape g, float[] w, float[] bias) {
        final int k = g.k(), crs = g.c() * g.r() * g.s(), kcStep = ConvPacked.kcStep(crs);
        final int wp = g.w() + 2 * g.padW(), hp = g.p() + g.r() - 1, plane = hp * wp;
        Buffers buf = BUFFERS.get();
        float[] wt = buf.weights.get(k * crs);
        for (int pc = 0; pc < crs; pc += kcStep) {
            int kc = Math.min(kcStep, crs - pc);
            for (int f = 0; f < k; f++) {
                int dst = pc * k + (f / NR) * NR * kc + f % NR;
                for (int kk = 0; kk < kc; kk++) {
                    wt[dst + kk * NR] = w[f * crs + pc + kk];
                }
            }
        }
        int[] taps = buf.taps(crs);
        ConvPadded.fillTaps(g, wp, plane, taps);
        float[] b = bias;
        if (b == null) {
            b = buf.zeros.get(k);
            Arrays.fill(b, 0, k, 0f);
        }
        int blocks = (crs + kcStep - 1) / kcStep;
        int tiles = blocks * (k / NR) * g.p() * (g.q() / TM);
        // The last tile's last sample is (c-1)·plane + (hp-1)·wp + q + s - 2 = c·plane - 1: no slack needed.
        return new Plan(g, wt, taps, b, kcStep, wp, hp, g.c() * hp * wp, g.c() * hp, tiles);
    }

    /** Images [from, to) on this thread, each one's padding and transposition interleaved with its neighbour's tiles. */
    private static void pipeline(Plan pl, float[] x, float[] y, int from, int to) {
        final ConvShape g = pl.g;
        final int k = g.k(), pq = pl.pq(), crs = g.c() * g.r() * g.s(), outBlocks = Transpose.blockCount(k, pq);
        Buffers buf = BUFFERS.get();
        float[][] image = {buf.image[0].get(pl.imageSize), buf.image[1].get(pl.imageSize)};
        float[][] result = {buf.result[0].get(pq * k), buf.result[1].get(pq * k)};
        padRows(pl, x, from, image[from & 1], 0, pl.padRows);
        for (int n = from; n < to; n++) {
            int cur = n & 1, other = cur ^ 1;
            int padLeft = n + 1 < to ? pl.padRows : 0;
            int outLeft = n > from ? outBlocks : 0;
            int padStep = (padLeft + pl.tilesPerImage - 1) / pl.tilesPerImage;
            int outStep = (outLeft + pl.tilesPerImage - 1) / pl.tilesPerImage;
            int padDone = 0, outDone = 0;
            float[] xp = image[cur], res = result[cur], next = image[other], prev = result[other];
            int yPrev = (n - 1) * k * pq;
            for (int pc = 0; pc < crs; pc += pl.kcStep) {
                for (int f0 = 0; f0 < k; f0 += NR) {
                    for (int oy = 0; oy < g.p(); oy++) {
                        for (int ox = 0; ox < g.q(); ox += TM) {
                            tile(pl, pc, f0, oy, ox, xp, res);
                            if (padDone < padLeft) {
                                int e = Math.min(padLeft, padDone + padStep);
                                padRows(pl, x, n + 1, next, padDone, e);
                                padDone = e;
                            }
                            if (outDone < outLeft) {
                                int e = Math.min(outLeft, outDone + outStep);
                                Transpose.blocks(prev, k, pq, pl.bias, y, yPrev, outDone, e);
                                outDone = e;
                            }
                        }
                    }
                }
            }
            if (n > from) {
                Transpose.tail(prev, k, pq, pl.bias, y, yPrev);
            }
        }
        Transpose.toChannels(result[(to - 1) & 1], k, pq, pl.bias, y, (to - 1) * k * pq);
    }

    /** One image with its tile rows, then its transposition blocks, split across the threads. */
    private static void splitImage(Plan pl, float[] x, float[] y, int n) {
        final ConvShape g = pl.g;
        final int k = g.k(), pq = pl.pq(), crs = g.c() * g.r() * g.s();
        Buffers buf = BUFFERS.get();
        float[] xp = buf.image[0].get(pl.imageSize);
        float[] res = buf.result[0].get(pq * k);
        padRows(pl, x, n, xp, 0, pl.padRows);
        Parallel.forRange(g.p(), 1, (r0, r1) -> {
            for (int pc = 0; pc < crs; pc += pl.kcStep) {
                for (int f0 = 0; f0 < k; f0 += NR) {
                    for (int oy = r0; oy < r1; oy++) {
                        for (int ox = 0; ox < g.q(); ox += TM) {
                            tile(pl, pc, f0, oy, ox, xp, res);
                        }
                    }
                }
            }
        });
        int yOff = n * k * pq;
        Parallel.forRange(Transpose.blockCount(k, pq), 1, (b0, b1) -> Transpose.blocks(res, k, pq, pl.bias, y, yOff, b0, b1));
        Transpose.tail(res, k, pq, pl.bias, y, yOff);
    }

    /** Tile (oy, ox..ox+13) × filters f0..f0+31 over the tap block starting at pc, into res[pix·k + f]. */
    private static void tile(Plan pl, int pc, int f0, int oy, int ox, float[] xp, float[] res) {
        final int k = pl.g.k(), crs = pl.g.c() * pl.g.r() * pl.g.s();
        int kc = Math.min(pl.kcStep, crs - pc);
        int wOff = pc * k + f0 * kc;
        int base = oy * pl.wp + ox;
        int cOff = (oy * pl.g.q() + ox) * k + f0;
        if (pc == 0) {
            ConvDirectKernel.tileStore(kc, pl.wt, wOff, xp, pl.taps, pc, base, res, cOff, k);
        } else {
            ConvDirectKernel.tileAdd(kc, pl.wt, wOff, xp, pl.taps, pc, base, res, cOff, k);
        }
    }

    /** Rows [from, to) of image n's padded copy ({@link ConvPadded#padRows}). */
    static void padRows(Plan pl, float[] x, int n, float[] xp, int from, int to) {
        ConvPadded.padRows(pl.g, x, n * pl.g.c() * pl.g.h() * pl.g.w(), xp, pl.hp, pl.wp, from, to);
    }
}
