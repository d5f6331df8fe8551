package dev.jnas.nn.optim;

import java.util.List;

/**
 * A first-order optimiser that updates {@link Param} values in place from their gradients.
 *
 * <p>Call order per training step: fill grads (backprop) → optional {@link GradClip#apply} →
 * {@link #step(List)} → {@link #zeroGrad(List)}. A schedule is applied by the caller with
 * {@link #setLearningRate(double)} before {@code step}. Per-parameter state (momentum, moments) is
 * created on the first step that sees a parameter name and reused afterwards, so steady-state
 * steps allocate nothing. Implementations are not thread-safe.
 */
public interface Optimizer {
    /**
     * Applies one update to every parameter from its current grad. Throws
     * {@link IllegalArgumentException} if two params share a name or a param's size changed.
     */
    void step(List<Param> params);

    /** Sets every grad to zero. */
    default void zeroGrad(List<Param> params) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).grad().fill(0f);
        }
    }

    /** The learning rate the next {@link #step} uses. */
    double learningRate();

    /** Sets the learning rate for the next steps; must be finite and {@code >= 0}. */
    void setLearningRate(double lr);

    /** Number of {@link #step} calls so far (restored by {@link #restore}). */
    long stepCount();

    /** A deep copy of the internal state, for checkpoints. */
    OptimizerState snapshot();

    /**
     * Replaces the internal state with a deep copy of {@code state}; throws
     * {@link IllegalArgumentException} if it was taken from another kind of optimiser.
     */
    void restore(OptimizerState state);

    /** Short name: {@code sgd}, {@code adam} or {@code adamw}. */
    String name();
}
