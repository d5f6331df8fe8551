package dev.jnas.tensor;

/**
 * The geometry of one 2-D pooling: input [n,c,h,w] (NCHW), a kh×kw window, strides and symmetric
 * padding per axis; output [n,c,p,q] with {@code p = (h + 2·padH − kh)/strideH + 1} (floor mode).
 *
 * <p>Build one, then pass it to every {@link Pool2d} call on buffers of that shape. As in PyTorch the
 * padding may be at most half the window, so every window holds at least one real input cell; the
 * constructor throws {@link IllegalArgumentException} naming {@code pool2d} and the shapes otherwise.
 */
public record PoolShape(int n, int c, int h, int w, int kh, int kw, int strideH, int strideW, int padH, int padW) {
    /** Validates sizes, strides, padding and that the window fits into the padded input. */
    public PoolShape {
        String d = describe(n, c, h, w, kh, kw, strideH, strideW, padH, padW);
        if (n <= 0 || c <= 0 || h <= 0 || w <= 0 || kh <= 0 || kw <= 0 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("pool2d: sizes and strides must be positive, got " + d);
        }
        if (padH < 0 || padW < 0 || 2 * padH > kh || 2 * padW > kw) {
            throw new IllegalArgumentException("pool2d: padding must be between 0 and half the window, got " + d);
        }
        if (kh > h + 2L * padH || kw > w + 2L * padW) {
            throw new IllegalArgumentException("pool2d: window " + kh + "x" + kw + " larger than padded input "
                    + (h + 2L * padH) + "x" + (w + 2L * padW) + ": " + d);
        }
        if ((long) n * c * h * w > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pool2d: more than 2^31-1 elements: " + d);
        }
    }

    /** Square window, stride and padding. */
    public PoolShape(int n, int c, int h, int w, int kernel, int stride, int pad) {
        this(n, c, h, w, kernel, kernel, stride, stride, pad, pad);
    }

    /** Output height. */
    public int p() {
        return (h + 2 * padH - kh) / strideH + 1;
    }

    /** Output width. */
    public int q() {
        return (w + 2 * padW - kw) / strideW + 1;
    }

    /** Elements of the input, n·c·h·w. */
    public int inputSize() {
        return n * c * h * w;
    }

    /** Elements of the output, n·c·p·q. */
    public int outputSize() {
        return n * c * p() * q();
    }

    /** The output shape [n,c,p,q]. */
    public int[] outputShape() {
        return new int[] {n, c, p(), q()};
    }

    /** True for the 2x2, stride-2, unpadded window that has a SIMD kernel. */
    public boolean isHalving() {
        return kh == 2 && kw == 2 && strideH == 2 && strideW == 2 && padH == 0 && padW == 0;
    }

    @Override
    public String toString() {
        return describe(n, c, h, w, kh, kw, strideH, strideW, padH, padW);
    }

    private static String describe(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw) {
        return "input [" + n + ", " + c + ", " + h + ", " + w + "], window " + kh + "x" + kw + ", stride " + sh + "x" + sw
                + ", pad " + ph + "x" + pw;
    }
}
