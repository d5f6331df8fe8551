package dev.jnas.tensor.autodiff;

/**
 * Layers built only from primitives (no backward of their own): the place for reusable compositions.
 *
 * <p>{@link #linear}: y = x·Wᵀ + b with the PyTorch weight layout W [out, in], b [out].
 */
public final class Composites {
    private Composites() {
    }

    /** Fully connected layer: x [N, in] · weightᵀ ([out, in]) + bias [out] → [N, out]. */
    public static Var linear(Graph g, Var x, Var weight, Var bias) {
        return g.addBias(g.matmul(x, false, weight, true), bias);
    }

    /** Fully connected layer without bias. */
    public static Var linear(Graph g, Var x, Var weight) {
        return g.matmul(x, false, weight, true);
    }
}
