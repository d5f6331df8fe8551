package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Pool2d;
import dev.jnas.tensor.PoolShape;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: average pooling of x [N,C,H,W] over square windows with a stride and symmetric padding
 * (padded cells count as zeros, the divisor is always size², PyTorch's {@code count_include_pad}).
 * Backward: each dy spread evenly over its window, dx += dy / size².
 */
public final class AvgPool2dOp {
    private AvgPool2dOp() {
    }

    /** Average pool; throws naming the shapes if the window does not fit. */
    public static Var apply(Graph g, Var x, int size, int stride, int pad) {
        Tensor xv = x.value();
        Ops.rank4("avgpool2d", xv);
        PoolShape shape = new PoolShape(xv.dim(0), xv.dim(1), xv.dim(2), xv.dim(3), size, stride, pad);
        Tensor y = g.buffer(shape.outputShape());
        Pool2d.avgPoolForward(shape, xv.data(), y.data());
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> {
            float[] dx = Ops.overwriteTarget(g, x);
            Pool2d.avgPoolBackward(shape, out.grad.data(), dx);
            Ops.finishOverwrite(g, x, dx);
        });
        return out;
    }
}
