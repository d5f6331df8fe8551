package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Concat;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: channels [start, start + count) of dimension 1 (one part of a split; the inverse of concat).
 * Backward: dy is added into that channel range of dx.
 */
public final class SliceChannelsOp {
    private SliceChannelsOp() {
    }

    /** The channel slice; throws naming the shape if the range is outside dimension 1. */
    public static Var apply(Graph g, Var x, int start, int count) {
        Tensor xv = x.value();
        Ops.rank2or4("sliceChannels", xv);
        int c = xv.dim(1);
        if (start < 0 || count <= 0 || start + count > c) {
            throw new IllegalArgumentException("sliceChannels: range [" + start + ", " + (start + count)
                    + ") outside dim 1 of " + xv.shapeString());
        }
        int n = xv.dim(0);
        int hw = Ops.spatial(xv);
        int[] shape = xv.shape();
        shape[1] = count;
        Tensor y = g.buffer(shape);
        Concat.copyChannels(xv.data(), 0, c, start, y.data(), 0, count, 0, count, n, hw, false);
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> Concat.copyChannels(out.grad.data(), 0, count, 0, g.gradOf(x).data(), 0, c, start,
                count, n, hw, true));
        return out;
    }
}
