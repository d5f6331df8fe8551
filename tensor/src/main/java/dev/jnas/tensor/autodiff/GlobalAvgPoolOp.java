package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Pool2d;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: global average pooling, x [N,C,H,W] → y [N,C] (the mean of each plane).
 * Backward: dx += dy / (H·W) broadcast over each plane.
 */
public final class GlobalAvgPoolOp {
    private GlobalAvgPoolOp() {
    }

    /** Mean over H and W. */
    public static Var apply(Graph g, Var x) {
        Tensor xv = x.value();
        Ops.rank4("globalavgpool", xv);
        int planes = xv.dim(0) * xv.dim(1);
        int hw = xv.dim(2) * xv.dim(3);
        Tensor y = g.buffer(xv.dim(0), xv.dim(1));
        Pool2d.globalAvgPoolForward(planes, hw, xv.data(), y.data());
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> {
            float[] dx = Ops.overwriteTarget(g, x);
            Pool2d.globalAvgPoolBackward(planes, hw, out.grad.data(), dx);
            Ops.finishOverwrite(g, x, dx);
        });
        return out;
    }
}
