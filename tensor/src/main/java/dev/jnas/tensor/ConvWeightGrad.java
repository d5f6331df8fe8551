package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weight gradient of a convolution with few outputs (k·c·r·s small, e.g. a first layer with one input
 * channel) as lane-wise dot products, without packing.
 *
 * <p>dW[kk, j] = Σ over images and pixels of dY[kk, pix]·col[j, pix]: both operands are rows that are
 * contiguous along the summed pixel axis, so a register-blocked dot product (4 rows of dY × 3 rows of col,
 * 12 vector accumulators) reads them directly. The general GEMM would instead pack col transposed, a
 * strided gather that cost more than the multiply for these shapes. Accumulators stay as full vectors in
 * {@code lanes} [k·crs, L] across all images of a chunk and are reduced to scalars once per chunk
 * ({@link #reduceInto}), so the costly horizontal sums do not scale with the batch.
 *
 * <p>Call order per chunk: zero {@code lanes}, {@link #accumulate} once per image, {@link #reduceInto}.
 */
final class ConvWeightGrad {
    /** Use this path while k·crs is at most this (the lane buffer, k·crs·L floats, then fits in L2). */
    static final int MAX_OUTPUTS = 4096;

    private static final VectorSpecies<Float> SP = Simd.SPECIES;
    private static final int L = SP.length();
    /**
     * L zeros then L ones: loading L floats at offset u (0 < u < L) gives a vector whose last u lanes
     * are 1, which selects the u tail samples of an overlapping load that ends at the row's end.
     */
    private static final float[] TAIL_WEIGHTS = new float[2 * L];

    static {
        java.util.Arrays.fill(TAIL_WEIGHTS, L, 2 * L, 1f);
    }

    private ConvWeightGrad() {
    }

    /** Floats needed by the lane buffer for an m×n result. */
    static int laneSize(int m, int n) {
        return m * n * L;
    }

    /**
     * Adds to lanes[(i·n + j)·L .. +L) lane-wise partial sums whose total over the L lanes is
     * Σ_t a[aOff + i·lda + t]·b[bOff + j·ldb + t] for t in [0, len), for i in [0, m), j in [0, n): the
     * partial dot products of every row pair (which lane a term lands in is unspecified; a ragged tail
     * is one overlapping vector ending at len).
     */
    static void accumulate(int m, int n, int len, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float[] lanes) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 3 <= n; j += 3) {
                block43(n, len, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, lanes, (i * n + j) * L);
            }
            for (; j < n; j++) {
                for (int ii = i; ii < i + 4; ii++) {
                    dot11(len, a, aOff + ii * lda, b, bOff + j * ldb, lanes, (ii * n + j) * L);
                }
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j++) {
                dot11(len, a, aOff + i * lda, b, bOff + j * ldb, lanes, (i * n + j) * L);
            }
        }
    }

    /** dst[dOff + e] = (accumulate ? dst[dOff + e] : 0) + the lane sum of entry e, for e in [0, count). */
    static void reduceInto(int count, float[] lanes, float[] dst, int dOff, boolean accumulate) {
        for (int e = 0; e < count; e++) {
            // Strict lane order: reduceLanes(ADD) differs between JDK 25's interpreter and C2 (Simd.sumLanes).
            float s = 0f;
            for (int l = e * L, end = l + L; l < end; l++) {
                s += lanes[l];
            }
            dst[dOff + e] = accumulate ? dst[dOff + e] + s : s;
        }
    }

    private static void block43(int n, int len, float[] a, int a0, int lda, float[] b, int b0, int ldb,
                                float[] lanes, int o) {
        final int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, b1 = b0 + ldb, b2 = b1 + ldb;
        final int r1 = o + n * L, r2 = r1 + n * L, r3 = r2 + n * L;
        FloatVector c00 = FloatVector.fromArray(SP, lanes, o);
        FloatVector c01 = FloatVector.fromArray(SP, lanes, o + L);
        FloatVector c02 = FloatVector.fromArray(SP, lanes, o + 2 * L);
        FloatVector c10 = FloatVector.fromArray(SP, lanes, r1);
        FloatVector c11 = FloatVector.fromArray(SP, lanes, r1 + L);
        FloatVector c12 = FloatVector.fromArray(SP, lanes, r1 + 2 * L);
        FloatVector c20 = FloatVector.fromArray(SP, lanes, r2);
        FloatVector c21 = FloatVector.fromArray(SP, lanes, r2 + L);
        FloatVector c22 = FloatVector.fromArray(SP, lanes, r2 + 2 * L);
        FloatVector c30 = FloatVector.fromArray(SP, lanes, r3);
        FloatVector c31 = FloatVector.fromArray(SP, lanes, r3 + L);
        FloatVector c32 = FloatVector.fromArray(SP, lanes, r3 + 2 * L);
        int t = 0;
        for (int bound = SP.loopBound(len); t < bound; t += L) {
            FloatVector x0 = FloatVector.fromArray(SP, b, b0 + t);
            FloatVector x1 = FloatVector.fromArray(SP, b, b1 + t);
            FloatVector x2 = FloatVector.fromArray(SP, b, b2 + t);
            FloatVector y = FloatVector.fromArray(SP, a, a0 + t);
            c00 = y.fma(x0, c00);
            c01 = y.fma(x1, c01);
            c02 = y.fma(x2, c02);
            y = FloatVector.fromArray(SP, a, a1 + t);
            c10 = y.fma(x0, c10);
            c11 = y.fma(x1, c11);
            c12 = y.fma(x2, c12);
            y = FloatVector.fromArray(SP, a, a2 + t);
            c20 = y.fma(x0, c20);
            c21 = y.fma(x1, c21);
            c22 = y.fma(x2, c22);
            y = FloatVector.fromArray(SP, a, a3 + t);
            c30 = y.fma(x0, c30);
            c31 = y.fma(x1, c31);
            c32 = y.fma(x2, c32);
        }
        if (t < len && len >= L) {
            // The tail as one vector ending at len: the last L samples, with the lanes that the main loop
            // already covered multiplied by 0 (an unmasked load and a multiply; see scalarTail for why
            // not a masked load).
            final int st = len - L;
            final FloatVector keep = FloatVector.fromArray(SP, TAIL_WEIGHTS, len - t);
            FloatVector x0 = FloatVector.fromArray(SP, b, b0 + st);
            FloatVector x1 = FloatVector.fromArray(SP, b, b1 + st);
            FloatVector x2 = FloatVector.fromArray(SP, b, b2 + st);
            FloatVector y = FloatVector.fromArray(SP, a, a0 + st).mul(keep);
            c00 = y.fma(x0, c00);
            c01 = y.fma(x1, c01);
            c02 = y.fma(x2, c02);
            y = FloatVector.fromArray(SP, a, a1 + st).mul(keep);
            c10 = y.fma(x0, c10);
            c11 = y.fma(x1, c11);
            c12 = y.fma(x2, c12);
            y = FloatVector.fromArray(SP, a, a2 + st).mul(keep);
            c20 = y.fma(x0, c20);
            c21 = y.fma(x1, c21);
            c22 = y.fma(x2, c22);
            y = FloatVector.fromArray(SP, a, a3 + st).mul(keep);
            c30 = y.fma(x0, c30);
            c31 = y.fma(x1, c31);
            c32 = y.fma(x2, c32);
            t = len;
        }
        c00.intoArray(lanes, o);
        c01.intoArray(lanes, o + L);
        c02.intoArray(lanes, o + 2 * L);
        c10.intoArray(lanes, r1);
        c11.intoArray(lanes, r1 + L);
        c12.intoArray(lanes, r1 + 2 * L);
        c20.intoArray(lanes, r2);
        c21.intoArray(lanes, r2 + L);
        c22.intoArray(lanes, r2 + 2 * L);
        c30.intoArray(lanes, r3);
        c31.intoArray(lanes, r3 + L);
        c32.intoArray(lanes, r3 + 2 * L);
        if (t < len) {
            for (int ii = 0; ii < 4; ii++) {
                for (int jj = 0; jj < 3; jj++) {
                    scalarTail(t, len, a, a0 + ii * lda, b, b0 + jj * ldb, lanes, o + (ii * n + jj) * L);
                }
            }
        }
    }

    /**
     * Adds the tail t in [from, len) into lane 0. Scalar on purpose: masked or narrower-species vector ops
     * here polluted the type profile of the shared Vector API methods on JDK 17 and de-intrinsified stores
     * everywhere (measured: the whole CNN step ran ~35% slower).
     */
    private static void scalarTail(int from, int len, float[] a, int a0, float[] b, int b0, float[] lanes, int o) {
        float s = 0f;
        for (int t = from; t < len; t++) {
            s += a[a0 + t] * b[b0 + t];
        }
        lanes[o] += s;
    }

    private static void dot11(int len, float[] a, int a0, float[] b, int b0, float[] lanes, int o) {
        FloatVector c = FloatVector.fromArray(SP, lanes, o);
        int t = 0;
        for (int bound = SP.loopBound(len); t < bound; t += L) {
            c = FloatVector.fromArray(SP, a, a0 + t).fma(FloatVector.fromArray(SP, b, b0 + t), c);
        }
        if (t < len && len >= L) {
            FloatVector keep = FloatVector.fromArray(SP, TAIL_WEIGHTS, len - t);
            c = FloatVector.fromArray(SP, a, a0 + len - L).mul(keep).fma(FloatVector.fromArray(SP, b, b0 + len - L), c);
            t = len;
        }
        c.intoArray(lanes, o);
        scalarTail(t, len, a, a0, b, b0, lanes, o);
    }
}
