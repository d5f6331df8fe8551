package dev.jnas.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast convolution path: im2col + {@link Gemm#gemm}, called through {@link Conv2d}'s SIMD entry points.
 *
 * <p>Per group of {@code gs} images, the inputs are lowered side by side into a column matrix
 * col[c·r·s, gs·p·q]; then forward is W[k,crs]·col → Y[k, gs·pq], backward-input is Wᵀ·dY → dcol followed
 * by col2im, and backward-weights is dY·colᵀ summed into dW. A forward whose GEMMs are not tiny
 * ({@link #usePacked}) never builds col: stride-1 shapes with whole 14-pixel output rows and 32-filter
 * blocks go to {@link ConvDirect} (input broadcast straight from a padded image, nothing lowered), the
 * others to {@link ConvPacked}, which packs W once per call and lowers the input straight into the
 * kernel's B micro-panels. Small images are grouped so that the GEMM's
 * n dimension reaches {@link #MIN_COLS} (a friendly shape for a packed GEMM); a 1x1 stride-1 unpadded
 * convolution on a single image skips im2col and multiplies the image in place. The weight gradient of
 * stride-1 shapes with 16- or 32-filter blocks goes to {@link ConvWeightDirect} (nothing lowered either),
 * that of other shapes with few outputs to the lane-wise dot products of {@link ConvWeightGrad}. Maps with
 * output rows of at most 4 pixels are lowered by gathers ({@link Im2col#smallPlane}).
 *
 * <p>Threading: with enough images the batch is split over {@link Parallel#forRange} and each worker
 * runs its GEMMs single-threaded (Parallel runs nested ranges inline, so there is no oversubscription);
 * with few, large images the images run in turn on the caller and the GEMM may use the pool itself.
 * Batch-level splitting is preferred because it also parallelises im2col/col2im and needs no per-GEMM
 * fork/join. Column buffers live in grow-only per-thread scratch, so steady-state calls do not allocate.
 */
final class Conv2dGemm {
    /** Target GEMM n (columns) per group: below this, several images share one GEMM. */
    static final int MIN_COLS = 256;
    /** Fewest filters for which small images take the packed forward path (see {@link #usePacked}). */
    static final int PACKED_MIN_FILTERS = 32;
    /** Per-image FLOPs above which a batch smaller than 2·threads runs image by image with GEMM threading. */
    static final double LARGE_IMAGE_FLOPS = 64e6;
    /** backwardWeights sums per-chunk partials in a fixed order; at most this many chunks. */
    static final int MAX_WEIGHT_CHUNKS = 16;
    /** Fewest summed pixels (images × p·q) per weight-gradient chunk off the direct path. */
    static final int MIN_WEIGHT_LEN = 128;

    private static final VectorSpecies<Float> SP = Simd.SPECIES;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Grow-only scratch arrays of one thread. */
    private static final class Scratch {
        final GrowBuffer col = new GrowBuffer();
        final GrowBuffer tmp = new GrowBuffer();
        final GrowBuffer partial = new GrowBuffer();
        final GrowBuffer lanes = new GrowBuffer();
        final GrowBuffer flipped = new GrowBuffer();
    }

    private Conv2dGemm() {
    }

    static void forward(ConvShape g, float[] x, float[] w, float[] bias, float[] y) {
        if (ConvPlaneDirect.applies(g)) {
            ConvPlaneDirect.forward(g, x, w, bias, y);
        } else if (usePacked(g) && ConvDirect.applies(g)) {
            ConvDirect.forward(g, x, w, bias, y);
        } else if (usePacked(g)) {
            int mr = GemmKernel.mrFor(g.k());
            float[] wp = ConvPacked.packWeights(g, w, mr);
            int gmax = groupImages(g);
            overGroups(g, gmax, (from, to) -> forwardPackedRange(g, mr, wp, x, bias, y, from, to, gmax));
        } else {
            int gmax = groupImages(g);
            overGroups(g, gmax, (from, to) -> forwardRange(g, x, w, bias, y, from, to, gmax));
        }
    }

    /**
     * True when a forward group's GEMM is large enough for the packed kernels (else the direct small GEMM),
     * and, for images of fewer than {@link #MIN_COLS} outputs, when there are at least
     * {@link #PACKED_MIN_FILTERS} filters: the packed path works image by image, and with few filters
     * its per-image packing and ragged last panel cost more than grouping images through the column
     * matrix (LeNet-5's second conv, 16 filters on 10x10 outputs: training 1T 9,000 -> 8,000 img/s
     * packed; the digits space's 32-filter 8x8 and the wide CNN's 64-filter convs gain from it). Output
     * rows of at most {@link Im2col#SMALL_Q} pixels never go packed: the gather lowering of
     * {@link Im2col#smallPlane} plus one GEMM over a group of images beats the packed path's per-image
     * gathers there (32 filters, batch 64, 1 thread: 16→32 5x5/2 on 4x4 maps 421 → 243 µs, 16→32 3x3 on
     * 4x4 476 → 249, 32→32 3x3 on 2x2 301 → 181; 8x8 outputs stay faster packed, 1192 against 1652).
     */
    static boolean usePacked(ConvShape g) {
        if (Im2col.smallPlane(g)) {
            return false;
        }
        int pq = g.p() * g.q();
        if (pq < MIN_COLS && g.k() < PACKED_MIN_FILTERS) {
            return false;
        }
        long cols = Math.min((long) g.n() * pq, Math.max(pq, MIN_COLS));
        return (long) g.k() * g.c() * g.r() * g.s() * cols >= Gemm.SMALL_WORK;
    }

    static void backwardInput(ConvShape g, float[] dy, float[] w, float[] dx) {
        ConvShape plane = ConvPlaneDirect.backwardShape(g);
        if (plane != null) {
            ConvPlaneDirect.forward(plane, dy, flipWeights(g, w), null, dx);
            return;
        }
        ConvShape t = directBackwardShape(g);
        if (t != null) {
            ConvDirect.forward(t, dy, flipWeights(g, w), null, dx);
            return;
        }
        int gmax = groupImages(g);
        overGroups(g, gmax, (from, to) -> backwardInputRange(g, dy, w, dx, from, to, gmax));
    }

    /**
     * For stride 1, dX is itself a stride-1 convolution: of dY (k channels) with W's kernels flipped and
     * their k and c roles swapped (c filters), padded by r-1-padH and s-1-padW, which gives back h x w.
     * Returns that shape when {@link ConvDirect} takes it (no column matrix, no col2im), else null.
     */
    static ConvShape directBackwardShape(ConvShape g) {
        if (g.strideH() != 1 || g.strideW() != 1 || g.padH() > g.r() - 1 || g.padW() > g.s() - 1) {
            return null;
        }
        ConvShape t = new ConvShape(g.n(), g.k(), g.p(), g.q(), g.c(), g.r(), g.s(), 1, 1,
                g.r() - 1 - g.padH(), g.s() - 1 - g.padW());
        return ConvDirect.applies(t) && usePacked(t) ? t : null;
    }

    /** W'[ci, kk, i, j] = W[kk, ci, r-1-i, s-1-j] in this thread's scratch. */
    private static float[] flipWeights(ConvShape g, float[] w) {
        final int k = g.k(), c = g.c(), r = g.r(), s = g.s(), rs = r * s;
        float[] f = SCRATCH.get().flipped.get(k * c * rs);
        for (int kk = 0; kk < k; kk++) {
            for (int ci = 0; ci < c; ci++) {
                int src = (kk * c + ci) * rs;
                int dst = (ci * k + kk) * rs;
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < s; j++) {
                        f[dst + (r - 1 - i) * s + (s - 1 - j)] = w[src + i * s + j];
                    }
                }
            }
        }
        return f;
    }

    static void backwardWeights(ConvShape g, float[] x, float[] dy, float[] dw, float[] dbias, boolean accumulate) {
        final int n = g.n(), k = g.k(), crs = g.c() * g.r() * g.s();
        final boolean direct = ConvWeightDirect.applies(g);
        final int chunks = weightChunks(g, direct);
        final boolean split = batchParallel(g) && chunks > 1;
        final int stride = direct ? ConvWeightDirect.partialSize(g) : k * crs + k;
        final ConvWeightDirect.Plan plan = direct ? ConvWeightDirect.plan(g) : null;
        // Chunk boundaries depend only on the shape, so the summation order, and the result, do not depend on the
        // thread count.
        float[] partials = SCRATCH.get().partial.get(chunks * stride);
        Parallel.RangeBody body = (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                int from = (int) ((long) n * ch / chunks);
                int to = (int) ((long) n * (ch + 1) / chunks);
                if (direct) {
                    ConvWeightDirect.accumulate(plan, x, dy, partials, ch * stride, from, to, !split && Parallel.threads() > 1);
                } else {
                    weightsRange(g, x, dy, partials, ch * stride, from, to);
                }
            }
        };
        if (split) {
            Parallel.forRange(chunks, 1, body);
        } else {
            body.run(0, chunks);
        }
        if (direct) {
            for (int ch = 1; ch < chunks; ch++) {
                Im2col.addInto(partials, ch * stride, partials, 0, stride);
            }
            ConvWeightDirect.writeOut(g, partials, 0, dw, dbias, accumulate);
            return;
        }
        if (!accumulate) {
            Arrays.fill(dw, 0, k * crs, 0f);
            if (dbias != null) {
                Arrays.fill(dbias, 0, k, 0f);
            }
        }
        for (int ch = 0; ch < chunks; ch++) {
            Im2col.addInto(partials, ch * stride, dw, 0, k * crs);
            if (dbias != null) {
                Im2col.addInto(partials, ch * stride + k * crs, dbias, 0, k);
            }
        }
    }

    /**
     * Image ranges of the weight gradient: up to {@link #MAX_WEIGHT_CHUNKS}, but (off the direct path) at least
     * {@link #MIN_WEIGHT_LEN} summed pixels each, so that small maps (2x2 and 4x4 outputs in the digits space)
     * reduce over whole vectors of several images instead of 4 pixels at a time. Depends on the shape only.
     */
    static int weightChunks(ConvShape g, boolean direct) {
        int cap = Math.min(g.n(), MAX_WEIGHT_CHUNKS);
        if (direct) {
            return cap;
        }
        long len = (long) g.n() * g.p() * g.q();
        return (int) Math.max(1, Math.min(cap, len / MIN_WEIGHT_LEN));
    }

    /** True when the batch is split across threads (each GEMM then runs on one thread). */
    static boolean batchParallel(ConvShape g) {
        int t = Parallel.threads();
        double perImage = g.flops() / g.n();
        return t > 1 && (g.n() >= 2 * t || (g.n() >= t && perImage < LARGE_IMAGE_FLOPS));
    }

    /**
     * Images side by side in one column-matrix GEMM: from the shape only (at most half the batch, so that two
     * threads still get a group each), and the batch is split across threads in whole groups
     * ({@link #overGroups}): the GEMM widths, and so the bits, then do not depend on the thread count (groups
     * sized from each thread's share gave 1 and 2 threads other widths for odd batches, found in review).
     */
    static int groupImages(ConvShape g) {
        return groupSize(g, Math.max(1, (g.n() + 1) / 2));
    }

    /** Runs {@code body} over whole groups of {@code gmax} images, split across the threads when the batch is. */
    private static void overGroups(ConvShape g, int gmax, Parallel.RangeBody body) {
        int groups = (g.n() + gmax - 1) / gmax;
        Parallel.RangeBody whole = (g0, g1) -> body.run(g0 * gmax, Math.min(g.n(), g1 * gmax));
        if (batchParallel(g) && groups > 1) {
            Parallel.forRange(groups, 1, whole);
        } else {
            whole.run(0, groups);
        }
    }

    private static int groupSize(ConvShape g, int images) {
        int pq = g.p() * g.q();
        return Math.max(1, Math.min(images, (MIN_COLS + pq - 1) / pq));
    }

    private static void forwardRange(ConvShape g, float[] x, float[] w, float[] bias, float[] y, int from, int to,
                                     int gmax) {
        final int k = g.k(), crs = g.c() * g.r() * g.s(), pq = g.p() * g.q(), chw = g.c() * g.h() * g.w();
        Scratch sc = SCRATCH.get();
        for (int n0 = from; n0 < to; n0 += gmax) {
            int gs = Math.min(gmax, to - n0);
            int cols = gs * pq;
            float[] b;
            int bOff;
            if (gs == 1 && g.isPointwise()) {
                b = x;
                bOff = n0 * chw;
            } else {
                b = sc.col.get(crs * cols);
                bOff = 0;
                for (int i = 0; i < gs; i++) {
                    Im2col.im2col(g, x, (n0 + i) * chw, b, i * pq, cols);
                }
            }
            if (gs == 1) {
                int yOff = n0 * k * pq;
                if (bias != null) {
                    for (int kk = 0; kk < k; kk++) {
                        Arrays.fill(y, yOff + kk * pq, yOff + (kk + 1) * pq, bias[kk]);
                    }
                }
                Gemm.gemm(false, false, k, pq, crs, w, 0, crs, b, bOff, pq, y, yOff, pq, bias != null);
            } else {
                float[] t = sc.tmp.get(k * cols);
                Gemm.gemm(false, false, k, cols, crs, w, 0, crs, b, bOff, cols, t, 0, cols, false);
                for (int i = 0; i < gs; i++) {
                    for (int kk = 0; kk < k; kk++) {
                        addBias(t, kk * cols + i * pq, y, ((n0 + i) * k + kk) * pq, pq, bias == null ? 0f : bias[kk]);
                    }
                }
            }
        }
    }

    /** Forward of images [from, to) through {@link ConvPacked}, with W already packed into wp. */
    private static void forwardPackedRange(ConvShape g, int mr, float[] wp, float[] x, float[] bias, float[] y,
                                           int from, int to, int gmax) {
        final int k = g.k(), pq = g.p() * g.q();
        if (ConvPadded.applies(g)) {
            boolean split = Parallel.threads() > 1 && !batchParallel(g)
                    && (long) k * pq * g.c() * g.r() * g.s() >= Gemm.PARALLEL_WORK;
            for (int n = from; n < to; n++) {
                ConvPadded.forwardImage(g, mr, wp, x, n, bias, y, split);
            }
            return;
        }
        Scratch sc = SCRATCH.get();
        for (int n0 = from; n0 < to; n0 += gmax) {
            int gs = Math.min(gmax, to - n0);
            int cols = gs * pq;
            float[] c;
            int cOff;
            int ldc;
            if (gs == 1) {
                c = y;
                cOff = n0 * k * pq;
                ldc = pq;
                for (int kk = 0; kk < k; kk++) {
                    Arrays.fill(y, cOff + kk * pq, cOff + (kk + 1) * pq, bias == null ? 0f : bias[kk]);
                }
            } else {
                c = sc.tmp.get(k * cols);
                cOff = 0;
                ldc = cols;
                Arrays.fill(c, 0, k * cols, 0f);
            }
            int n1 = n0;
            if (Parallel.threads() > 1 && !batchParallel(g) && (long) k * cols * g.c() * g.r() * g.s() >= Gemm.PARALLEL_WORK) {
                // Few large images: split the columns (whole micro-panels) across the threads.
                int panels = (cols + GemmKernel.NR - 1) / GemmKernel.NR;
                Parallel.forRange(panels, 2, (p0, p1) -> ConvPacked.multiply(g, mr, wp, x, n1,
                        p0 * GemmKernel.NR, Math.min(cols, p1 * GemmKernel.NR), c, cOff, ldc));
            } else {
                ConvPacked.multiply(g, mr, wp, x, n0, 0, cols, c, cOff, ldc);
            }
            if (gs > 1) {
                for (int i = 0; i < gs; i++) {
                    for (int kk = 0; kk < k; kk++) {
                        addBias(c, kk * cols + i * pq, y, ((n0 + i) * k + kk) * pq, pq, bias == null ? 0f : bias[kk]);
                    }
                }
            }
        }
    }

    private static void backwardInputRange(ConvShape g, float[] dy, float[] w, float[] dx, int from, int to,
                                           int gmax) {
        final int k = g.k(), c = g.c(), crs = c * g.r() * g.s(), pq = g.p() * g.q(), chw = c * g.h() * g.w();
        Scratch sc = SCRATCH.get();
        for (int n0 = from; n0 < to; n0 += gmax) {
            int gs = Math.min(gmax, to - n0);
            int cols = gs * pq;
            if (gs == 1 && g.isPointwise()) {
                Gemm.gemm(true, false, c, pq, k, w, 0, c, dy, n0 * k * pq, pq, dx, n0 * chw, pq, false);
                continue;
            }
            float[] a;
            int aOff;
            if (gs == 1) {
                a = dy;
                aOff = n0 * k * pq;
            } else {
                a = gatherRows(g, dy, n0, gs, sc.tmp.get(k * cols));
                aOff = 0;
            }
            float[] dcol = sc.col.get(crs * cols);
            Gemm.gemm(true, false, crs, cols, k, w, 0, crs, a, aOff, cols, dcol, 0, cols, false);
            for (int i = 0; i < gs; i++) {
                Arrays.fill(dx, (n0 + i) * chw, (n0 + i + 1) * chw, 0f);
                Im2col.col2im(g, dcol, i * pq, cols, dx, (n0 + i) * chw);
            }
        }
    }

    /**
     * Sums dY·colᵀ over images [from, to) into partials[off .. off+k·crs) and dBias into the k after it. Images
     * go in groups side by side (a [k, gs·pq] dY and a [crs, gs·pq] col); few outputs (k·crs ≤
     * {@link ConvWeightGrad#MAX_OUTPUTS}) are summed as lane-wise dot products, the rest by the GEMM, which for
     * small maps gets col gathered pixel-major so that it needs no transposed packing (that packing cost more
     * than the multiply for these shapes).
     */
    private static void weightsRange(ConvShape g, float[] x, float[] dy, float[] partials, int off, int from, int to) {
        final int k = g.k(), crs = g.c() * g.r() * g.s(), pq = g.p() * g.q(), chw = g.c() * g.h() * g.w();
        final int gmax = groupSize(g, to - from);
        final boolean dot = k * crs <= ConvWeightGrad.MAX_OUTPUTS;
        final boolean pixelMajor = !dot && Im2col.smallPlane(g);
        Scratch sc = SCRATCH.get();
        Arrays.fill(partials, off + k * crs, off + k * crs + k, 0f);
        float[] lanes = null;
        if (dot) {
            lanes = sc.lanes.get(ConvWeightGrad.laneSize(k, crs));
            Arrays.fill(lanes, 0, ConvWeightGrad.laneSize(k, crs), 0f);
        }
        boolean first = true;
        for (int n0 = from; n0 < to; n0 += gmax) {
            int gs = Math.min(gmax, to - n0);
            int cols = gs * pq;
            float[] a;
            int aOff;
            if (gs == 1) {
                a = dy;
                aOff = n0 * k * pq;
            } else {
                a = gatherRows(g, dy, n0, gs, sc.tmp.get(k * cols));
                aOff = 0;
            }
            float[] b;
            int bOff = 0;
            if (pixelMajor) {
                b = sc.col.get(crs * cols);
                for (int i = 0; i < gs; i++) {
                    Im2col.im2colTransposed(g, x, (n0 + i) * chw, b, i * pq * crs, crs);
                }
                Gemm.gemm(false, false, k, crs, cols, a, aOff, cols, b, 0, crs, partials, off, crs, !first);
            } else {
                if (gs == 1 && g.isPointwise()) {
                    b = x;
                    bOff = n0 * chw;
                } else {
                    b = sc.col.get(crs * cols);
                    for (int i = 0; i < gs; i++) {
                        Im2col.im2col(g, x, (n0 + i) * chw, b, i * pq, cols);
                    }
                }
                if (dot) {
                    ConvWeightGrad.accumulate(k, crs, cols, a, aOff, cols, b, bOff, cols, lanes);
                } else {
                    Gemm.gemm(false, true, k, crs, cols, a, aOff, cols, b, bOff, cols, partials, off, crs, !first);
                }
            }
            first = false;
            for (int kk = 0; kk < k; kk++) {
                partials[off + k * crs + kk] += sum(a, aOff + kk * cols, cols);
            }
        }
        if (dot) {
            ConvWeightGrad.reduceInto(k * crs, lanes, partials, off, false);
        }
    }

    /** Copies dY of images [n0, n0+gs) into t as a [k, gs·pq] matrix (images side by side). */
    private static float[] gatherRows(ConvShape g, float[] dy, int n0, int gs, float[] t) {
        final int k = g.k(), pq = g.p() * g.q(), cols = gs * pq;
        for (int i = 0; i < gs; i++) {
            for (int kk = 0; kk < k; kk++) {
                System.arraycopy(dy, ((n0 + i) * k + kk) * pq, t, kk * cols + i * pq, pq);
            }
        }
        return t;
    }

    private static void addBias(float[] src, int sOff, float[] dst, int dOff, int len, float bias) {
        int t = 0;
        FloatVector bv = FloatVector.broadcast(SP, bias);
        for (int bound = SP.loopBound(len); t < bound; t += SP.length()) {
            FloatVector.fromArray(SP, src, sOff + t).add(bv).intoArray(dst, dOff + t);
        }
        for (; t < len; t++) {
            dst[dOff + t] = src[sOff + t] + bias;
        }
    }

    static float sum(float[] a, int off, int len) {
        int t = 0;
        FloatVector acc = FloatVector.zero(SP);
        for (int bound = SP.loopBound(len); t < bound; t += SP.length()) {
            acc = acc.add(FloatVector.fromArray(SP, a, off + t));
        }
        float s = Simd.sumLanes(acc);
        for (; t < len; t++) {
            s += a[off + t];
        }
        return s;
    }
}
