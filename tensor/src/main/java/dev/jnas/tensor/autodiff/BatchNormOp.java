package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.BatchNorm;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: batch normalisation of [N,F] (per feature) or [N,C,H,W] (per channel) with learnable
 * gamma, beta ([C] Vars) and running statistics ([C] tensors owned by the caller, e.g. a layer).
 * Training mode normalises with batch statistics and updates the running ones; inference mode uses
 * the running ones. Backward: {@link BatchNorm#backward} or {@link BatchNorm#backwardInfer}, accumulating
 * into whichever of x, gamma, beta require gradients (scratch arrays absorb the others).
 */
public final class BatchNormOp {
    private BatchNormOp() {
    }

    /** BN(x); throws naming the shapes if gamma, beta or the running tensors are not [dim 1 of x]. */
    public static Var apply(Graph g, Var x, Var gamma, Var beta, Tensor runningMean, Tensor runningVar,
                            float momentum, float eps, boolean training) {
        Tensor xv = x.value();
        Ops.rank2or4("batchNorm", xv);
        int n = xv.dim(0);
        int c = xv.dim(1);
        int hw = Ops.spatial(xv);
        Ops.perChannel("batchNorm", "gamma", gamma.value(), c, xv);
        Ops.perChannel("batchNorm", "beta", beta.value(), c, xv);
        Ops.perChannel("batchNorm", "runningMean", runningMean, c, xv);
        Ops.perChannel("batchNorm", "runningVar", runningVar, c, xv);
        float[] gm = gamma.value().data();
        Tensor y = g.buffer(xv.shape());
        Tensor mean = training ? g.buffer(c) : null;
        Tensor inv = training ? g.buffer(c) : null;
        if (training) {
            if (n * hw < 2) {
                throw new IllegalArgumentException("batchNorm: training needs more than one value per channel, got "
                        + xv.shapeString());
            }
            BatchNorm.forwardTrain(xv.data(), 0, n, c, hw, gm, beta.value().data(), eps, momentum,
                    runningMean.data(), runningVar.data(), y.data(), 0, mean.data(), inv.data());
        } else {
            BatchNorm.forwardInfer(xv.data(), 0, n, c, hw, gm, beta.value().data(), eps, runningMean.data(),
                    runningVar.data(), y.data(), 0);
        }
        Var out = g.output(y, g.needsGrad(x, gamma, beta));
        g.record(out, () -> {
            float[] dx = (x.requiresGrad() ? g.gradOf(x) : g.scratch(xv.shape())).data();
            float[] dg = (gamma.requiresGrad() ? g.gradOf(gamma) : g.scratch(c)).data();
            float[] db = (beta.requiresGrad() ? g.gradOf(beta) : g.scratch(c)).data();
            if (training) {
                BatchNorm.backward(xv.data(), 0, out.grad.data(), 0, n, c, hw, gm, mean.data(), inv.data(),
                        dx, 0, dg, db, true);
            } else {
                BatchNorm.backwardInfer(xv.data(), 0, out.grad.data(), 0, n, c, hw, gm, eps, runningMean.data(),
                        runningVar.data(), dx, 0, dg, db, true);
            }
        });
        return out;
    }
}
