package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Conv2d;
import dev.jnas.tensor.ConvShape;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: 2-D convolution (cross-correlation) of x [N,C,H,W] with weights w [K,C,R,S] plus an optional
 * bias [K], square stride and symmetric zero padding (asymmetric padding: {@link Pad2dOp} first).
 * Forward and both backward halves run the {@link Conv2d} kernels (im2col + GEMM when SIMD is on).
 * Backward: dx += conv2dᵀ(dy, w) (only if x requires a gradient, so a network's first layer skips it);
 * dw += Σ dy ⊗ im2col(x), dbias += Σ dy per channel.
 */
public final class Conv2dOp {
    private Conv2dOp() {
    }

    /** conv2d(x, w) + bias; {@code bias} may be null. Throws naming the shapes if they do not fit. */
    public static Var apply(Graph g, Var x, Var w, Var bias, int stride, int pad) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Ops.rank4("conv2d", xv);
        if (wv.rank() != 4) {
            throw new IllegalArgumentException("conv2d: weights must be [K,C,R,S], got " + wv.shapeString()
                    + " for input " + xv.shapeString());
        }
        ConvShape shape = ConvShape.of(xv.shape(), wv.shape(), stride, stride, pad, pad);
        if (bias != null) {
            Tensor bv = bias.value();
            if (bv.rank() != 1 || bv.dim(0) != shape.k()) {
                throw new IllegalArgumentException("conv2d: bias " + bv.shapeString() + " does not match the "
                        + shape.k() + " filters of weights " + wv.shapeString());
            }
        }
        Tensor y = g.buffer(shape.outputShape());
        Conv2d.forward(shape, xv.data(), wv.data(), bias == null ? null : bias.value().data(), y.data());
        boolean needs = bias == null ? g.needsGrad(x, w) : g.needsGrad(x, w, bias);
        Var out = g.output(y, needs);
        g.record(out, () -> {
            float[] dy = out.grad.data();
            if (x.requiresGrad()) {
                float[] dx = Ops.overwriteTarget(g, x);
                Conv2d.backwardInput(shape, dy, wv.data(), dx);
                Ops.finishOverwrite(g, x, dx);
            }
            boolean biasGrad = bias != null && bias.requiresGrad();
            if (w.requiresGrad() || biasGrad) {
                float[] dw = (w.requiresGrad() ? g.gradOf(w) : g.scratch(wv.shape())).data();
                float[] db = biasGrad ? g.gradOf(bias).data() : null;
                Conv2d.backwardWeights(shape, xv.data(), dy, dw, db, true);
            }
        });
        return out;
    }
}
