package dev.jnas.tensor;

/**
 * Single-precision matrix multiply, C = op(A)·op(B) (+ C), row-major with leading dimensions.
 *
 * <p>op(A) is m×k: A itself (m×k, leading dimension lda) or, with {@code transA}, the transpose of a
 * k×m matrix. op(B) is k×n: B (k×n, ldb) or, with {@code transB}, the transpose of an n×k matrix.
 * C is m×n with leading dimension ldc; {@code accumulate} adds to C instead of overwriting it.
 * Backpropagation uses the three forms A·B, Aᵀ·B and A·Bᵀ.
 *
 * <p>{@link #gemm} validates its arguments and dispatches to {@link #simdGemm} unless
 * {@code -Dnas.simd=false}; {@link #scalarGemm} is the reference the SIMD path is tested against.
 * The SIMD path uses {@link Parallel#threads()} threads for large problems, reuses per-thread
 * packing buffers and allocates nothing per call once warm.
 */
public final class Gemm {
    /** Below this many multiply-adds (m·n·k) the direct, unpacked SIMD loop is used. */
    static final long SMALL_WORK = 64L * 64 * 64;
    /** From this many multiply-adds on the blocked kernel is split over the kernel threads. */
    static final long PARALLEL_WORK = 128L * 128 * 128;

    private Gemm() {
    }

    /** C = op(A)·op(B) (+ C): see the class comment for the layout. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (Simd.enabled()) {
            simdGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            scalarGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** Tensor form: a [m,k] · b [k,n] → new [m,n], with the same transposition flags as {@link #gemm}. */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul: need 2-D tensors, got " + a.shapeString() + " and " + b.shapeString());
        }
        int m = transA ? a.dim(1) : a.dim(0);
        int ka = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + a.shapeString()
                    + (transA ? "ᵀ" : "") + " · " + b.shapeString() + (transB ? "ᵀ" : ""));
        }
        Tensor c = Tensor.zeros(m, n);
        gemm(transA, transB, m, n, ka, a.data(), 0, a.dim(1), b.data(), 0, b.dim(1), c.data(), 0, n, false);
        return c;
    }

    /** Plain triple loop in double-free float arithmetic: the reference. */
    public static void scalarGemm(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    /**
     * Vector API implementation: a direct SIMD loop below {@link #SMALL_WORK} multiply-adds, else the
     * packed, cache-blocked kernel ({@link GemmBlocked}), split over {@link Parallel#threads()}
     * threads from {@link #PARALLEL_WORK} multiply-adds on. Does not validate its arguments.
     */
    public static void simdGemm(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean accumulate) {
        long work = (long) m * n * k;
        if (work < SMALL_WORK) {
            GemmSmall.run(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else if (work < PARALLEL_WORK || Parallel.threads() == 1) {
            GemmBlocked.run(GemmKernel.MR, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            GemmBlocked.parallel(GemmKernel.MR, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
                    c, cOff, ldc, accumulate);
        }
    }

    private static void check(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("gemm: sizes must be positive, got m=" + m + " n=" + n + " k=" + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        if (lda < aCols || ldb < bCols || ldc < n) {
            throw new IllegalArgumentException("gemm: leading dimension too small: A " + aRows + "x" + aCols + " lda=" + lda
                    + ", B " + bRows + "x" + bCols + " ldb=" + ldb + ", C " + m + "x" + n + " ldc=" + ldc);
        }
        if (aOff < 0 || (long) aOff + (long) (aRows - 1) * lda + aCols > a.length
                || bOff < 0 || (long) bOff + (long) (bRows - 1) * ldb + bCols > b.length
                || cOff < 0 || (long) cOff + (long) (m - 1) * ldc + n > c.length) {
            throw new IllegalArgumentException("gemm: array too short for A " + aRows + "x" + aCols + " (" + a.length
                    + " floats), B " + bRows + "x" + bCols + " (" + b.length + "), C " + m + "x" + n + " (" + c.length + ")");
        }
    }
}
