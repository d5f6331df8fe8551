package dev.jnas.nn.model;

import dev.jnas.nn.optim.Param;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation per channel (4-D) or feature (2-D): learnable gamma/beta, running mean/variance
 * as state (PyTorch defaults: momentum 0.1, eps 1e-5). Training mode uses and updates batch statistics;
 * inference mode uses the running ones.
 */
final class BatchNormLayer extends Layer {
    static final float MOMENTUM = 0.1f;
    static final float EPS = 1e-5f;

    private final Var gamma;
    private final Var beta;
    private final Tensor runningMean;
    private final Tensor runningVar;

    BatchNormLayer(String path, int channels) {
        super(path);
        Tensor ones = Tensor.zeros(channels);
        ones.fill(1f);
        this.gamma = Var.parameter(ones);
        this.beta = Var.parameter(Tensor.zeros(channels));
        this.runningMean = Tensor.zeros(channels);
        this.runningVar = Tensor.zeros(channels);
        runningVar.fill(1f);
    }

    @Override
    Var forward(Graph g, Var x, boolean training, long step) {
        return g.batchNorm(x, gamma, beta, runningMean, runningVar, MOMENTUM, EPS, training);
    }

    @Override
    void params(List<Param> out) {
        out.add(param(path + "/gamma", gamma));
        out.add(param(path + "/beta", beta));
    }

    @Override
    void state(Map<String, Tensor> out) {
        out.put(path + "/gamma", gamma.value());
        out.put(path + "/beta", beta.value());
        out.put(path + "/running_mean", runningMean);
        out.put(path + "/running_var", runningVar);
    }
}
