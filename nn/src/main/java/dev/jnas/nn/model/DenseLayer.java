package dev.jnas.nn.model;

import dev.jnas.nn.optim.Param;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Composites;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Fully connected layer, weight [out, in] (PyTorch layout) and bias [out]; a 4-D input is flattened first. */
final class DenseLayer extends Layer {
    private final Var weight;
    private final Var bias;

    DenseLayer(String path, int in, int units, boolean he, SplittableRandom rng) {
        super(path);
        this.weight = Var.parameter(Init.weights(rng, he, in, units, units, in));
        this.bias = Var.parameter(Tensor.zeros(units));
    }

    @Override
    Var forward(Graph g, Var x, boolean training, long step) {
        Var flat = x.value().rank() == 2 ? x : g.flatten(x);
        return Composites.linear(g, flat, weight, bias);
    }

    @Override
    void params(List<Param> out) {
        out.add(param(path + "/weight", weight));
        out.add(param(path + "/bias", bias));
    }

    @Override
    void state(Map<String, Tensor> out) {
        out.put(path + "/weight", weight.value());
        out.put(path + "/bias", bias.value());
    }
}
