package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;

/**
 * Packing of GEMM operands into the micro-panel layouts {@link GemmKernel} reads.
 *
 * <p>Packing absorbs the transposition flags: after it, the four forms A·B, Aᵀ·B, A·Bᵀ and Aᵀ·Bᵀ
 * run the same kernel. Partial panels at the matrix edges are zero-padded to full width, so the
 * kernel never needs a tail; the driver discards the padded part of the result tile.
 */
final class GemmPack {
    private GemmPack() {
    }

    /**
     * Packs op(A)[i0 .. i0+mc) × [p0 .. p0+kc) into {@code ap}: panel q (rows i0+q·mr ..) starts at
     * q·mr·kc and holds, for each k step p, the mr values of its rows at offset p·mr.
     */
    static void packA(int mr, boolean transA, float[] a, int aOff, int lda,
                      int i0, int mc, int p0, int kc, float[] ap) {
        for (int q = 0, i = 0; i < mc; q++, i += mr) {
            int base = q * mr * kc;
            int rows = Math.min(mr, mc - i);
            if (transA) {
                // op(A) rows are contiguous along a stored row: copy mr floats per k step.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + i;
                    int dst = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + i + r) * lda + p0;
                    int dst = base + r;
                    for (int p = 0; p < kc; p++) {
                        ap[dst + p * mr] = a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kc) × [j0 .. j0+nc) into {@code bp}: panel q (columns j0+q·NR ..) starts
     * at q·NR·kc and holds, for each k step p, NR consecutive values at offset p·NR.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb,
                      int p0, int kc, int j0, int nc, float[] bp) {
        final int nr = GemmKernel.NR;
        final int lanes = GemmKernel.L;
        for (int q = 0, j = 0; j < nc; q++, j += nr) {
            int base = q * nr * kc;
            int cols = Math.min(nr, nc - j);
            if (transB) {
                // op(B) column j is stored row j of B: read it contiguously, scatter with stride NR.
                for (int jj = 0; jj < cols; jj++) {
                    int src = bOff + (j0 + j + jj) * ldb + p0;
                    int dst = base + jj;
                    for (int p = 0; p < kc; p++) {
                        bp[dst + p * nr] = b[src + p];
                    }
                }
                for (int jj = cols; jj < nr; jj++) {
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * nr + jj] = 0f;
                    }
                }
            } else if (cols == nr) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + j;
                    int dst = base + p * nr;
                    FloatVector.fromArray(GemmKernel.S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(GemmKernel.S, b, src + lanes).intoArray(bp, dst + lanes);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + j;
                    int dst = base + p * nr;
                    for (int jj = 0; jj < cols; jj++) {
                        bp[dst + jj] = b[src + jj];
                    }
                    for (int jj = cols; jj < nr; jj++) {
                        bp[dst + jj] = 0f;
                    }
                }
            }
        }
    }
}
