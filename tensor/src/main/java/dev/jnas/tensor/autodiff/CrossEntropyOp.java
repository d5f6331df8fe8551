package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Elementwise;
import dev.jnas.tensor.Softmax;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: fused log-softmax + mean cross-entropy of [N,C] logits against integer labels; a scalar.
 * Forward saves dLogits = (softmax − onehot)/N (when a gradient is needed); backward: dlogits += dL · saved.
 * The labels array is read during forward only.
 */
public final class CrossEntropyOp {
    private CrossEntropyOp() {
    }

    /** Mean cross-entropy; throws naming the shape if labels do not match the rows or lie outside [0, C). */
    public static Var apply(Graph g, Var logits, int[] labels) {
        Tensor lv = logits.value();
        if (lv.rank() != 2 || labels.length != lv.dim(0)) {
            throw new IllegalArgumentException("crossEntropy: need [N,C] logits and N labels, got "
                    + lv.shapeString() + " and " + labels.length + " labels");
        }
        int rows = lv.dim(0);
        int cols = lv.dim(1);
        boolean rg = g.needsGrad(logits);
        Tensor saved = rg ? g.buffer(rows, cols) : null;
        Tensor loss = g.buffer();
        loss.data()[0] = Softmax.crossEntropy(lv.data(), 0, labels, 0, rows, cols, rg ? saved.data() : null, 0);
        Var out = g.output(loss, rg);
        g.record(out, () -> Elementwise.axpy(out.grad.data()[0], saved.data(), 0, g.gradOf(logits).data(), 0,
                rows * cols));
        return out;
    }
}
