package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Activations;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: an element-wise activation (relu, leaky relu, tanh, sigmoid, gelu; see {@link Activations}).
 * Backward: dx += dy · f'(x), reading the saved input or output as the kernel requires (written, not
 * added, when it is x's first gradient contribution).
 */
public final class ActivationOp {
    private ActivationOp() {
    }

    /** f(x) for the kind; {@code slope} is used by LEAKY_RELU only. */
    public static Var apply(Graph g, Activations.Kind kind, float slope, Var x) {
        int n = x.value().size();
        Tensor y = g.buffer(x.shape());
        Activations.forward(kind, slope, x.value().data(), 0, y.data(), 0, n);
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> {
            // First gradient into x: overwrite a fresh, unzeroed array instead of zero-filling and adding.
            boolean first = x.grad == null;
            float[] dx = first ? g.gradForOverwrite(x).data() : g.gradOf(x).data();
            Activations.backward(kind, slope, x.value().data(), 0, y.data(), 0, out.grad.data(), 0, dx, 0, n, !first);
        });
        return out;
    }
}
