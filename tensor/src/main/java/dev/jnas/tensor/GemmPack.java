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
     * Packs op(A)[i0 .. i0+mc) × [p0 .. p0+kc) into {@code ap} from {@code apOff} on: panel q (rows
     * i0+q·mr ..) starts at apOff + q·mr·kc and holds, for each k step p, the mr values of its rows at
     * offset p·mr.
     */
    static void packA(int mr, boolean transA, float[] a, int aOff, int lda,
                      int i0, int mc, int p0, int kc, float[] ap, int apOff) {
        for (int q = 0, i = 0; i < mc; q++, i += mr) {
            int base = apOff + q * mr * kc;
            int rows = Math.min(mr, mc - i);
            if (rows == 12) {
                // The common full 12-row panel, unrolled: 12 reads per k step, sequential writes.
                packA12(transA, a, aOff, lda, i0 + i, p0, kc, ap, base);
            } else if (transA) {
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

    /** One full 12-row panel of op(A) rows [i .. i+12) × [p0 .. p0+kc) at {@code base}. */
    private static void packA12(boolean transA, float[] a, int aOff, int lda, int i, int p0, int kc,
                                float[] ap, int base) {
        if (transA) {
            for (int p = 0; p < kc; p++) {
                int s = aOff + (p0 + p) * lda + i;
                int d = base + p * 12;
                ap[d] = a[s];
                ap[d + 1] = a[s + 1];
                ap[d + 2] = a[s + 2];
                ap[d + 3] = a[s + 3];
                ap[d + 4] = a[s + 4];
                ap[d + 5] = a[s + 5];
                ap[d + 6] = a[s + 6];
                ap[d + 7] = a[s + 7];
                ap[d + 8] = a[s + 8];
                ap[d + 9] = a[s + 9];
                ap[d + 10] = a[s + 10];
                ap[d + 11] = a[s + 11];
            }
            return;
        }
        int s0 = aOff + i * lda + p0;
        int s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
        int s6 = s5 + lda, s7 = s6 + lda, s8 = s7 + lda, s9 = s8 + lda, s10 = s9 + lda, s11 = s10 + lda;
        int p = 0;
        if (Transpose.supported()) {
            // 16 k steps at a time as a vector transposition; "<" keeps the 4-float spill inside the panel.
            for (; p + Transpose.B < kc; p += Transpose.B) {
                Transpose.panel12(a, s0 + p, lda, ap, base + p * 12);
            }
        }
        for (; p < kc; p++) {
            int d = base + p * 12;
            ap[d] = a[s0 + p];
            ap[d + 1] = a[s1 + p];
            ap[d + 2] = a[s2 + p];
            ap[d + 3] = a[s3 + p];
            ap[d + 4] = a[s4 + p];
            ap[d + 5] = a[s5 + p];
            ap[d + 6] = a[s6 + p];
            ap[d + 7] = a[s7 + p];
            ap[d + 8] = a[s8 + p];
            ap[d + 9] = a[s9 + p];
            ap[d + 10] = a[s10 + p];
            ap[d + 11] = a[s11 + p];
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
