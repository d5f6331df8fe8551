package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct SIMD GEMM for small problems, where packing and threading would cost more than they save.
 *
 * <p>C rows are computed four at a time as sums of broadcast A elements times contiguous B rows
 * (vectors along n). A is read element-wise through its strides, so op(A) needs no copy; a
 * transposed B is first transposed into a small thread-local scratch (k·n floats), which is cheap
 * next to the m·n·k multiply. As in {@link GemmKernel}, the FMA receiver is the loaded B vector, not
 * the broadcast (with the broadcast as receiver C2 boxed the accumulator in {@code row1}).
 */
final class GemmSmall {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;
    private static final ThreadLocal<GrowBuffer> SCRATCH = ThreadLocal.withInitial(GrowBuffer::new);

    private GemmSmall() {
    }

    /** C = op(A)·op(B) (+ C) single-threaded; arguments as in {@link Gemm#gemm}. */
    static void run(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        if (transB) {
            float[] bt = SCRATCH.get().get(k * n);
            for (int j = 0; j < n; j++) {
                int src = bOff + j * ldb;
                for (int p = 0; p < k; p++) {
                    bt[p * n + j] = b[src + p];
                }
            }
            b = bt;
            bOff = 0;
            ldb = n;
        }
        int ars = transA ? 1 : lda;
        int acs = transA ? lda : 1;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            rows4(i, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
        for (; i < m; i++) {
            row1(i, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    private static void rows4(int i, int n, int k, float[] a, int aOff, int ars, int acs,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int a0 = aOff + i * ars;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        int c0 = cOff + i * ldc;
        int bound = S.loopBound(n);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                int ap = p * acs;
                s0 = bv.fma(FloatVector.broadcast(S, a[a0 + ap]), s0);
                s1 = bv.fma(FloatVector.broadcast(S, a[a1 + ap]), s1);
                s2 = bv.fma(FloatVector.broadcast(S, a[a2 + ap]), s2);
                s3 = bv.fma(FloatVector.broadcast(S, a[a3 + ap]), s3);
            }
            storeVec(s0, c, c0 + j, acc);
            storeVec(s1, c, c0 + ldc + j, acc);
            storeVec(s2, c, c0 + 2 * ldc + j, acc);
            storeVec(s3, c, c0 + 3 * ldc + j, acc);
        }
        for (; j < n; j++) {
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int p = 0; p < k; p++) {
                float bv = b[bOff + p * ldb + j];
                int ap = p * acs;
                s0 += a[a0 + ap] * bv;
                s1 += a[a1 + ap] * bv;
                s2 += a[a2 + ap] * bv;
                s3 += a[a3 + ap] * bv;
            }
            storeScalar(s0, c, c0 + j, acc);
            storeScalar(s1, c, c0 + ldc + j, acc);
            storeScalar(s2, c, c0 + 2 * ldc + j, acc);
            storeScalar(s3, c, c0 + 3 * ldc + j, acc);
        }
    }

    private static void row1(int i, int n, int k, float[] a, int aOff, int ars, int acs,
                             float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int a0 = aOff + i * ars;
        int c0 = cOff + i * ldc;
        int bound = S.loopBound(n);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                s = FloatVector.fromArray(S, b, bOff + p * ldb + j).fma(FloatVector.broadcast(S, a[a0 + p * acs]), s);
            }
            storeVec(s, c, c0 + j, acc);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s += a[a0 + p * acs] * b[bOff + p * ldb + j];
            }
            storeScalar(s, c, c0 + j, acc);
        }
    }

    private static void storeVec(FloatVector v, float[] c, int ci, boolean acc) {
        if (acc) {
            v = v.add(FloatVector.fromArray(S, c, ci));
        }
        v.intoArray(c, ci);
    }

    private static void storeScalar(float s, float[] c, int ci, boolean acc) {
        c[ci] = acc ? c[ci] + s : s;
    }
}
