package dev.jnas.nn.model;

import dev.jnas.nn.optim.Param;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.List;
import java.util.Map;

/**
 * One built layer (or composite) of a {@link Model}: a forward function on the autodiff graph plus the
 * parameters and state it owns. Built only by {@link ModelBuilder}; {@code path} is the layer's
 * {@link dev.jnas.nn.spec.ArchitectureAnalysis} path, the prefix of its parameter names.
 */
abstract class Layer {
    final String path;

    Layer(String path) {
        this.path = path;
    }

    /** Applies the layer; {@code step} counts the model's training forwards (seeds dropout). */
    abstract Var forward(Graph g, Var x, boolean training, long step);

    /** Adds this layer's trainable parameters (in a fixed order) to {@code out}. */
    void params(List<Param> out) {
    }

    /** Adds every tensor to save (parameters and running statistics) under its unique name. */
    void state(Map<String, Tensor> out) {
    }

    static Param param(String name, Var v) {
        return new Param(name, v.value(), v.grad());
    }
}
