package dev.jnas.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposition of a pixel-major result [pq, k] into channel-major [k, pq] with a per-channel bias added:
 * dst[dstOff + f·pq + pix] = src[pix·k + f] + bias[f]. {@link ConvDirect} computes tiles with the
 * filters along the vector lanes; y is stored channel-major.
 *
 * <p>The SIMD path works in 16×16 blocks (16 pixels × 16 channels, AVX-512 only; {@link #supported}):
 * 16 row loads, four exchange stages (stage b swaps the b×b off-diagonal sub-blocks of every 2b×2b
 * block: one lane permutation and one blend per row), 16 row stores with the bias added. Blocks are
 * numbered channel block by channel block so a caller can run them in slices ({@link #blocks}); the
 * pixels past the last whole block go through {@link #tail}. The scalar reference is
 * {@link #scalarToChannels}. Measured alone the block loop is bound by its loads and stores, not by
 * the exchanges (about 15 of 17 µs for a 784×64 image with the exchanges removed).
 *
 * <p>{@link #panel12} uses the same exchanges to pack 16 k steps of a 12-row GEMM panel of row-major A
 * ({@link GemmPack}): 12 row loads and 16 stores instead of 192 single-float reads and writes.
 */
final class Transpose {
    static final VectorSpecies<Float> S = Simd.SPECIES;
    /** Side of a block. */
    static final int B = 16;

    private static final VectorShuffle<Float> X0 = exchange(1);
    private static final VectorMask<Float> M0 = upper(1);
    private static final VectorShuffle<Float> X1 = exchange(2);
    private static final VectorMask<Float> M1 = upper(2);
    private static final VectorShuffle<Float> X2 = exchange(4);
    private static final VectorMask<Float> M2 = upper(4);
    private static final VectorShuffle<Float> X3 = exchange(8);
    private static final VectorMask<Float> M3 = upper(8);

    private Transpose() {
    }

    /** True when the SIMD blocks can run: vectors of 16 floats. */
    static boolean supported() {
        return S.length() == B;
    }

    /** Lane l reads lane l xor b. */
    private static VectorShuffle<Float> exchange(int b) {
        if (!supported()) {
            return null;
        }
        int[] idx = new int[B];
        for (int l = 0; l < B; l++) {
            idx[l] = l ^ b;
        }
        return VectorShuffle.fromArray(S, idx, 0);
    }

    /** Lanes whose bit b is set. */
    private static VectorMask<Float> upper(int b) {
        if (!supported()) {
            return null;
        }
        boolean[] m = new boolean[B];
        for (int l = 0; l < B; l++) {
            m[l] = (l & b) != 0;
        }
        return VectorMask.fromArray(S, m, 0);
    }

    /** The reference: every pixel and channel, one at a time. */
    static void scalarToChannels(float[] src, int k, int pq, float[] bias, float[] dst, int dstOff) {
        for (int f = 0; f < k; f++) {
            for (int pix = 0; pix < pq; pix++) {
                dst[dstOff + f * pq + pix] = src[pix * k + f] + bias[f];
            }
        }
    }

    /** The whole transposition through the blocks and the tail; k must be a multiple of 16. */
    static void toChannels(float[] src, int k, int pq, float[] bias, float[] dst, int dstOff) {
        blocks(src, k, pq, bias, dst, dstOff, 0, blockCount(k, pq));
        tail(src, k, pq, bias, dst, dstOff);
    }

    /** Whole blocks of a [pq, k] source (k a multiple of 16). */
    static int blockCount(int k, int pq) {
        return k / B * (pq / B);
    }

    /** Blocks [from, to): block i covers channels 16·(i / (pq/16)).. and pixels 16·(i % (pq/16)).. */
    static void blocks(float[] src, int k, int pq, float[] bias, float[] dst, int dstOff, int from, int to) {
        int perRow = pq / B;
        for (int i = from; i < to; i++) {
            int fb = i / perRow;
            int f0 = fb * B, pix0 = (i - fb * perRow) * B;
            block(src, pix0 * k + f0, k, bias, f0, dst, dstOff + f0 * pq + pix0, pq);
        }
    }

    /** The last pq % 16 pixels of every channel. */
    static void tail(float[] src, int k, int pq, float[] bias, float[] dst, int dstOff) {
        for (int f = 0; f < k; f++) {
            for (int pix = pq / B * B; pix < pq; pix++) {
                dst[dstOff + f * pq + pix] = src[pix * k + f] + bias[f];
            }
        }
    }

    /** One block: dst[d + i·ldd + j] = src[s + j·lds + i] + bias[b0 + i] for i, j &lt; 16. */
    static void block(float[] src, int s, int lds, float[] bias, int b0, float[] dst, int d, int ldd) {
        FloatVector v0 = FloatVector.fromArray(S, src, s);
        FloatVector v1 = FloatVector.fromArray(S, src, s + 1 * lds);
        FloatVector v2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector v3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector v4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector v5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector v6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector v7 = FloatVector.fromArray(S, src, s + 7 * lds);
        FloatVector v8 = FloatVector.fromArray(S, src, s + 8 * lds);
        FloatVector v9 = FloatVector.fromArray(S, src, s + 9 * lds);
        FloatVector v10 = FloatVector.fromArray(S, src, s + 10 * lds);
        FloatVector v11 = FloatVector.fromArray(S, src, s + 11 * lds);
        FloatVector v12 = FloatVector.fromArray(S, src, s + 12 * lds);
        FloatVector v13 = FloatVector.fromArray(S, src, s + 13 * lds);
        FloatVector v14 = FloatVector.fromArray(S, src, s + 14 * lds);
        FloatVector v15 = FloatVector.fromArray(S, src, s + 15 * lds);
        FloatVector t0;
        FloatVector t1;
        // exchange the 8x8 off-diagonal sub-blocks
        t0 = v0.blend(v8.rearrange(X3), M3);
        t1 = v0.rearrange(X3).blend(v8, M3);
        v0 = t0;
        v8 = t1;
        t0 = v1.blend(v9.rearrange(X3), M3);
        t1 = v1.rearrange(X3).blend(v9, M3);
        v1 = t0;
        v9 = t1;
        t0 = v2.blend(v10.rearrange(X3), M3);
        t1 = v2.rearrange(X3).blend(v10, M3);
        v2 = t0;
        v10 = t1;
        t0 = v3.blend(v11.rearrange(X3), M3);
        t1 = v3.rearrange(X3).blend(v11, M3);
        v3 = t0;
        v11 = t1;
        t0 = v4.blend(v12.rearrange(X3), M3);
        t1 = v4.rearrange(X3).blend(v12, M3);
        v4 = t0;
        v12 = t1;
        t0 = v5.blend(v13.rearrange(X3), M3);
        t1 = v5.rearrange(X3).blend(v13, M3);
        v5 = t0;
        v13 = t1;
        t0 = v6.blend(v14.rearrange(X3), M3);
        t1 = v6.rearrange(X3).blend(v14, M3);
        v6 = t0;
        v14 = t1;
        t0 = v7.blend(v15.rearrange(X3), M3);
        t1 = v7.rearrange(X3).blend(v15, M3);
        v7 = t0;
        v15 = t1;
        // exchange the 4x4 off-diagonal sub-blocks
        t0 = v0.blend(v4.rearrange(X2), M2);
        t1 = v0.rearrange(X2).blend(v4, M2);
        v0 = t0;
        v4 = t1;
        t0 = v1.blend(v5.rearrange(X2), M2);
        t1 = v1.rearrange(X2).blend(v5, M2);
        v1 = t0;
        v5 = t1;
        t0 = v2.blend(v6.rearrange(X2), M2);
        t1 = v2.rearrange(X2).blend(v6, M2);
        v2 = t0;
        v6 = t1;
        t0 = v3.blend(v7.rearrange(X2), M2);
        t1 = v3.rearrange(X2).blend(v7, M2);
        v3 = t0;
        v7 = t1;
        t0 = v8.blend(v12.rearrange(X2), M2);
        t1 = v8.rearrange(X2).blend(v12, M2);
        v8 = t0;
        v12 = t1;
        t0 = v9.blend(v13.rearrange(X2), M2);
        t1 = v9.rearrange(X2).blend(v13, M2);
        v9 = t0;
        v13 = t1;
        t0 = v10.blend(v14.rearrange(X2), M2);
        t1 = v10.rearrange(X2).blend(v14, M2);
        v10 = t0;
        v14 = t1;
        t0 = v11.blend(v15.rearrange(X2), M2);
        t1 = v11.rearrange(X2).blend(v15, M2);
        v11 = t0;
        v15 = t1;
        // exchange the 2x2 off-diagonal sub-blocks
        t0 = v0.blend(v2.rearrange(X1), M1);
        t1 = v0.rearrange(X1).blend(v2, M1);
        v0 = t0;
        v2 = t1;
        t0 = v1.blend(v3.rearrange(X1), M1);
        t1 = v1.rearrange(X1).blend(v3, M1);
        v1 = t0;
        v3 = t1;
        t0 = v4.blend(v6.rearrange(X1), M1);
        t1 = v4.rearrange(X1).blend(v6, M1);
        v4 = t0;
        v6 = t1;
        t0 = v5.blend(v7.rearrange(X1), M1);
        t1 = v5.rearrange(X1).blend(v7, M1);
        v5 = t0;
        v7 = t1;
        t0 = v8.blend(v10.rearrange(X1), M1);
        t1 = v8.rearrange(X1).blend(v10, M1);
        v8 = t0;
        v10 = t1;
        t0 = v9.blend(v11.rearrange(X1), M1);
        t1 = v9.rearrange(X1).blend(v11, M1);
        v9 = t0;
        v11 = t1;
        t0 = v12.blend(v14.rearrange(X1), M1);
        t1 = v12.rearrange(X1).blend(v14, M1);
        v12 = t0;
        v14 = t1;
        t0 = v13.blend(v15.rearrange(X1), M1);
        t1 = v13.rearrange(X1).blend(v15, M1);
        v13 = t0;
        v15 = t1;
        // exchange the 1x1 off-diagonal sub-blocks
        t0 = v0.blend(v1.rearrange(X0), M0);
        t1 = v0.rearrange(X0).blend(v1, M0);
        v0 = t0;
        v1 = t1;
        t0 = v2.blend(v3.rearrange(X0), M0);
        t1 = v2.rearrange(X0).blend(v3, M0);
        v2 = t0;
        v3 = t1;
        t0 = v4.blend(v5.rearrange(X0), M0);
        t1 = v4.rearrange(X0).blend(v5, M0);
        v4 = t0;
        v5 = t1;
        t0 = v6.blend(v7.rearrange(X0), M0);
        t1 = v6.rearrange(X0).blend(v7, M0);
        v6 = t0;
        v7 = t1;
        t0 = v8.blend(v9.rearrange(X0), M0);
        t1 = v8.rearrange(X0).blend(v9, M0);
        v8 = t0;
        v9 = t1;
        t0 = v10.blend(v11.rearrange(X0), M0);
        t1 = v10.rearrange(X0).blend(v11, M0);
        v10 = t0;
        v11 = t1;
        t0 = v12.blend(v13.rearrange(X0), M0);
        t1 = v12.rearrange(X0).blend(v13, M0);
        v12 = t0;
        v13 = t1;
        t0 = v14.blend(v15.rearrange(X0), M0);
        t1 = v14.rearrange(X0).blend(v15, M0);
        v14 = t0;
        v15 = t1;
        v0.add(bias[b0 + 0]).intoArray(dst, d);
        v1.add(bias[b0 + 1]).intoArray(dst, d + 1 * ldd);
        v2.add(bias[b0 + 2]).intoArray(dst, d + 2 * ldd);
        v3.add(bias[b0 + 3]).intoArray(dst, d + 3 * ldd);
        v4.add(bias[b0 + 4]).intoArray(dst, d + 4 * ldd);
        v5.add(bias[b0 + 5]).intoArray(dst, d + 5 * ldd);
        v6.add(bias[b0 + 6]).intoArray(dst, d + 6 * ldd);
        v7.add(bias[b0 + 7]).intoArray(dst, d + 7 * ldd);
        v8.add(bias[b0 + 8]).intoArray(dst, d + 8 * ldd);
        v9.add(bias[b0 + 9]).intoArray(dst, d + 9 * ldd);
        v10.add(bias[b0 + 10]).intoArray(dst, d + 10 * ldd);
        v11.add(bias[b0 + 11]).intoArray(dst, d + 11 * ldd);
        v12.add(bias[b0 + 12]).intoArray(dst, d + 12 * ldd);
        v13.add(bias[b0 + 13]).intoArray(dst, d + 13 * ldd);
        v14.add(bias[b0 + 14]).intoArray(dst, d + 14 * ldd);
        v15.add(bias[b0 + 15]).intoArray(dst, d + 15 * ldd);
    }

    /**
     * Rows [0, 12) × columns [0, 16) of a row-major matrix at {@code s} (row stride lds) into 16 groups of
     * 12 floats at d, d + 12, ..: column j's 12 values at d + 12·j, the layout of a packed 12-row GEMM
     * panel. Each group is written as a whole vector whose last 4 lanes spill into the next group's
     * place, so d + 196 floats must be writable and the next group (d + 192 ..) written afterwards.
     */
    static void panel12(float[] src, int s, int lds, float[] dst, int d) {
        FloatVector v0 = FloatVector.fromArray(S, src, s);
        FloatVector v1 = FloatVector.fromArray(S, src, s + 1 * lds);
        FloatVector v2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector v3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector v4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector v5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector v6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector v7 = FloatVector.fromArray(S, src, s + 7 * lds);
        FloatVector v8 = FloatVector.fromArray(S, src, s + 8 * lds);
        FloatVector v9 = FloatVector.fromArray(S, src, s + 9 * lds);
        FloatVector v10 = FloatVector.fromArray(S, src, s + 10 * lds);
        FloatVector v11 = FloatVector.fromArray(S, src, s + 11 * lds);
        FloatVector v12 = v0; // rows 12-15 only reach lanes 12-15, which the next group overwrites
        FloatVector v13 = v0; // rows 12-15 only reach lanes 12-15, which the next group overwrites
        FloatVector v14 = v0; // rows 12-15 only reach lanes 12-15, which the next group overwrites
        FloatVector v15 = v0; // rows 12-15 only reach lanes 12-15, which the next group overwrites
        FloatVector t0;
        FloatVector t1;
        t0 = v0.blend(v8.rearrange(X3), M3);
        t1 = v0.rearrange(X3).blend(v8, M3);
        v0 = t0;
        v8 = t1;
        t0 = v1.blend(v9.rearrange(X3), M3);
        t1 = v1.rearrange(X3).blend(v9, M3);
        v1 = t0;
        v9 = t1;
        t0 = v2.blend(v10.rearrange(X3), M3);
        t1 = v2.rearrange(X3).blend(v10, M3);
        v2 = t0;
        v10 = t1;
        t0 = v3.blend(v11.rearrange(X3), M3);
        t1 = v3.rearrange(X3).blend(v11, M3);
        v3 = t0;
        v11 = t1;
        t0 = v4.blend(v12.rearrange(X3), M3);
        t1 = v4.rearrange(X3).blend(v12, M3);
        v4 = t0;
        v12 = t1;
        t0 = v5.blend(v13.rearrange(X3), M3);
        t1 = v5.rearrange(X3).blend(v13, M3);
        v5 = t0;
        v13 = t1;
        t0 = v6.blend(v14.rearrange(X3), M3);
        t1 = v6.rearrange(X3).blend(v14, M3);
        v6 = t0;
        v14 = t1;
        t0 = v7.blend(v15.rearrange(X3), M3);
        t1 = v7.rearrange(X3).blend(v15, M3);
        v7 = t0;
        v15 = t1;
        t0 = v0.blend(v4.rearrange(X2), M2);
        t1 = v0.rearrange(X2).blend(v4, M2);
        v0 = t0;
        v4 = t1;
        t0 = v1.blend(v5.rearrange(X2), M2);
        t1 = v1.rearrange(X2).blend(v5, M2);
        v1 = t0;
        v5 = t1;
        t0 = v2.blend(v6.rearrange(X2), M2);
        t1 = v2.rearrange(X2).blend(v6, M2);
        v2 = t0;
        v6 = t1;
        t0 = v3.blend(v7.rearrange(X2), M2);
        t1 = v3.rearrange(X2).blend(v7, M2);
        v3 = t0;
        v7 = t1;
        t0 = v8.blend(v12.rearrange(X2), M2);
        t1 = v8.rearrange(X2).blend(v12, M2);
        v8 = t0;
        v12 = t1;
        t0 = v9.blend(v13.rearrange(X2), M2);
        t1 = v9.rearrange(X2).blend(v13, M2);
        v9 = t0;
        v13 = t1;
        t0 = v10.blend(v14.rearrange(X2), M2);
        t1 = v10.rearrange(X2).blend(v14, M2);
        v10 = t0;
        v14 = t1;
        t0 = v11.blend(v15.rearrange(X2), M2);
        t1 = v11.rearrange(X2).blend(v15, M2);
        v11 = t0;
        v15 = t1;
        t0 = v0.blend(v2.rearrange(X1), M1);
        t1 = v0.rearrange(X1).blend(v2, M1);
        v0 = t0;
        v2 = t1;
        t0 = v1.blend(v3.rearrange(X1), M1);
        t1 = v1.rearrange(X1).blend(v3, M1);
        v1 = t0;
        v3 = t1;
        t0 = v4.blend(v6.rearrange(X1), M1);
        t1 = v4.rearrange(X1).blend(v6, M1);
        v4 = t0;
        v6 = t1;
        t0 = v5.blend(v7.rearrange(X1), M1);
        t1 = v5.rearrange(X1).blend(v7, M1);
        v5 = t0;
        v7 = t1;
        t0 = v8.blend(v10.rearrange(X1), M1);
        t1 = v8.rearrange(X1).blend(v10, M1);
        v8 = t0;
        v10 = t1;
        t0 = v9.blend(v11.rearrange(X1), M1);
        t1 = v9.rearrange(X1).blend(v11, M1);
        v9 = t0;
        v11 = t1;
        t0 = v12.blend(v14.rearrange(X1), M1);
        t1 = v12.rearrange(X1).blend(v14, M1);
        v12 = t0;
        v14 = t1;
        t0 = v13.blend(v15.rearrange(X1), M1);
        t1 = v13.rearrange(X1).blend(v15, M1);
        v13 = t0;
        v15 = t1;
        t0 = v0.blend(v1.rearrange(X0), M0);
        t1 = v0.rearrange(X0).blend(v1, M0);
        v0 = t0;
        v1 = t1;
        t0 = v2.blend(v3.rearrange(X0), M0);
        t1 = v2.rearrange(X0).blend(v3, M0);
        v2 = t0;
        v3 = t1;
        t0 = v4.blend(v5.rearrange(X0), M0);
        t1 = v4.rearrange(X0).blend(v5, M0);
        v4 = t0;
        v5 = t1;
        t0 = v6.blend(v7.rearrange(X0), M0);
        t1 = v6.rearrange(X0).blend(v7, M0);
        v6 = t0;
        v7 = t1;
        t0 = v8.blend(v9.rearrange(X0), M0);
        t1 = v8.rearrange(X0).blend(v9, M0);
        v8 = t0;
        v9 = t1;
        t0 = v10.blend(v11.rearrange(X0), M0);
        t1 = v10.rearrange(X0).blend(v11, M0);
        v10 = t0;
        v11 = t1;
        t0 = v12.blend(v13.rearrange(X0), M0);
        t1 = v12.rearrange(X0).blend(v13, M0);
        v12 = t0;
        v13 = t1;
        t0 = v14.blend(v15.rearrange(X0), M0);
        t1 = v14.rearrange(X0).blend(v15, M0);
        v14 = t0;
        v15 = t1;
        v0.intoArray(dst, d);
        v1.intoArray(dst, d + 12);
        v2.intoArray(dst, d + 24);
        v3.intoArray(dst, d + 36);
        v4.intoArray(dst, d + 48);
        v5.intoArray(dst, d + 60);
        v6.intoArray(dst, d + 72);
        v7.intoArray(dst, d + 84);
        v8.intoArray(dst, d + 96);
        v9.intoArray(dst, d + 108);
        v10.intoArray(dst, d + 120);
        v11.intoArray(dst, d + 132);
        v12.intoArray(dst, d + 144);
        v13.intoArray(dst, d + 156);
        v14.intoArray(dst, d + 168);
        v15.intoArray(dst, d + 180);
    }
}
