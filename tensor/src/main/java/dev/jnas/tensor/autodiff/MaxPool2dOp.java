package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Pool2d;
import dev.jnas.tensor.PoolShape;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: max pooling of x [N,C,H,W] over square windows with a stride and symmetric padding (padded
 * cells never win). The forward keeps the arg-max indices in a pooled int array;
 * backward routes dy to them: dx[argmax[o]] += dy[o].
 */
public final class MaxPool2dOp {
    private MaxPool2dOp() {
    }

    /** Max pool; throws naming the shapes if the window does not fit. */
    public static Var apply(Graph g, Var x, int size, int stride, int pad) {
        Tensor xv = x.value();
        Ops.rank4("maxpool2d", xv);
        PoolShape shape = new PoolShape(xv.dim(0), xv.dim(1), xv.dim(2), xv.dim(3), size, stride, pad);
        Tensor y = g.buffer(shape.outputShape());
        boolean needs = g.needsGrad(x);
        int[] argmax = needs ? g.intBuffer(shape.outputSize()) : null;
        Pool2d.maxPoolForward(shape, xv.data(), y.data(), argmax);
        Var out = g.output(y, needs);
        g.record(out, () -> {
            float[] dx = Ops.overwriteTarget(g, x);
            Pool2d.maxPoolBackward(shape, out.grad.data(), argmax, dx);
            Ops.finishOverwrite(g, x, dx);
        });
        return out;
    }
}
