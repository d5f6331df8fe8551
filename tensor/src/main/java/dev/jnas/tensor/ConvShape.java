package dev.jnas.tensor;

/**
 * The geometry of one 2-D convolution: input [n,c,h,w] (NCHW), weights [k,c,r,s], strides and
 * symmetric zero padding per axis. Output is [n,k,p,q] with {@code p = (h + 2·padH − r)/strideH + 1}.
 *
 * <p>Build one with the constructor or {@link #of} (which read the shapes of tensors), then pass it to
 * every {@link Conv2d} call on buffers of that shape; the constructor validates the geometry and throws
 * {@link IllegalArgumentException} naming {@code conv2d} and the shapes.
 */
public record ConvShape(int n, int c, int h, int w, int k, int r, int s,
                        int strideH, int strideW, int padH, int padW) {
    /** Validates sizes, strides, padding and that the kernel fits into the padded input. */
    public ConvShape {
        if (n <= 0 || c <= 0 || h <= 0 || w <= 0 || k <= 0 || r <= 0 || s <= 0) {
            throw new IllegalArgumentException("conv2d: sizes must be positive, got " + describe(n, c, h, w, k, r, s,
                    strideH, strideW, padH, padW));
        }
        if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d: need stride >= 1 and padding >= 0, got " + describe(n, c, h, w,
                    k, r, s, strideH, strideW, padH, padW));
        }
        if (r > h + 2L * padH || s > w + 2L * padW) {
            throw new IllegalArgumentException("conv2d: kernel " + r + "x" + s + " larger than padded input "
                    + (h + 2L * padH) + "x" + (w + 2L * padW) + ": " + describe(n, c, h, w, k, r, s,
                    strideH, strideW, padH, padW));
        }
        long p = (h + 2L * padH - r) / strideH + 1;
        long q = (w + 2L * padW - s) / strideW + 1;
        if ((long) n * c * h * w > Integer.MAX_VALUE || (long) n * k * p * q > Integer.MAX_VALUE
                || (long) c * r * s * p * q > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("conv2d: more than 2^31-1 elements: " + describe(n, c, h, w, k, r, s,
                    strideH, strideW, padH, padW));
        }
    }

    /** Square stride and padding on both axes. */
    public ConvShape(int n, int c, int h, int w, int k, int r, int s, int stride, int pad) {
        this(n, c, h, w, k, r, s, stride, stride, pad, pad);
    }

    /** The geometry for an input of shape {@code x} [n,c,h,w] and weights of shape {@code wt} [k,c,r,s]. */
    public static ConvShape of(int[] x, int[] wt, int strideH, int strideW, int padH, int padW) {
        if (x.length != 4 || wt.length != 4 || x[1] != wt[1]) {
            throw new IllegalArgumentException("conv2d: need input [n,c,h,w] and weights [k,c,r,s] with equal c, got input "
                    + java.util.Arrays.toString(x) + " and weights " + java.util.Arrays.toString(wt));
        }
        return new ConvShape(x[0], x[1], x[2], x[3], wt[0], wt[2], wt[3], strideH, strideW, padH, padW);
    }

    /** Output height. */
    public int p() {
        return (h + 2 * padH - r) / strideH + 1;
    }

    /** Output width. */
    public int q() {
        return (w + 2 * padW - s) / strideW + 1;
    }

    /** Elements of the input, n·c·h·w. */
    public int inputSize() {
        return n * c * h * w;
    }

    /** Elements of the weights, k·c·r·s. */
    public int weightSize() {
        return k * c * r * s;
    }

    /** Elements of the output, n·k·p·q. */
    public int outputSize() {
        return n * k * p() * q();
    }

    /** True for a 1x1, stride-1, unpadded convolution, which is a plain matrix product per image. */
    public boolean isPointwise() {
        return r == 1 && s == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }

    /** Multiply-adds times two: the FLOP count of one forward pass. */
    public double flops() {
        return 2.0 * n * k * c * r * s * p() * q();
    }

    /** The output shape [n,k,p,q]. */
    public int[] outputShape() {
        return new int[] {n, k, p(), q()};
    }

    @Override
    public String toString() {
        return describe(n, c, h, w, k, r, s, strideH, strideW, padH, padW);
    }

    private static String describe(int n, int c, int h, int w, int k, int r, int s, int sh, int sw, int ph, int pw) {
        return "input [" + n + ", " + c + ", " + h + ", " + w + "], weights [" + k + ", " + c + ", " + r + ", " + s
                + "], stride " + sh + "x" + sw + ", pad " + ph + "x" + pw;
    }
}
