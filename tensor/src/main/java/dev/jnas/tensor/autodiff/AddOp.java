package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Elementwise;
import dev.jnas.tensor.Tensor;

/** Primitive: y = a + b (same shapes). Backward: da += dy, db += dy. */
public final class AddOp {
    private AddOp() {
    }

    /** a + b; throws naming both shapes if they differ. */
    public static Var apply(Graph g, Var a, Var b) {
        Ops.sameShape("add", a, b);
        int n = a.value().size();
        Tensor y = g.buffer(a.shape());
        Elementwise.add(a.value().data(), 0, b.value().data(), 0, y.data(), 0, n);
        Var out = g.output(y, g.needsGrad(a, b));
        g.record(out, () -> {
            float[] dy = out.grad.data();
            if (a.requiresGrad()) {
                Elementwise.axpy(1f, dy, 0, g.gradOf(a).data(), 0, n);
            }
            if (b.requiresGrad()) {
                Elementwise.axpy(1f, dy, 0, g.gradOf(b).data(), 0, n);
            }
        });
        return out;
    }
}
