package dev.jnas.nn.model;

import dev.jnas.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Weight initialisation. He (Kaiming) normal, std = sqrt(2 / fanIn), for layers whose output feeds a
 * ReLU-family activation (relu, leaky_relu, gelu), possibly through batchnorm/dropout/identity;
 * Glorot (Xavier) uniform, limit = sqrt(6 / (fanIn + fanOut)), for all others (tanh, sigmoid, logits).
 * Biases start at zero, batchnorm at gamma = 1, beta = 0. For a conv, fanIn = C·R·S and fanOut = K·R·S.
 */
final class Init {
    private Init() {
    }

    static Tensor weights(SplittableRandom rng, boolean he, int fanIn, int fanOut, int... shape) {
        if (he) {
            return Tensor.normal(rng, (float) Math.sqrt(2.0 / fanIn), shape);
        }
        float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
        return Tensor.uniform(rng, -limit, limit, shape);
    }
}
