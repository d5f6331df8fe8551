package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Dropout;
import dev.jnas.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Primitive: inverted dropout. In training mode with p &gt; 0 a mask is drawn from {@code rng} and
 * kept (a pooled buffer) for backward: y = x ⊙ mask, dx += dy ⊙ mask. Otherwise it returns x itself
 * and records nothing.
 */
public final class DropoutOp {
    private DropoutOp() {
    }

    /** Dropout with probability p in [0, 1). */
    public static Var apply(Graph g, Var x, float p, SplittableRandom rng, boolean training) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1), got " + p + " for "
                    + x.value().shapeString());
        }
        if (!training || p == 0f) {
            return x;
        }
        int n = x.value().size();
        Tensor mask = g.buffer(x.shape());
        Dropout.fillMask(rng, p, mask.data(), 0, n);
        Tensor y = g.buffer(x.shape());
        Dropout.forward(x.value().data(), 0, mask.data(), 0, y.data(), 0, n);
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> Dropout.backward(out.grad.data(), 0, mask.data(), 0, g.gradOf(x).data(), 0, n, true));
        return out;
    }
}
