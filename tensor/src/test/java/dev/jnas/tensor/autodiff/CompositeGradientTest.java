package dev.jnas.tensor.autodiff;

import static dev.jnas.tensor.autodiff.GradCheck.check;

import dev.jnas.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of compositions: linear layers, shared inputs, merged branches, BN, CE. */
class CompositeGradientTest {
    private static Var param(SplittableRandom rng, float scale, int... shape) {
        return Var.parameter(Tensor.uniform(rng, -scale, scale, shape));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void twoBranchMlp_sharedInputMergedByAdd_matchesFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(5);
        int in = 1 + rng.nextInt(9);
        int hidden = 1 + rng.nextInt(17);
        int classes = 2 + rng.nextInt(5);
        Var x = param(rng, 1f, n, in);
        Var w1 = param(rng, 0.8f, hidden, in);
        Var b1 = param(rng, 0.5f, hidden);
        Var v1 = param(rng, 0.8f, hidden, in);
        Var c1 = param(rng, 0.5f, hidden);
        Var w2 = param(rng, 0.8f, classes, hidden);
        Var b2 = param(rng, 0.5f, classes);
        int[] labels = rng.ints(n, 0, classes).toArray();
        check("mlp", List.of(x, w1, b1, v1, c1, w2, b2), g -> {
            // x feeds two branches (gelu and tanh) which are merged by add: x's gradient has two sources.
            Var left = g.gelu(Composites.linear(g, x, w1, b1));
            Var right = g.tanh(Composites.linear(g, x, v1, c1));
            Var merged = g.add(left, right);
            return g.crossEntropy(Composites.linear(g, merged, w2, b2), labels);
        }, rng, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void convLikeBlock_batchNormConcatSplitFlatten_matchesFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 + rng.nextInt(3);
        int c = 1 + rng.nextInt(3);
        int h = 1 + rng.nextInt(3);
        int w = 2 + rng.nextInt(3);
        int classes = 2 + rng.nextInt(3);
        Var x = param(rng, 1f, n, c, h, w);
        Var bias = param(rng, 0.5f, c);
        Var gamma = Var.parameter(Tensor.uniform(rng, 0.5f, 1.5f, c));
        Var beta = param(rng, 0.5f, c);
        Var fc = param(rng, 0.5f, classes, 2 * c * h * w);
        Tensor rm = Tensor.zeros(c);
        Tensor rv = Tensor.zeros(c).fill(1f);
        int[] labels = rng.ints(n, 0, classes).toArray();
        check("block", List.of(x, bias, gamma, beta, fc), g -> {
            Var y = g.batchNorm(g.addBias(x, bias), gamma, beta, rm, rv, 0.1f, 1e-5f, true);
            Var cat = g.concat(g.sigmoid(y), g.scale(x, 0.5f));
            Var[] parts = g.split(cat, c, c);
            Var merged = g.concat(parts[1], g.mul(parts[0], parts[0]));
            return g.crossEntropy(Composites.linear(g, g.flatten(merged), fc), labels);
        }, rng, 8);
    }
}
