package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Elementwise;
import dev.jnas.tensor.Tensor;

/** Primitive: y = s·x for a constant s. Backward: dx += s·dy. */
public final class ScaleOp {
    private ScaleOp() {
    }

    /** s·x. */
    public static Var apply(Graph g, Var x, float s) {
        int n = x.value().size();
        Tensor y = g.buffer(x.shape());
        Elementwise.scale(x.value().data(), 0, s, y.data(), 0, n);
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> Elementwise.axpy(s, out.grad.data(), 0, g.gradOf(x).data(), 0, n));
        return out;
    }
}
