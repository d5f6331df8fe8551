package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Elementwise;
import dev.jnas.tensor.Tensor;

/** Primitive: y = a ⊙ b (same shapes). Backward: da += dy ⊙ b, db += dy ⊙ a. */
public final class MulOp {
    private MulOp() {
    }

    /** a ⊙ b; throws naming both shapes if they differ. */
    public static Var apply(Graph g, Var a, Var b) {
        Ops.sameShape("mul", a, b);
        int n = a.value().size();
        Tensor y = g.buffer(a.shape());
        Elementwise.mul(a.value().data(), 0, b.value().data(), 0, y.data(), 0, n);
        Var out = g.output(y, g.needsGrad(a, b));
        g.record(out, () -> {
            float[] dy = out.grad.data();
            if (a.requiresGrad()) {
                Elementwise.mulAccumulate(dy, 0, b.value().data(), 0, g.gradOf(a).data(), 0, n);
            }
            if (b.requiresGrad()) {
                Elementwise.mulAccumulate(dy, 0, a.value().data(), 0, g.gradOf(b).data(), 0, n);
            }
        });
        return out;
    }
}
