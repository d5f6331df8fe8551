package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Softmax;
import dev.jnas.tensor.Tensor;

/** Primitive: row-wise softmax of [N,C]. Backward: dx += y ⊙ (dy − Σ_row dy·y). */
public final class SoftmaxOp {
    private SoftmaxOp() {
    }

    /** softmax over the last dimension of a 2-D x. */
    public static Var apply(Graph g, Var x) {
        Tensor xv = x.value();
        if (xv.rank() != 2) {
            throw new IllegalArgumentException("softmax: need [N,C], got " + xv.shapeString());
        }
        int rows = xv.dim(0);
        int cols = xv.dim(1);
        Tensor y = g.buffer(rows, cols);
        Softmax.softmax(xv.data(), 0, y.data(), 0, rows, cols);
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> Softmax.softmaxBackward(y.data(), 0, out.grad.data(), 0, g.gradOf(x).data(), 0,
                rows, cols, true));
        return out;
    }
}
