package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Elementwise;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: reshape (and flatten) as a view sharing the input's array (no copy, no pooled value).
 * Backward: dx += dy over the flat arrays.
 */
public final class ReshapeOp {
    private ReshapeOp() {
    }

    /** x viewed with another shape (one −1 allowed); throws naming both shapes if the sizes differ. */
    public static Var apply(Graph g, Var x, int... shape) {
        Tensor y = x.value().reshape(shape);
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> Elementwise.axpy(1f, out.grad.data(), 0, g.gradOf(x).data(), 0, y.size()));
        return out;
    }
}
