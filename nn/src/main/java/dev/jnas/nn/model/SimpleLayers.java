package dev.jnas.nn.model;

import dev.jnas.nn.spec.Activation;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.AvgPool2dOp;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.SplittableRandom;

/** The parameter-free layers: activation, pools, dropout, flatten, identity. */
final class SimpleLayers {
    /** Negative slope of leaky_relu (PyTorch's default). */
    static final float LEAKY_SLOPE = 0.01f;

    private SimpleLayers() {
    }

    static final class ActivationLayer extends Layer {
        private final Activation fn;

        ActivationLayer(String path, Activation fn) {
            super(path);
            this.fn = fn;
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            switch (fn) {
                case RELU:
                    return g.relu(x);
                case LEAKY_RELU:
                    return g.leakyRelu(x, LEAKY_SLOPE);
                case TANH:
                    return g.tanh(x);
                case SIGMOID:
                    return g.sigmoid(x);
                case GELU:
                    return g.gelu(x);
                default:
                    throw new IllegalStateException("unreachable activation " + fn);
            }
        }
    }

    /** Max, average or global average pooling. */
    static final class PoolLayer extends Layer {
        enum Kind { MAX, AVG, GLOBAL_AVG }

        private final Kind kind;
        private final int size;
        private final int stride;
        private final int padding;

        /** {@code padding} applies to average pooling only, which then averages in-bounds cells only. */
        PoolLayer(String path, Kind kind, int size, int stride, int padding) {
            super(path);
            this.kind = kind;
            this.size = size;
            this.stride = stride;
            this.padding = padding;
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            switch (kind) {
                case MAX:
                    return g.maxPool2d(x, size, stride);
                case AVG:
                    return AvgPool2dOp.apply(g, x, size, stride, padding, false);
                default:
                    return g.globalAvgPool(x);
            }
        }
    }

    /**
     * Inverted dropout. The mask stream of training step {@code t} is
     * {@code new SplittableRandom(mix(modelSeed, layerIndex, t))}, so runs are reproducible from the seed.
     */
    static final class DropoutLayer extends Layer {
        private final float rate;
        private final long seed;

        DropoutLayer(String path, double rate, long modelSeed, int index) {
            super(path);
            this.rate = (float) rate;
            this.seed = modelSeed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            if (!training || rate == 0f) {
                return x;
            }
            return g.dropout(x, rate, new SplittableRandom(seed ^ (step * 0x94D049BB133111EBL)), true);
        }
    }

    /** [N,C,H,W] → [N,C·H·W]; a flat input passes unchanged. */
    static final class FlattenLayer extends Layer {
        FlattenLayer(String path) {
            super(path);
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            return x.value().rank() == 2 ? x : g.flatten(x);
        }
    }

    static final class IdentityLayer extends Layer {
        IdentityLayer(String path) {
            super(path);
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            return x;
        }
    }

    /** Zeros of the input's shape (NAS-Bench-201 {@code none}); needs no gradient. */
    static final class ZeroLayer extends Layer {
        ZeroLayer(String path) {
            super(path);
        }

        @Override
        Var forward(Graph g, Var x, boolean training, long step) {
            return zeros(g, x.value().shape());
        }
    }

    /** A constant all-zero pooled tensor of the given shape. */
    static Var zeros(Graph g, int[] shape) {
        Tensor t = g.buffer(shape);
        t.fill(0f);
        return Var.constant(t);
    }
}
