package dev.jnas.nn.optim;

import dev.jnas.tensor.Tensor;

/**
 * A trainable parameter: a unique name, its value, and the gradient buffer of the same size.
 *
 * <p>Call order per training step: backprop fills {@code grad}; optionally {@link GradClip#apply}
 * rescales the grads; {@link Optimizer#step} reads {@code grad} and updates {@code value} in place;
 * {@link Optimizer#zeroGrad} clears {@code grad} before the next backward pass. Optimisers keep
 * their per-parameter state keyed by {@code name}, so names must be unique within a model.
 */
public record Param(String name, Tensor value, Tensor grad) {
    public Param {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("param: name must be non-empty");
        }
        if (value == null || grad == null) {
            throw new IllegalArgumentException("param '" + name + "': value and grad must be non-null");
        }
        if (value.size() != grad.size()) {
            throw new IllegalArgumentException("param '" + name + "': value " + value.shapeString()
                    + " and grad " + grad.shapeString() + " differ in size");
        }
    }

    /** A parameter wrapping {@code value} with a fresh zero gradient of the same shape. */
    public static Param of(String name, Tensor value) {
        return new Param(name, value, Tensor.zeros(value.shape()));
    }

    /** Number of scalar elements. */
    public int size() {
        return value.size();
    }
}
