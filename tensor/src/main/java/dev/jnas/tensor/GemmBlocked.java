package dev.jnas.tensor;

import java.util.Arrays;

/**
 * Packed, cache-blocked GEMM driver (Goto/BLIS loop order) and its multi-threaded split.
 *
 * <p>Loops, outermost first: column blocks of NC (the packed B block, kc×nc, lives in L2/L3), k
 * blocks of KC, row blocks of MC (the packed A block, mc×kc, lives in L2), then NR-wide B
 * micro-panels (kc×NR, reused from L1 across the innermost loop) and MR-high A micro-panels; for a
 * C too big for the caches the order changes (see {@link #NC_STREAM} and {@link #runStreaming}).
 * Threads split C into disjoint row or column ranges, each run by {@link #run} with its own
 * thread-local packing buffers, so no barrier or shared buffer is needed.
 */
final class GemmBlocked {
    /** k block: one B micro-panel (KC×NR floats = 32 KiB with 16 lanes) stays in the 48 KiB L1d. */
    static final int KC = 256;
    /** Row block: the packed A block (MC×KC floats, 240 KiB) stays in the 2 MiB L2. */
    static final int MC = 240;
    /** Column block: the packed B block (KC×NC floats, 2 MiB). */
    static final int NC = 2048;
    /**
     * Column block when C is too big for the caches ({@link #STREAM_C} floats or more): the packed B
     * block (KC_STREAM×384 floats, 768 KiB) then stays in L2 and each A micro-panel sweeps a whole row strip
     * of C, so the 12 C row streams are sequential and the hardware prefetcher brings them in; with
     * B micro-panels outer (the default order) consecutive C tiles are 12 rows (12 pages) apart.
     */
    static final int NC_STREAM = 384;
    /**
     * k block of the streaming order: in it the A micro-panel, not the B one, is what stays in L1, so k
     * blocks can be longer than {@link #KC}, and each one is a pass over all of C. 512 × 384 against
     * 256 × 768 (the same B block size): n = 2048 +3% on 1 and 2 threads, 7 of 7 alternating pairs. Used
     * from {@link #LONG_K_C} floats of C ({@link #kcMax}).
     */
    static final int KC_STREAM = 512;
    /**
     * Whole-problem C size (floats) from which k blocks are {@link #KC_STREAM} long. The k blocks set the
     * order of the sums, so they must not depend on the thread count (1 and 2 threads give the same bits):
     * 1M floats is where 2 threads stream too (see {@link #STREAM_C}). Lowered from 2M: n = 1024 on 1 thread
     * 143–147 → 149–159 GFLOP/s (three alternating pairs), on 2 threads unchanged (283–286 both, 4 pairs).
     */
    static final long LONG_K_C = 1L << 20;
    /**
     * C size (floats) per thread from which the streaming order is used: 512K floats (2 MiB, the L2).
     * Decided once per call for all threads, so that the two halves of a split never run different orders
     * (at n = 2048 on 2 threads a 2M threshold per half put the 1020-row half in the B-outer order
     * and the 1028-row half in the streaming one: 266–278 GFLOP/s, against 294–304 with both streaming).
     * Lowered from 1M with {@link #LONG_K_C}: the 2-thread halves of n = 1024 then stream with 512-long k
     * blocks (B-outer with them: −2–3%); n = 768 on 1 thread unchanged (147–150 against 147–154).
     */
    static final long STREAM_C = 1L << 19;

    /** Height of the panels that replace a ragged last 12-row panel ({@link #mainRows}). */
    static final int TAIL_MR = 8;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private GemmBlocked() {
    }

    /** Per-thread packing buffers; grown on demand and then reused by every later call. */
    private static final class Buffers {
        final GrowBuffer a = new GrowBuffer();
        final GrowBuffer b = new GrowBuffer();
        final float[] tile = new float[12 * GemmKernel.NR];
    }

    /**
     * Splits C over up to {@link Parallel#threads()} threads along its longer side (in whole
     * micro-panels) and runs {@link #run} on each part with micro-panel height {@code mr}.
     */
    static void parallel(int mr, boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        int nr = GemmKernel.NR;
        int parts = Math.max(1, Math.min(Parallel.threads(), (m >= n ? (m + mr - 1) / mr : (n + nr - 1) / nr) / 2));
        boolean streamC = (long) m * n >= STREAM_C * parts;
        int kcMax = kcMax(m, n);
        if (m >= n) {
            int panels = (m + mr - 1) / mr;
            Parallel.forRange(panels, 2, (from, to) -> {
                int i0 = from * mr;
                int i1 = Math.min(m, to * mr);
                int aSub = aOff + (transA ? i0 : i0 * lda);
                run(mr, transA, transB, i1 - i0, n, k, a, aSub, lda, b, bOff, ldb,
                        c, cOff + i0 * ldc, ldc, accumulate, streamC, kcMax);
            });
        } else {
            int panels = (n + nr - 1) / nr;
            Parallel.forRange(panels, 2, (from, to) -> {
                int j0 = from * nr;
                int j1 = Math.min(n, to * nr);
                int bSub = bOff + (transB ? j0 * ldb : j0);
                run(mr, transA, transB, m, j1 - j0, k, a, aOff, lda, b, bSub, ldb,
                        c, cOff + j0, ldc, accumulate, streamC, kcMax);
            });
        }
    }

    /** Single-threaded blocked GEMM over the whole problem; arguments as in {@link Gemm#gemm}. */
    static void run(int mr, boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        run(mr, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                (long) m * n >= STREAM_C, kcMax(m, n));
    }

    /** The longest k block for a whole m×n product (a function of the shape only). */
    static int kcMax(int m, int n) {
        return (long) m * n >= LONG_K_C ? KC_STREAM : KC;
    }

    /**
     * Single-threaded blocked GEMM over a (sub)problem, in the streaming order when {@code streamC}, with k
     * blocks of at most {@code kcMax} (chosen for the whole problem).
     */
    private static void run(int mr, boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate, boolean streamC, int kcMax) {
        final int nr = GemmKernel.NR;
        // Even block sizes: k = 300 runs as 150 + 150 rather than 256 + 44.
        int kBlocks = (k + kcMax - 1) / kcMax;
        int kcStep = (k + kBlocks - 1) / kBlocks;
        int mcCap = MC / mr * mr;
        int mBlocks = (m + mcCap - 1) / mcCap;
        int mcStep = roundUp((m + mBlocks - 1) / mBlocks, mr);
        int ncStep = Math.min(streamC ? NC_STREAM : NC, roundUp(n, nr));
        Buffers buf = BUFFERS.get();
        // The first k block overwrites C through the storing kernels: no zeroing pass over C.
        boolean storeFirst = !accumulate && mr != 6 && k > 0;
        if (!accumulate && !storeFirst) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        if (streamC) {
            runStreaming(mr, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, storeFirst,
                    kcStep, ncStep, buf);
            return;
        }
        int mMain = mainRows(mr, m);
        // A tail of 8-row panels needs at most 4 rows more than the block (see mainRows).
        float[] ap = buf.a.get((mcStep + 4) * kcStep);
        float[] bp = buf.b.get(ncStep * kcStep);
        float[] tile = buf.tile;
        for (int jc = 0; jc < n; jc += ncStep) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                boolean store = storeFirst && pc == 0;
                GemmPack.packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = 0; ic < m; ic += mcStep) {
                    int mc = Math.min(mcStep, m - ic);
                    packRows(mr, mMain, transA, a, aOff, lda, ic, mc, pc, kc, ap, 0);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int nrr = Math.min(nr, nc - jr);
                        int bpOff = jr * kc;
                        for (int ir = 0; ir < mc; ) {
                            int h = ic + ir < mMain ? mr : TAIL_MR;
                            int mrr = Math.min(h, mc - ir);
                            microTile(h, nr, mrr, nrr, kc, ap, ir * kc, bp, bpOff, tile, c,
                                    cOff + (ic + ir) * ldc + jc + jr, ldc, store);
                            ir += h;
                        }
                    }
                }
            }
        }
    }

    /**
     * Rows [0, result) run in {@code mr}-high panels, the rest in {@link #TAIL_MR}-high ones. With 12-row
     * panels a ragged last panel is replaced by one or two 8-row panels when that pads fewer rows: m = 256
     * runs as 20 × 12 + 2 × 8 rows instead of 22 × 12 (8 padded rows, 3% of the work). 1 thread, n = 256:
     * 145 → 151 GFLOP/s measured on m = 252 (no tail), 137 with 8-row panels throughout.
     */
    static int mainRows(int mr, int m) {
        if (mr != 12) {
            return m;
        }
        int r = m % 12;
        if (r >= 5 && r <= 8) {
            return m - r;
        }
        if (r >= 1 && r <= 4 && m >= 12 + r) {
            return m - 12 - r;
        }
        return r >= 1 && r <= 4 ? 0 : m;
    }

    /** Packs rows [i0, i0+mc) of op(A) as panels: {@code mr}-high below {@code mMain}, 8-high from it on. */
    private static void packRows(int mr, int mMain, boolean transA, float[] a, int aOff, int lda,
                                 int i0, int mc, int p0, int kc, float[] ap, int apOff) {
        int main = Math.max(0, Math.min(mc, mMain - i0));
        if (main > 0) {
            GemmPack.packA(mr, transA, a, aOff, lda, i0, main, p0, kc, ap, apOff);
        }
        if (main < mc) {
            GemmPack.packA(TAIL_MR, transA, a, aOff, lda, i0 + main, mc - main, p0, kc, ap, apOff + main * kc);
        }
    }

    /**
     * The order for a C too big for the caches: k blocks outermost, then column blocks of
     * {@link #NC_STREAM} (packed B in L2), then A micro-panels, each sweeping a 12-row strip of C left to
     * right so that the C row streams are sequential. In this order an A micro-panel is read once per
     * sweep (from L1 after its first tile), so A needs no L2-sized block: all of A's k block is packed
     * once, panel by panel during the first column block, and reused by the others (the B-outer driver
     * re-packed A for every column block: 6% of the time at n = 2048).
     */
    private static void runStreaming(int mr, boolean transA, boolean transB, int m, int n, int k,
                                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     float[] c, int cOff, int ldc, boolean storeFirst, int kcStep, int ncStep,
                                     Buffers buf) {
        final int nr = GemmKernel.NR;
        int mMain = mainRows(mr, m);
        float[] ap = buf.a.get((roundUp(m, mr) + 4) * kcStep);
        float[] bp = buf.b.get(ncStep * kcStep);
        float[] tile = buf.tile;
        for (int pc = 0; pc < k; pc += kcStep) {
            int kc = Math.min(kcStep, k - pc);
            boolean store = storeFirst && pc == 0;
            for (int jc = 0; jc < n; jc += ncStep) {
                int nc = Math.min(ncStep, n - jc);
                GemmPack.packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ir = 0; ir < m; ) {
                    int h = ir < mMain ? mr : TAIL_MR;
                    int mrr = Math.min(h, m - ir);
                    int apOff = ir * kc;
                    if (jc == 0) {
                        GemmPack.packA(h, transA, a, aOff, lda, ir, mrr, pc, kc, ap, apOff);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int nrr = Math.min(nr, nc - jr);
                        microTile(h, nr, mrr, nrr, kc, ap, apOff, bp, jr * kc, tile, c,
                                cOff + ir * ldc + jc + jr, ldc, store);
                    }
                    ir += h;
                }
            }
        }
    }

    /**
     * One mrr x nrr block of C (+)= A panel x B panel (stored when {@code store}, else added): straight
     * into C when full, else through a zeroed tile.
     */
    private static void microTile(int mr, int nr, int mrr, int nrr, int kc, float[] ap, int apOff, float[] bp, int bpOff,
                                  float[] tile, float[] c, int ci, int ldc, boolean store) {
        if (mrr == mr && nrr == nr) {
            if (store) {
                GemmKernel.kernelStore(mr, kc, ap, apOff, bp, bpOff, c, ci, ldc);
            } else {
                GemmKernel.kernel(mr, kc, ap, apOff, bp, bpOff, c, ci, ldc);
            }
        } else {
            Arrays.fill(tile, 0f);
            GemmKernel.kernel(mr, kc, ap, apOff, bp, bpOff, tile, 0, nr);
            for (int r = 0; r < mrr; r++) {
                int t = r * nr;
                int o = ci + r * ldc;
                for (int j = 0; j < nrr; j++) {
                    c[o + j] = store ? tile[t + j] : c[o + j] + tile[t + j];
                }
            }
        }
    }

    private static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
