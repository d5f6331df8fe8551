package dev.jnas.tensor;

import java.util.Arrays;

/**
 * Concatenation along dimension 1 (channels of NCHW, features of [N,F]) and its inverse split.
 *
 * <p>The primitive is {@link #copyChannels}: copy (or add, with {@code accumulate}) a block of
 * {@code count} channels between two [n, C, hw] layouts with different channel counts; [N,F] is the
 * hw = 1 case. Concat forwards by copying each part into its channel range; the backward of concat is
 * a split with {@code accumulate} (adding each range into the part's gradient). The SIMD path uses
 * {@link System#arraycopy} for copies and the Vector API add for accumulation; the scalar path loops.
 */
public final class Concat {
    private Concat() {
    }

    /**
     * dst[i, dstStart + k, s] (+)= src[i, srcStart + k, s] for i &lt; n, k &lt; count, s &lt; hw, where src
     * has srcC channels and dst has dstC channels.
     */
    public static void copyChannels(float[] src, int srcOff, int srcC, int srcStart,
                                    float[] dst, int dstOff, int dstC, int dstStart,
                                    int count, int n, int hw, boolean accumulate) {
        copyChannels(Simd.enabled(), src, srcOff, srcC, srcStart, dst, dstOff, dstC, dstStart, count, n, hw, accumulate);
    }

    /** copyChannels on the SIMD ({@code simd}) or scalar reference path; package-visible for tests. */
    static void copyChannels(boolean simd, float[] src, int srcOff, int srcC, int srcStart,
                                    float[] dst, int dstOff, int dstC, int dstStart,
                                    int count, int n, int hw, boolean accumulate) {
        Checks.positive("copyChannels", srcC, dstC, count, n, hw);
        if (srcStart < 0 || srcStart + count > srcC || dstStart < 0 || dstStart + count > dstC) {
            throw new IllegalArgumentException("copyChannels: channels [" + srcStart + ", " + (srcStart + count)
                    + ") of " + srcC + " into [" + dstStart + ", " + (dstStart + count) + ") of " + dstC);
        }
        Checks.range("copyChannels", "src", src, srcOff, (long) n * srcC * hw);
        Checks.range("copyChannels", "dst", dst, dstOff, (long) n * dstC * hw);
        int block = count * hw;
        for (int i = 0; i < n; i++) {
            int so = srcOff + (i * srcC + srcStart) * hw;
            int d = dstOff + (i * dstC + dstStart) * hw;
            if (simd) {
                if (accumulate) {
                    Elementwise.simdAdd(dst, d, src, so, dst, d, block);
                } else {
                    System.arraycopy(src, so, dst, d, block);
                }
            } else {
                for (int j = 0; j < block; j++) {
                    dst[d + j] = accumulate ? dst[d + j] + src[so + j] : src[so + j];
                }
            }
        }
    }

    /** Concatenates parts of [n, channels[p], hw] into dst [n, Σchannels, hw]. */
    public static void concatChannels(float[][] parts, int[] channels, int n, int hw, float[] dst, int dstOff) {
        int total = totalChannels("concatChannels", parts, channels);
        int start = 0;
        for (int p = 0; p < parts.length; p++) {
            copyChannels(parts[p], 0, channels[p], 0, dst, dstOff, total, start, channels[p], n, hw, false);
            start += channels[p];
        }
    }

    /** Splits src [n, Σchannels, hw] into parts [n, channels[p], hw], adding into them if {@code accumulate}. */
    public static void splitChannels(float[] src, int srcOff, int n, int hw, int[] channels, float[][] parts,
                                     boolean accumulate) {
        int total = totalChannels("splitChannels", parts, channels);
        int start = 0;
        for (int p = 0; p < parts.length; p++) {
            copyChannels(src, srcOff, total, start, parts[p], 0, channels[p], 0, channels[p], n, hw, accumulate);
            start += channels[p];
        }
    }

    /** New tensor: the inputs concatenated along dimension 1; all rank 2 or all rank 4 with equal other dims. */
    public static Tensor concat(Tensor... xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("concat: no inputs");
        }
        Tensor first = xs[0];
        Checks.rank2or4("concat", first);
        int[] channels = new int[xs.length];
        float[][] parts = new float[xs.length][];
        int total = 0;
        for (int p = 0; p < xs.length; p++) {
            int[] s = xs[p].shape();
            int[] f = first.shape();
            s[1] = 0;
            f[1] = 0;
            if (!Arrays.equals(s, f)) {
                throw new IllegalArgumentException("concat: shapes differ outside dim 1: " + first.shapeString()
                        + " vs " + xs[p].shapeString());
            }
            channels[p] = xs[p].dim(1);
            parts[p] = xs[p].data();
            total += channels[p];
        }
        int[] outShape = first.shape();
        outShape[1] = total;
        Tensor out = Tensor.zeros(outShape);
        concatChannels(parts, channels, first.dim(0), Checks.spatial(first), out.data(), 0);
        return out;
    }

    /** New tensors: x split along dimension 1 into the given channel counts (which must sum to dim 1). */
    public static Tensor[] split(Tensor x, int... channels) {
        Checks.rank2or4("split", x);
        int sum = Arrays.stream(channels).sum();
        if (sum != x.dim(1)) {
            throw new IllegalArgumentException("split: channels " + Arrays.toString(channels) + " do not sum to dim 1 of "
                    + x.shapeString());
        }
        Tensor[] out = new Tensor[channels.length];
        float[][] parts = new float[channels.length][];
        for (int p = 0; p < channels.length; p++) {
            int[] s = x.shape();
            s[1] = channels[p];
            out[p] = Tensor.zeros(s);
            parts[p] = out[p].data();
        }
        splitChannels(x.data(), 0, x.dim(0), Checks.spatial(x), channels, parts, false);
        return out;
    }

    private static int totalChannels(String op, float[][] parts, int[] channels) {
        if (parts.length != channels.length || parts.length == 0) {
            throw new IllegalArgumentException(op + ": " + parts.length + " parts but " + channels.length
                    + " channel counts");
        }
        int total = 0;
        for (int c : channels) {
            Checks.positive(op, c);
            total += c;
        }
        return total;
    }
}
