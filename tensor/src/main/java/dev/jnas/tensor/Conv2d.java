package dev.jnas.tensor;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) over NCHW images: forward, gradient with respect to
 * the input, and gradients with respect to the weights and bias.
 *
 * <p>Call order in training: {@link #forward} → (later, given dY) {@link #backwardInput} and
 * {@link #backwardWeights}, all with the same {@link ConvShape}. The array forms write into
 * caller-provided buffers (which may be larger than needed; only the leading elements are used) so a
 * training loop can reuse them; the {@link Tensor} forms allocate their results.
 *
 * <p>Each operation dispatches on {@link Simd#enabled()} to its {@code simd...} form (im2col + {@link Gemm},
 * see {@link Conv2dGemm}) or its {@code scalar...} form, a direct loop nest kept as the reference.
 */
public final class Conv2d {
    /** Gradients of the weights [k,c,r,s] and of the bias [k]. */
    public record WeightGrads(Tensor weights, Tensor bias) {
    }

    private Conv2d() {
    }

    // ---------------------------------------------------------------- array API (allocation-free)

    /** y [n,k,p,q] = conv(x [n,c,h,w], w [k,c,r,s]) + bias [k]; {@code bias} may be null. Overwrites y. */
    public static void forward(ConvShape g, float[] x, float[] w, float[] bias, float[] y) {
        checkForward(g, x, w, bias, y);
        if (Simd.enabled()) {
            Conv2dGemm.forward(g, x, w, bias, y);
        } else {
            scalarForward(g, x, w, bias, y);
        }
    }

    /** dx [n,c,h,w] = ∂(sum dy·y)/∂x for dy [n,k,p,q]. Overwrites dx. */
    public static void backwardInput(ConvShape g, float[] dy, float[] w, float[] dx) {
        checkBackwardInput(g, dy, w, dx);
        if (Simd.enabled()) {
            Conv2dGemm.backwardInput(g, dy, w, dx);
        } else {
            scalarBackwardInput(g, dy, w, dx);
        }
    }

    /**
     * dw [k,c,r,s] and dbias [k] from x and dy, summed over the batch; added to the existing values when
     * {@code accumulate}, else overwriting them. {@code dbias} may be null (no bias).
     */
    public static void backwardWeights(ConvShape g, float[] x, float[] dy, float[] dw, float[] dbias, boolean accumulate) {
        checkBackwardWeights(g, x, dy, dw, dbias);
        if (Simd.enabled()) {
            Conv2dGemm.backwardWeights(g, x, dy, dw, dbias, accumulate);
        } else {
            scalarBackwardWeights(g, x, dy, dw, dbias, accumulate);
        }
    }

    /** The im2col + GEMM form of {@link #forward} (whatever {@link Simd#enabled()} says). */
    public static void simdForward(ConvShape g, float[] x, float[] w, float[] bias, float[] y) {
        checkForward(g, x, w, bias, y);
        Conv2dGemm.forward(g, x, w, bias, y);
    }

    /** The im2col + GEMM form of {@link #backwardInput}. */
    public static void simdBackwardInput(ConvShape g, float[] dy, float[] w, float[] dx) {
        checkBackwardInput(g, dy, w, dx);
        Conv2dGemm.backwardInput(g, dy, w, dx);
    }

    /** The im2col + GEMM form of {@link #backwardWeights}. */
    public static void simdBackwardWeights(ConvShape g, float[] x, float[] dy, float[] dw, float[] dbias,
                                           boolean accumulate) {
        checkBackwardWeights(g, x, dy, dw, dbias);
        Conv2dGemm.backwardWeights(g, x, dy, dw, dbias, accumulate);
    }

    /** Reference forward: the direct seven-deep loop nest. */
    public static void scalarForward(ConvShape g, float[] x, float[] w, float[] bias, float[] y) {
        checkForward(g, x, w, bias, y);
        final int c = g.c(), h = g.h(), wd = g.w(), k = g.k(), r = g.r(), s = g.s(), p = g.p(), q = g.q();
        for (int n = 0; n < g.n(); n++) {
            for (int kk = 0; kk < k; kk++) {
                for (int oy = 0; oy < p; oy++) {
                    for (int ox = 0; ox < q; ox++) {
                        float acc = bias == null ? 0f : bias[kk];
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < r; i++) {
                                int ih = oy * g.strideH() - g.padH() + i;
                                if (ih < 0 || ih >= h) {
                                    continue;
                                }
                                for (int j = 0; j < s; j++) {
                                    int iw = ox * g.strideW() - g.padW() + j;
                                    if (iw >= 0 && iw < wd) {
                                        acc += x[((n * c + ci) * h + ih) * wd + iw] * w[((kk * c + ci) * r + i) * s + j];
                                    }
                                }
                            }
                        }
                        y[((n * k + kk) * p + oy) * q + ox] = acc;
                    }
                }
            }
        }
    }

    /** Reference input gradient: scatters each dy entry through the kernel. */
    public static void scalarBackwardInput(ConvShape g, float[] dy, float[] w, float[] dx) {
        checkBackwardInput(g, dy, w, dx);
        final int c = g.c(), h = g.h(), wd = g.w(), k = g.k(), r = g.r(), s = g.s(), p = g.p(), q = g.q();
        java.util.Arrays.fill(dx, 0, g.inputSize(), 0f);
        for (int n = 0; n < g.n(); n++) {
            for (int kk = 0; kk < k; kk++) {
                for (int oy = 0; oy < p; oy++) {
                    for (int ox = 0; ox < q; ox++) {
                        float gy = dy[((n * k + kk) * p + oy) * q + ox];
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < r; i++) {
                                int ih = oy * g.strideH() - g.padH() + i;
                                if (ih < 0 || ih >= h) {
                                    continue;
                                }
                                for (int j = 0; j < s; j++) {
                                    int iw = ox * g.strideW() - g.padW() + j;
                                    if (iw >= 0 && iw < wd) {
                                        dx[((n * c + ci) * h + ih) * wd + iw] += gy * w[((kk * c + ci) * r + i) * s + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Reference weight and bias gradients. */
    public static void scalarBackwardWeights(ConvShape g, float[] x, float[] dy, float[] dw, float[] dbias,
                                             boolean accumulate) {
        checkBackwardWeights(g, x, dy, dw, dbias);
        final int c = g.c(), h = g.h(), wd = g.w(), k = g.k(), r = g.r(), s = g.s(), p = g.p(), q = g.q();
        for (int kk = 0; kk < k; kk++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < s; j++) {
                        float acc = 0f;
                        for (int n = 0; n < g.n(); n++) {
                            for (int oy = 0; oy < p; oy++) {
                                int ih = oy * g.strideH() - g.padH() + i;
                                if (ih < 0 || ih >= h) {
                                    continue;
                                }
                                for (int ox = 0; ox < q; ox++) {
                                    int iw = ox * g.strideW() - g.padW() + j;
                                    if (iw >= 0 && iw < wd) {
                                        acc += x[((n * c + ci) * h + ih) * wd + iw] * dy[((n * k + kk) * p + oy) * q + ox];
                                    }
                                }
                            }
                        }
                        int wi = ((kk * c + ci) * r + i) * s + j;
                        dw[wi] = accumulate ? dw[wi] + acc : acc;
                    }
                }
            }
            if (dbias != null) {
                float acc = 0f;
                for (int n = 0; n < g.n(); n++) {
                    int off = (n * k + kk) * p * q;
                    for (int t = 0; t < p * q; t++) {
                        acc += dy[off + t];
                    }
                }
                dbias[kk] = accumulate ? dbias[kk] + acc : acc;
            }
        }
    }

    /**
     * Lowers image {@code image} of x into {@code col} [c·r·s, p·q] (row-major), the matrix the GEMM path
     * multiplies; exposed so benchmarks can time lowering apart from the GEMM.
     */
    public static void im2col(ConvShape g, float[] x, int image, float[] col) {
        need(g, "input", x, g.inputSize());
        int rows = g.c() * g.r() * g.s(), pq = g.p() * g.q();
        if (image < 0 || image >= g.n() || col.length < rows * pq) {
            throw new IllegalArgumentException("conv2d: im2col of image " + image + " into " + col.length
                    + " floats needs " + rows * pq + " for " + g);
        }
        Im2col.im2col(g, x, image * g.c() * g.h() * g.w(), col, 0, pq);
    }

    // ---------------------------------------------------------------- Tensor API (allocating)

    /** New y [n,k,p,q] from x [n,c,h,w], w [k,c,r,s], bias [k] (or null), square stride and padding. */
    public static Tensor forward(Tensor x, Tensor w, Tensor bias, int stride, int pad) {
        return forward(x, w, bias, stride, stride, pad, pad);
    }

    /** New y [n,k,p,q] with separate strides and paddings per axis. */
    public static Tensor forward(Tensor x, Tensor w, Tensor bias, int strideH, int strideW, int padH, int padW) {
        ConvShape g = ConvShape.of(x.shape(), w.shape(), strideH, strideW, padH, padW);
        checkBias(g, bias);
        Tensor y = Tensor.zeros(g.outputShape());
        forward(g, x.data(), w.data(), bias == null ? null : bias.data(), y.data());
        return y;
    }

    /** New dx of shape {@code inputShape} [n,c,h,w] from dy [n,k,p,q] and w [k,c,r,s]. */
    public static Tensor backwardInput(Tensor dy, Tensor w, int[] inputShape, int stride, int pad) {
        ConvShape g = ConvShape.of(inputShape, w.shape(), stride, stride, pad, pad);
        checkDy(g, dy);
        Tensor dx = Tensor.zeros(inputShape);
        backwardInput(g, dy.data(), w.data(), dx.data());
        return dx;
    }

    /** New dW [k,c,kernelH,kernelW] and dBias [k] from x [n,c,h,w] and dy [n,k,p,q]. */
    public static WeightGrads backwardWeights(Tensor x, Tensor dy, int kernelH, int kernelW, int stride, int pad) {
        if (x.rank() != 4 || dy.rank() != 4) {
            throw new IllegalArgumentException("conv2d: need input [n,c,h,w] and dY [n,k,p,q], got input "
                    + x.shapeString() + " and dY " + dy.shapeString());
        }
        int[] ws = {dy.dim(1), x.dim(1), kernelH, kernelW};
        ConvShape g = ConvShape.of(x.shape(), ws, stride, stride, pad, pad);
        checkDy(g, dy);
        Tensor dw = Tensor.zeros(ws);
        Tensor db = Tensor.zeros(g.k());
        backwardWeights(g, x.data(), dy.data(), dw.data(), db.data(), false);
        return new WeightGrads(dw, db);
    }

    // ---------------------------------------------------------------- validation

    private static void checkBias(ConvShape g, Tensor bias) {
        if (bias != null && !bias.hasShape(g.k())) {
            throw new IllegalArgumentException("conv2d: bias must be [" + g.k() + "], got " + bias.shapeString()
                    + " for " + g);
        }
    }

    private static void checkDy(ConvShape g, Tensor dy) {
        if (!dy.hasShape(g.outputShape())) {
            throw new IllegalArgumentException("conv2d: dY must be " + java.util.Arrays.toString(g.outputShape())
                    + ", got " + dy.shapeString() + " for " + g);
        }
    }

    private static void checkForward(ConvShape g, float[] x, float[] w, float[] bias, float[] y) {
        need(g, "input", x, g.inputSize());
        need(g, "weights", w, g.weightSize());
        if (bias != null) {
            need(g, "bias", bias, g.k());
        }
        need(g, "output", y, g.outputSize());
    }

    private static void checkBackwardInput(ConvShape g, float[] dy, float[] w, float[] dx) {
        need(g, "dY", dy, g.outputSize());
        need(g, "weights", w, g.weightSize());
        need(g, "dX", dx, g.inputSize());
    }

    private static void checkBackwardWeights(ConvShape g, float[] x, float[] dy, float[] dw, float[] dbias) {
        need(g, "input", x, g.inputSize());
        need(g, "dY", dy, g.outputSize());
        need(g, "dW", dw, g.weightSize());
        if (dbias != null) {
            need(g, "dBias", dbias, g.k());
        }
    }

    private static void need(ConvShape g, String what, float[] a, int size) {
        if (a == null || a.length < size) {
            throw new IllegalArgumentException("conv2d: " + what + " array needs " + size + " floats, got "
                    + (a == null ? "null" : a.length) + " for " + g);
        }
    }
}
