package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Elementwise;
import dev.jnas.tensor.Reductions;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: y = x + bias broadcast, [N,F] + [F] or [N,C,H,W] + [C].
 * Backward: dx += dy; dbias += column sums (rank 2) or per-channel sums (rank 4) of dy.
 */
public final class BiasAddOp {
    private BiasAddOp() {
    }

    /** x + bias; throws naming the shapes if bias is not [dim 1 of x]. */
    public static Var apply(Graph g, Var x, Var bias) {
        Tensor xv = x.value();
        Ops.rank2or4("addBias", xv);
        Ops.perChannel("addBias", "bias", bias.value(), xv.dim(1), xv);
        int n = xv.dim(0);
        int c = xv.dim(1);
        int hw = Ops.spatial(xv);
        Tensor y = g.buffer(xv.shape());
        if (xv.rank() == 2) {
            Elementwise.addBiasRows(xv.data(), 0, bias.value().data(), 0, y.data(), 0, n, c);
        } else {
            Elementwise.addBiasChannels(xv.data(), 0, bias.value().data(), 0, y.data(), 0, n, c, hw);
        }
        Var out = g.output(y, g.needsGrad(x, bias));
        g.record(out, () -> {
            float[] dy = out.grad.data();
            if (x.requiresGrad()) {
                Elementwise.axpy(1f, dy, 0, g.gradOf(x).data(), 0, dy.length);
            }
            if (bias.requiresGrad()) {
                float[] db = g.gradOf(bias).data();
                if (hw == 1) {
                    Reductions.sumRows(dy, 0, n, c, db, 0, true);
                } else {
                    Reductions.sumChannels(dy, 0, n, c, hw, db, 0, true);
                }
            }
        });
        return out;
    }
}
