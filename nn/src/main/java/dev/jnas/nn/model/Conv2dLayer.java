package dev.jnas.nn.model;

import dev.jnas.nn.optim.Param;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.List;
import java.util.Map;

/** conv2d with bias; weights [K,C,R,R]. Asymmetric padding (same, even kernel) zero-pads explicitly first. */
final class Conv2dLayer extends Layer {
    private final Var weight;
    private final Var bias;
    private final int stride;
    private final int before;
    private final int after;

    Conv2dLayer(String path, Conv2dSpec spec, int inChannels, boolean he, java.util.SplittableRandom rng) {
        super(path);
        int k = spec.filters();
        int r = spec.kernel();
        this.weight = Var.parameter(Init.weights(rng, he, inChannels * r * r, k * r * r, k, inChannels, r, r));
        this.bias = Var.parameter(Tensor.zeros(k));
        this.stride = spec.stride();
        this.before = spec.padding().before(r);
        this.after = spec.padding().after(r);
    }

    @Override
    Var forward(Graph g, Var x, boolean training, long step) {
        if (before == after) {
            return g.conv2d(x, weight, bias, stride, before);
        }
        return g.conv2d(g.pad2d(x, before, after, before, after), weight, bias, stride, 0);
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
