package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Reductions;
import dev.jnas.tensor.Tensor;

/** Primitive: sum (or mean) of all elements; a scalar. Backward: dx += dy (or dy/n) everywhere. */
public final class SumOp {
    private SumOp() {
    }

    /** Σx, or Σx/n when {@code mean}. */
    public static Var apply(Graph g, Var x, boolean mean) {
        int n = x.value().size();
        Tensor y = g.buffer();
        float s = Reductions.sum(x.value().data(), 0, n);
        y.data()[0] = mean ? s / n : s;
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> {
            float d = mean ? out.grad.data()[0] / n : out.grad.data()[0];
            float[] dx = g.gradOf(x).data();
            for (int i = 0; i < n; i++) {
                dx[i] += d;
            }
        });
        return out;
    }
}
