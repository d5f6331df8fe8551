package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled microkernels of the packed GEMM ({@link GemmBlocked}).
 *
 * <p>Each kernel multiplies one packed A micro-panel (MR rows, stored column by column: for every
 * k step MR consecutive floats) by one packed B micro-panel (NR = 2 vectors wide, stored row by row:
 * for every k step NR consecutive floats) and adds the MR×NR result tile to C. The
 * accumulators are explicit locals so that C2 keeps them all in vector registers: 12×2 vectors
 * (24 accumulators) fits the 32 AVX-512 registers, 6×2 (12 accumulators) fits the 16 AVX2 ones;
 * 8×2 serves row counts that 12-row panels would pad ({@link #mrFor}, {@link GemmBlocked#mainRows}).
 * Panels are zero-padded by {@link GemmPack}, so the k loop has no tail.
 *
 * <p>Why the code looks the way it does (C2 on JDK 17 and 25): the epilogue always adds to C (the
 * driver zeroes C first when not accumulating) and is written out inline, because a helper method
 * or a second, storing epilogue variant leaves vector operations un-inlined (C2's node-count and
 * call-site-size cutoffs) and the vectors then get boxed on the heap, a 10× slowdown. The FMA
 * receiver is the loaded B vector, whose exact class C2 knows, not the broadcast A value.
 */
final class GemmKernel {
    static final VectorSpecies<Float> S = Simd.SPECIES;
    static final int L = Simd.LANES;
    /** Columns of a B micro-panel: two vectors. */
    static final int NR = 2 * L;
    /** Rows of an A micro-panel for this machine's register file. */
    static final int MR = L >= 16 ? 12 : 6;

    private GemmKernel() {
    }

    /**
     * Filter-panel height of {@link ConvPacked} for {@code m} filters: {@link #MR}, or 8 on AVX-512 when
     * 12-row panels would pad m by over 5% more (m = 64 runs as 8 full panels instead of 6 with a 4-row
     * tail). {@link GemmBlocked} needs no such choice: it ends 12-row panels with 8-row ones
     * ({@link GemmBlocked#mainRows}).
     */
    static int mrFor(int m) {
        if (MR != 12) {
            return MR;
        }
        int pad12 = (m + 11) / 12 * 12;
        int pad8 = (m + 7) / 8 * 8;
        return (pad12 - pad8) * 20 > pad12 ? 8 : 12;
    }

    /**
     * Runs the storing kernel for {@code mr} = 12 or 8 rows: C is overwritten, not added to (callers
     * with {@code mr} = 6 zero C and use {@link #kernel}). Separate methods rather than a flag, so each
     * stays under C2's inlining limits.
     */
    static void kernelStore(int mr, int kc, float[] ap, int apOff, float[] bp, int bpOff,
                            float[] c, int cOff, int ldc) {
        if (mr == 12) {
            kernel12x2Store(kc, ap, apOff, bp, bpOff, c, cOff, ldc);
        } else {
            kernel8x2Store(kc, ap, apOff, bp, bpOff, c, cOff, ldc);
        }
    }

    /** Runs the kernel for {@code mr} (12, 8 or 6) rows. */
    static void kernel(int mr, int kc, float[] ap, int apOff, float[] bp, int bpOff,
                       float[] c, int cOff, int ldc) {
        if (mr == 12) {
            kernel12x2(kc, ap, apOff, bp, bpOff, c, cOff, ldc);
        } else if (mr == 8) {
            kernel8x2(kc, ap, apOff, bp, bpOff, c, cOff, ldc);
        } else {
            kernel6x2(kc, ap, apOff, bp, bpOff, c, cOff, ldc);
        }
    }

    /** 12 rows × 2 vectors: C[12×NR] (+)= Ap panel · Bp panel over kc steps. */
    static void kernel12x2(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                           float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bpOff + p * NR;
            int ai = apOff + p * 12;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
            FloatVector a8 = FloatVector.broadcast(S, ap[ai + 8]);
            c80 = b0.fma(a8, c80);
            c81 = b1.fma(a8, c81);
            FloatVector a9 = FloatVector.broadcast(S, ap[ai + 9]);
            c90 = b0.fma(a9, c90);
            c91 = b1.fma(a9, c91);
            FloatVector a10 = FloatVector.broadcast(S, ap[ai + 10]);
            c100 = b0.fma(a10, c100);
            c101 = b1.fma(a10, c101);
            FloatVector a11 = FloatVector.broadcast(S, ap[ai + 11]);
            c110 = b0.fma(a11, c110);
            c111 = b1.fma(a11, c111);
        }
        int c0i = cOff + 0 * ldc;
        int c1i = cOff + 1 * ldc;
        int c2i = cOff + 2 * ldc;
        int c3i = cOff + 3 * ldc;
        int c4i = cOff + 4 * ldc;
        int c5i = cOff + 5 * ldc;
        int c6i = cOff + 6 * ldc;
        int c7i = cOff + 7 * ldc;
        int c8i = cOff + 8 * ldc;
        int c9i = cOff + 9 * ldc;
        int c10i = cOff + 10 * ldc;
        int c11i = cOff + 11 * ldc;
        c00 = c00.add(FloatVector.fromArray(S, c, c0i));
        c01 = c01.add(FloatVector.fromArray(S, c, c0i + L));
        c10 = c10.add(FloatVector.fromArray(S, c, c1i));
        c11 = c11.add(FloatVector.fromArray(S, c, c1i + L));
        c20 = c20.add(FloatVector.fromArray(S, c, c2i));
        c21 = c21.add(FloatVector.fromArray(S, c, c2i + L));
        c30 = c30.add(FloatVector.fromArray(S, c, c3i));
        c31 = c31.add(FloatVector.fromArray(S, c, c3i + L));
        c40 = c40.add(FloatVector.fromArray(S, c, c4i));
        c41 = c41.add(FloatVector.fromArray(S, c, c4i + L));
        c50 = c50.add(FloatVector.fromArray(S, c, c5i));
        c51 = c51.add(FloatVector.fromArray(S, c, c5i + L));
        c60 = c60.add(FloatVector.fromArray(S, c, c6i));
        c61 = c61.add(FloatVector.fromArray(S, c, c6i + L));
        c70 = c70.add(FloatVector.fromArray(S, c, c7i));
        c71 = c71.add(FloatVector.fromArray(S, c, c7i + L));
        c80 = c80.add(FloatVector.fromArray(S, c, c8i));
        c81 = c81.add(FloatVector.fromArray(S, c, c8i + L));
        c90 = c90.add(FloatVector.fromArray(S, c, c9i));
        c91 = c91.add(FloatVector.fromArray(S, c, c9i + L));
        c100 = c100.add(FloatVector.fromArray(S, c, c10i));
        c101 = c101.add(FloatVector.fromArray(S, c, c10i + L));
        c110 = c110.add(FloatVector.fromArray(S, c, c11i));
        c111 = c111.add(FloatVector.fromArray(S, c, c11i + L));
        c00.intoArray(c, c0i);
        c01.intoArray(c, c0i + L);
        c10.intoArray(c, c1i);
        c11.intoArray(c, c1i + L);
        c20.intoArray(c, c2i);
        c21.intoArray(c, c2i + L);
        c30.intoArray(c, c3i);
        c31.intoArray(c, c3i + L);
        c40.intoArray(c, c4i);
        c41.intoArray(c, c4i + L);
        c50.intoArray(c, c5i);
        c51.intoArray(c, c5i + L);
        c60.intoArray(c, c6i);
        c61.intoArray(c, c6i + L);
        c70.intoArray(c, c7i);
        c71.intoArray(c, c7i + L);
        c80.intoArray(c, c8i);
        c81.intoArray(c, c8i + L);
        c90.intoArray(c, c9i);
        c91.intoArray(c, c9i + L);
        c100.intoArray(c, c10i);
        c101.intoArray(c, c10i + L);
        c110.intoArray(c, c11i);
        c111.intoArray(c, c11i + L);
    }

    /** 8 rows × 2 vectors, storing: C[8×NR] = Ap panel · Bp panel (C is not read; first k block). */
    static void kernel8x2Store(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                          float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bpOff + p * NR;
            int ai = apOff + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
        }
        int c0i = cOff + 0 * ldc;
        int c1i = cOff + 1 * ldc;
        int c2i = cOff + 2 * ldc;
        int c3i = cOff + 3 * ldc;
        int c4i = cOff + 4 * ldc;
        int c5i = cOff + 5 * ldc;
        int c6i = cOff + 6 * ldc;
        int c7i = cOff + 7 * ldc;
        c00.intoArray(c, c0i);
        c01.intoArray(c, c0i + L);
        c10.intoArray(c, c1i);
        c11.intoArray(c, c1i + L);
        c20.intoArray(c, c2i);
        c21.intoArray(c, c2i + L);
        c30.intoArray(c, c3i);
        c31.intoArray(c, c3i + L);
        c40.intoArray(c, c4i);
        c41.intoArray(c, c4i + L);
        c50.intoArray(c, c5i);
        c51.intoArray(c, c5i + L);
        c60.intoArray(c, c6i);
        c61.intoArray(c, c6i + L);
        c70.intoArray(c, c7i);
        c71.intoArray(c, c7i + L);
    }

    /** 12 rows × 2 vectors, storing: C[12×NR] = Ap panel · Bp panel (C is not read; first k block). */
    static void kernel12x2Store(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                          float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bpOff + p * NR;
            int ai = apOff + p * 12;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
            FloatVector a8 = FloatVector.broadcast(S, ap[ai + 8]);
            c80 = b0.fma(a8, c80);
            c81 = b1.fma(a8, c81);
            FloatVector a9 = FloatVector.broadcast(S, ap[ai + 9]);
            c90 = b0.fma(a9, c90);
            c91 = b1.fma(a9, c91);
            FloatVector a10 = FloatVector.broadcast(S, ap[ai + 10]);
            c100 = b0.fma(a10, c100);
            c101 = b1.fma(a10, c101);
            FloatVector a11 = FloatVector.broadcast(S, ap[ai + 11]);
            c110 = b0.fma(a11, c110);
            c111 = b1.fma(a11, c111);
        }
        int c0i = cOff + 0 * ldc;
        int c1i = cOff + 1 * ldc;
        int c2i = cOff + 2 * ldc;
        int c3i = cOff + 3 * ldc;
        int c4i = cOff + 4 * ldc;
        int c5i = cOff + 5 * ldc;
        int c6i = cOff + 6 * ldc;
        int c7i = cOff + 7 * ldc;
        int c8i = cOff + 8 * ldc;
        int c9i = cOff + 9 * ldc;
        int c10i = cOff + 10 * ldc;
        int c11i = cOff + 11 * ldc;
        c00.intoArray(c, c0i);
        c01.intoArray(c, c0i + L);
        c10.intoArray(c, c1i);
        c11.intoArray(c, c1i + L);
        c20.intoArray(c, c2i);
        c21.intoArray(c, c2i + L);
        c30.intoArray(c, c3i);
        c31.intoArray(c, c3i + L);
        c40.intoArray(c, c4i);
        c41.intoArray(c, c4i + L);
        c50.intoArray(c, c5i);
        c51.intoArray(c, c5i + L);
        c60.intoArray(c, c6i);
        c61.intoArray(c, c6i + L);
        c70.intoArray(c, c7i);
        c71.intoArray(c, c7i + L);
        c80.intoArray(c, c8i);
        c81.intoArray(c, c8i + L);
        c90.intoArray(c, c9i);
        c91.intoArray(c, c9i + L);
        c100.intoArray(c, c10i);
        c101.intoArray(c, c10i + L);
        c110.intoArray(c, c11i);
        c111.intoArray(c, c11i + L);
    }

    /** 8 rows × 2 vectors: C[8×NR] (+)= Ap panel · Bp panel over kc steps (M = 64 runs as 8 full panels). */
    static void kernel8x2(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                          float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bpOff + p * NR;
            int ai = apOff + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
        }
        int c0i = cOff + 0 * ldc;
        int c1i = cOff + 1 * ldc;
        int c2i = cOff + 2 * ldc;
        int c3i = cOff + 3 * ldc;
        int c4i = cOff + 4 * ldc;
        int c5i = cOff + 5 * ldc;
        int c6i = cOff + 6 * ldc;
        int c7i = cOff + 7 * ldc;
        c00 = c00.add(FloatVector.fromArray(S, c, c0i));
        c01 = c01.add(FloatVector.fromArray(S, c, c0i + L));
        c10 = c10.add(FloatVector.fromArray(S, c, c1i));
        c11 = c11.add(FloatVector.fromArray(S, c, c1i + L));
        c20 = c20.add(FloatVector.fromArray(S, c, c2i));
        c21 = c21.add(FloatVector.fromArray(S, c, c2i + L));
        c30 = c30.add(FloatVector.fromArray(S, c, c3i));
        c31 = c31.add(FloatVector.fromArray(S, c, c3i + L));
        c40 = c40.add(FloatVector.fromArray(S, c, c4i));
        c41 = c41.add(FloatVector.fromArray(S, c, c4i + L));
        c50 = c50.add(FloatVector.fromArray(S, c, c5i));
        c51 = c51.add(FloatVector.fromArray(S, c, c5i + L));
        c60 = c60.add(FloatVector.fromArray(S, c, c6i));
        c61 = c61.add(FloatVector.fromArray(S, c, c6i + L));
        c70 = c70.add(FloatVector.fromArray(S, c, c7i));
        c71 = c71.add(FloatVector.fromArray(S, c, c7i + L));
        c00.intoArray(c, c0i);
        c01.intoArray(c, c0i + L);
        c10.intoArray(c, c1i);
        c11.intoArray(c, c1i + L);
        c20.intoArray(c, c2i);
        c21.intoArray(c, c2i + L);
        c30.intoArray(c, c3i);
        c31.intoArray(c, c3i + L);
        c40.intoArray(c, c4i);
        c41.intoArray(c, c4i + L);
        c50.intoArray(c, c5i);
        c51.intoArray(c, c5i + L);
        c60.intoArray(c, c6i);
        c61.intoArray(c, c6i + L);
        c70.intoArray(c, c7i);
        c71.intoArray(c, c7i + L);
    }

    /** 6 rows × 2 vectors: C[6×NR] (+)= Ap panel · Bp panel over kc steps. */
    static void kernel6x2(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                           float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bpOff + p * NR;
            int ai = apOff + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
        }
        int c0i = cOff + 0 * ldc;
        int c1i = cOff + 1 * ldc;
        int c2i = cOff + 2 * ldc;
        int c3i = cOff + 3 * ldc;
        int c4i = cOff + 4 * ldc;
        int c5i = cOff + 5 * ldc;
        c00 = c00.add(FloatVector.fromArray(S, c, c0i));
        c01 = c01.add(FloatVector.fromArray(S, c, c0i + L));
        c10 = c10.add(FloatVector.fromArray(S, c, c1i));
        c11 = c11.add(FloatVector.fromArray(S, c, c1i + L));
        c20 = c20.add(FloatVector.fromArray(S, c, c2i));
        c21 = c21.add(FloatVector.fromArray(S, c, c2i + L));
        c30 = c30.add(FloatVector.fromArray(S, c, c3i));
        c31 = c31.add(FloatVector.fromArray(S, c, c3i + L));
        c40 = c40.add(FloatVector.fromArray(S, c, c4i));
        c41 = c41.add(FloatVector.fromArray(S, c, c4i + L));
        c50 = c50.add(FloatVector.fromArray(S, c, c5i));
        c51 = c51.add(FloatVector.fromArray(S, c, c5i + L));
        c00.intoArray(c, c0i);
        c01.intoArray(c, c0i + L);
        c10.intoArray(c, c1i);
        c11.intoArray(c, c1i + L);
        c20.intoArray(c, c2i);
        c21.intoArray(c, c2i + L);
        c30.intoArray(c, c3i);
        c31.intoArray(c, c3i + L);
        c40.intoArray(c, c4i);
        c41.intoArray(c, c4i + L);
        c50.intoArray(c, c5i);
        c51.intoArray(c, c5i + L);
    }
}
