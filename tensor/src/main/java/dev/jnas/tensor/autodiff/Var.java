package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Tensor;

/**
 * A node of the autodiff graph: a value tensor, and a gradient tensor when it requires one.
 *
 * <p>Leaves are made here: {@link #parameter} (trainable; its gradient persists across steps and
 * accumulates until {@link #zeroGrad}) and {@link #constant} (inputs, labels-as-tensors, no gradient).
 * Intermediate Vars are made only by primitives through {@link Graph}; their values live in pooled
 * arrays that are valid until {@link Graph#reset()}, and their gradients only during
 * {@link Graph#backward(Var)}.
 */
public final class Var {
    Tensor value;
    Tensor grad;
    private final boolean requiresGrad;
    private final boolean leaf;

    Var(Tensor value, boolean requiresGrad, boolean leaf) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.leaf = leaf;
    }

    /** A trainable leaf: requires a gradient, which is allocated now (zeros) and kept across steps. */
    public static Var parameter(Tensor value) {
        Var v = new Var(value, true, true);
        v.grad = Tensor.zeros(value.shape());
        return v;
    }

    /** A leaf that needs no gradient (network inputs, fixed tensors). */
    public static Var constant(Tensor value) {
        return new Var(value, false, true);
    }

    /** The value (for intermediates: valid until the graph is reset). */
    public Tensor value() {
        return value;
    }

    /** The gradient: a parameter's accumulated gradient; null for constants and for intermediates after backward. */
    public Tensor grad() {
        return grad;
    }

    /** True if gradients flow into this node. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for parameters and constants. */
    public boolean isLeaf() {
        return leaf;
    }

    /** Zeroes a parameter's gradient (call once per optimiser step). */
    public void zeroGrad() {
        if (grad != null) {
            grad.fill(0f);
        }
    }

    /** A copy of the value's shape. */
    public int[] shape() {
        return value.shape();
    }

    @Override
    public String toString() {
        return (leaf ? (requiresGrad ? "Param" : "Const") : "Var") + value.shapeString();
    }
}
