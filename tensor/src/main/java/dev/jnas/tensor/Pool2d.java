package dev.jnas.tensor;

import java.util.Arrays;

/**
 * Max, average and global average pooling over NCHW images, forward and backward.
 *
 * <p>Call order in training: {@link #maxPoolForward} with an {@code int[]} argmax buffer, later
 * {@link #maxPoolBackward} with the same buffer; {@link #avgPoolForward} / {@link #avgPoolBackward};
 * {@link #globalAvgPoolForward} / {@link #globalAvgPoolBackward} ([n,c,h,w] ↔ [n,c]). Array forms write
 * into caller buffers (at least the needed length; backward passes overwrite dx); Tensor forms allocate.
 *
 * <p>Semantics: max pooling ignores padded cells (a window always holds a real cell, see
 * {@link PoolShape}); ties go to the first cell in row-major window order, and argmax holds flat
 * indices into the input array. Average pooling counts padded cells as zeros and always divides by
 * kh·kw ({@code count_include_pad = true}, PyTorch's default).
 *
 * <p>Dispatch: on {@link Simd#enabled()} the {@code simd...} forms run the Vector API kernels of
 * {@link Pool2dSimd} for 2x2 stride-2 unpadded windows (other windows use the scalar loops, where the
 * window gather does not vectorise profitably) and vector sums for global pooling; the
 * {@code scalar...} forms are the reference.
 */
public final class Pool2d {
    private Pool2d() {
    }

    // ---------------------------------------------------------------- max pooling

    /** y [n,c,p,q] = window maxima of x; records flat input indices in {@code argmax} unless it is null. */
    public static void maxPoolForward(PoolShape g, float[] x, float[] y, int[] argmax) {
        if (Simd.enabled()) {
            simdMaxPoolForward(g, x, y, argmax);
        } else {
            scalarMaxPoolForward(g, x, y, argmax);
        }
    }

    /** Reference max pool forward. */
    public static void scalarMaxPoolForward(PoolShape g, float[] x, float[] y, int[] argmax) {
        check(g, "maxpool2d", x, y, argmax);
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int oy = 0; oy < g.p(); oy++) {
                maxRowScalar(g, x, plane, oy, 0, y, argmax);
            }
        }
    }

    /** Vector API max pool forward (2x2 stride 2 windows; others as the reference). */
    public static void simdMaxPoolForward(PoolShape g, float[] x, float[] y, int[] argmax) {
        check(g, "maxpool2d", x, y, argmax);
        boolean halving = g.isHalving();
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int oy = 0; oy < g.p(); oy++) {
                int done = 0;
                if (halving) {
                    int in = (plane * g.h() + 2 * oy) * g.w();
                    done = Pool2dSimd.maxRow(x, in, g.w(), g.inputSize(), y, (plane * g.p() + oy) * g.q(), argmax,
                            g.q(), g.outputSize());
                }
                maxRowScalar(g, x, plane, oy, done, y, argmax);
            }
        }
    }

    private static void maxRowScalar(PoolShape g, float[] x, int plane, int oy, int fromOx, float[] y, int[] argmax) {
        final int h = g.h(), w = g.w(), q = g.q();
        int ylo = Math.max(0, oy * g.strideH() - g.padH());
        int yhi = Math.min(h, oy * g.strideH() - g.padH() + g.kh());
        for (int ox = fromOx; ox < q; ox++) {
            int xlo = Math.max(0, ox * g.strideW() - g.padW());
            int xhi = Math.min(w, ox * g.strideW() - g.padW() + g.kw());
            int best = (plane * h + ylo) * w + xlo;
            float m = x[best];
            for (int iy = ylo; iy < yhi; iy++) {
                for (int ix = xlo; ix < xhi; ix++) {
                    int i = (plane * h + iy) * w + ix;
                    if (x[i] > m) {
                        m = x[i];
                        best = i;
                    }
                }
            }
            int o = (plane * g.p() + oy) * q + ox;
            y[o] = m;
            if (argmax != null) {
                argmax[o] = best;
            }
        }
    }

    /** dx [n,c,h,w] = dy routed to the recorded argmax cells (overwrites dx; overlapping windows add). */
    public static void maxPoolBackward(PoolShape g, float[] dy, int[] argmax, float[] dx) {
        check(g, "maxpool2d backward", dx, dy, argmax);
        if (argmax == null) {
            throw new IllegalArgumentException("maxpool2d backward: argmax indices are required for " + g);
        }
        // Plane by plane: the plane's zero fill is still in L1 when its scattered adds arrive (a whole-array
        // fill first pushed most of dx out of cache before the scatter). A 2x2 one-pass variant that wrote
        // every cell once ran faster alone but slower inside a training step (data-dependent stores).
        final int hw = g.h() * g.w(), pq = g.p() * g.q();
        for (int plane = 0, x0 = 0, o = 0; plane < g.n() * g.c(); plane++, x0 += hw) {
            Arrays.fill(dx, x0, x0 + hw, 0f);
            for (int end = o + pq; o < end; o++) {
                dx[argmax[o]] += dy[o];
            }
        }
    }

    /** Reference max pool backward: zero dx, then add each dy onto its argmax cell. */
    public static void scalarMaxPoolBackward(PoolShape g, float[] dy, int[] argmax, float[] dx) {
        check(g, "maxpool2d backward", dx, dy, argmax);
        Arrays.fill(dx, 0, g.inputSize(), 0f);
        for (int o = 0; o < g.outputSize(); o++) {
            dx[argmax[o]] += dy[o];
        }
    }

    // ---------------------------------------------------------------- average pooling

    /** y [n,c,p,q] = window sums of x divided by kh·kw (padding counts as zeros). */
    public static void avgPoolForward(PoolShape g, float[] x, float[] y) {
        if (Simd.enabled()) {
            simdAvgPoolForward(g, x, y);
        } else {
            scalarAvgPoolForward(g, x, y);
        }
    }

    /** Reference average pool forward. */
    public static void scalarAvgPoolForward(PoolShape g, float[] x, float[] y) {
        check(g, "avgpool2d", x, y, null);
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int oy = 0; oy < g.p(); oy++) {
                avgRowScalar(g, x, plane, oy, 0, y);
            }
        }
    }

    /** Vector API average pool forward (2x2 stride 2 windows; others as the reference). */
    public static void simdAvgPoolForward(PoolShape g, float[] x, float[] y) {
        check(g, "avgpool2d", x, y, null);
        boolean halving = g.isHalving();
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int oy = 0; oy < g.p(); oy++) {
                int done = 0;
                if (halving) {
                    int in = (plane * g.h() + 2 * oy) * g.w();
                    done = Pool2dSimd.avgRow(x, in, g.w(), g.inputSize(), y, (plane * g.p() + oy) * g.q(), g.q(),
                            g.outputSize());
                }
                avgRowScalar(g, x, plane, oy, done, y);
            }
        }
    }

    private static void avgRowScalar(PoolShape g, float[] x, int plane, int oy, int fromOx, float[] y) {
        final int h = g.h(), w = g.w(), q = g.q();
        final float count = g.kh() * g.kw();
        int ylo = Math.max(0, oy * g.strideH() - g.padH());
        int yhi = Math.min(h, oy * g.strideH() - g.padH() + g.kh());
        for (int ox = fromOx; ox < q; ox++) {
            int xlo = Math.max(0, ox * g.strideW() - g.padW());
            int xhi = Math.min(w, ox * g.strideW() - g.padW() + g.kw());
            float s = 0f;
            for (int iy = ylo; iy < yhi; iy++) {
                for (int ix = xlo; ix < xhi; ix++) {
                    s += x[(plane * h + iy) * w + ix];
                }
            }
            y[(plane * g.p() + oy) * q + ox] = s / count;
        }
    }

    /** dx [n,c,h,w]: each dy spread evenly (÷ kh·kw) over the real cells of its window; overwrites dx. */
    public static void avgPoolBackward(PoolShape g, float[] dy, float[] dx) {
        check(g, "avgpool2d backward", dx, dy, null);
        final int h = g.h(), w = g.w(), p = g.p(), q = g.q();
        final float count = g.kh() * g.kw();
        Arrays.fill(dx, 0, g.inputSize(), 0f);
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int oy = 0; oy < p; oy++) {
                int ylo = Math.max(0, oy * g.strideH() - g.padH());
                int yhi = Math.min(h, oy * g.strideH() - g.padH() + g.kh());
                for (int ox = 0; ox < q; ox++) {
                    int xlo = Math.max(0, ox * g.strideW() - g.padW());
                    int xhi = Math.min(w, ox * g.strideW() - g.padW() + g.kw());
                    float gv = dy[(plane * p + oy) * q + ox] / count;
                    for (int iy = ylo; iy < yhi; iy++) {
                        for (int ix = xlo; ix < xhi; ix++) {
                            dx[(plane * h + iy) * w + ix] += gv;
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- global average pooling

    /** y [n,c] = mean over the h·w plane of x [n,c,h,w] ({@code planes} = n·c, {@code hw} = h·w). */
    public static void globalAvgPoolForward(int planes, int hw, float[] x, float[] y) {
        if (Simd.enabled()) {
            simdGlobalAvgPoolForward(planes, hw, x, y);
        } else {
            scalarGlobalAvgPoolForward(planes, hw, x, y);
        }
    }

    /** Reference global average pool forward. */
    public static void scalarGlobalAvgPoolForward(int planes, int hw, float[] x, float[] y) {
        checkGlobal(planes, hw, x, y);
        for (int pl = 0; pl < planes; pl++) {
            float s = 0f;
            for (int i = 0; i < hw; i++) {
                s += x[pl * hw + i];
            }
            y[pl] = s / hw;
        }
    }

    /** Vector API global average pool forward (vector partial sums, then a lane reduction). */
    public static void simdGlobalAvgPoolForward(int planes, int hw, float[] x, float[] y) {
        checkGlobal(planes, hw, x, y);
        for (int pl = 0; pl < planes; pl++) {
            y[pl] = Conv2dGemm.sum(x, pl * hw, hw) / hw;
        }
    }

    /** dx [n,c,h,w] = dy [n,c] / (h·w) broadcast over each plane; overwrites dx. */
    public static void globalAvgPoolBackward(int planes, int hw, float[] dy, float[] dx) {
        checkGlobal(planes, hw, dx, dy);
        for (int pl = 0; pl < planes; pl++) {
            Arrays.fill(dx, pl * hw, (pl + 1) * hw, dy[pl] / hw);
        }
    }

    // ---------------------------------------------------------------- Tensor API

    /** New [n,c,p,q] max pool of x [n,c,h,w]; fills {@code argmax} (length ≥ output size) unless null. */
    public static Tensor maxPool(Tensor x, int kernel, int stride, int pad, int[] argmax) {
        PoolShape g = shapeOf(x, kernel, stride, pad, "maxpool2d");
        Tensor y = Tensor.zeros(g.outputShape());
        maxPoolForward(g, x.data(), y.data(), argmax);
        return y;
    }

    /** New [n,c,p,q] average pool of x [n,c,h,w] (count_include_pad = true). */
    public static Tensor avgPool(Tensor x, int kernel, int stride, int pad) {
        PoolShape g = shapeOf(x, kernel, stride, pad, "avgpool2d");
        Tensor y = Tensor.zeros(g.outputShape());
        avgPoolForward(g, x.data(), y.data());
        return y;
    }

    /** New [n,c] global average of x [n,c,h,w]. */
    public static Tensor globalAvgPool(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("globalavgpool2d: need input [n,c,h,w], got " + x.shapeString());
        }
        Tensor y = Tensor.zeros(x.dim(0), x.dim(1));
        globalAvgPoolForward(x.dim(0) * x.dim(1), x.dim(2) * x.dim(3), x.data(), y.data());
        return y;
    }

    /** New dx of shape {@code inputShape} [n,c,h,w] from dy [n,c]. */
    public static Tensor globalAvgPoolBackward(Tensor dy, int[] inputShape) {
        if (inputShape.length != 4 || !dy.hasShape(inputShape[0], inputShape[1])) {
            throw new IllegalArgumentException("globalavgpool2d backward: dY " + dy.shapeString()
                    + " does not match input " + Arrays.toString(inputShape));
        }
        Tensor dx = Tensor.zeros(inputShape);
        globalAvgPoolBackward(inputShape[0] * inputShape[1], inputShape[2] * inputShape[3], dy.data(), dx.data());
        return dx;
    }

    private static PoolShape shapeOf(Tensor x, int kernel, int stride, int pad, String op) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": need input [n,c,h,w], got " + x.shapeString());
        }
        return new PoolShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernel, stride, pad);
    }

    private static void check(PoolShape g, String op, float[] x, float[] y, int[] argmax) {
        if (x == null || x.length < g.inputSize() || y == null || y.length < g.outputSize()
                || argmax != null && argmax.length < g.outputSize()) {
            throw new IllegalArgumentException(op + ": arrays too short for " + g + " (output "
                    + Arrays.toString(g.outputShape()) + "): input " + (x == null ? "null" : x.length)
                    + ", output " + (y == null ? "null" : y.length)
                    + (argmax == null ? "" : ", argmax " + argmax.length));
        }
    }

    private static void checkGlobal(int planes, int hw, float[] x, float[] y) {
        if (planes <= 0 || hw <= 0 || x.length < (long) planes * hw || y.length < planes) {
            throw new IllegalArgumentException("globalavgpool2d: need " + planes + " planes of " + hw
                    + " (input " + x.length + " floats, output " + y.length + ")");
        }
    }
}
