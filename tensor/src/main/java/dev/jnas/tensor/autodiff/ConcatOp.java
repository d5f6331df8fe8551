package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Concat;
import dev.jnas.tensor.Tensor;
import java.util.Arrays;

/**
 * Primitive: concatenation along dimension 1 (channels of NCHW, features of [N,F]).
 * Backward: each input's channel range of dy is added into that input's gradient.
 */
public final class ConcatOp {
    private ConcatOp() {
    }

    /** The inputs concatenated along dimension 1; all other dimensions must agree. */
    public static Var apply(Graph g, Var... xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("concat: no inputs");
        }
        Tensor first = xs[0].value();
        Ops.rank2or4("concat", first);
        int total = 0;
        for (Var x : xs) {
            int[] s = x.shape();
            int[] f = first.shape();
            s[1] = 0;
            f[1] = 0;
            if (!Arrays.equals(s, f)) {
                throw new IllegalArgumentException("concat: shapes differ outside dim 1: " + first.shapeString()
                        + " vs " + x.value().shapeString());
            }
            total += x.value().dim(1);
        }
        int[] shape = first.shape();
        shape[1] = total;
        int n = first.dim(0);
        int hw = Ops.spatial(first);
        int c = total;
        Tensor y = g.buffer(shape);
        int start = 0;
        for (Var x : xs) {
            int cx = x.value().dim(1);
            Concat.copyChannels(x.value().data(), 0, cx, 0, y.data(), 0, c, start, cx, n, hw, false);
            start += cx;
        }
        Var out = g.output(y, g.needsGrad(xs));
        Var[] inputs = xs.clone();
        g.record(out, () -> {
            int s0 = 0;
            for (Var x : inputs) {
                int cx = x.value().dim(1);
                if (x.requiresGrad()) {
                    Concat.copyChannels(out.grad.data(), 0, c, s0, g.gradOf(x).data(), 0, cx, 0, cx, n, hw, true);
                }
                s0 += cx;
            }
        });
        return out;
    }
}
