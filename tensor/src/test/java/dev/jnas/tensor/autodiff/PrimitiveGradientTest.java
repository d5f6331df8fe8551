package dev.jnas.tensor.autodiff;

import static dev.jnas.tensor.autodiff.GradCheck.awayFromZero;
import static dev.jnas.tensor.autodiff.GradCheck.check;
import static dev.jnas.tensor.autodiff.GradCheck.size;
import static dev.jnas.tensor.autodiff.GradCheck.weightedSum;

import dev.jnas.tensor.Activations;
import dev.jnas.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks (float forward, see {@link GradCheck}) of every primitive on random shapes. */
class PrimitiveGradientTest {
    private static final int COORDS = 10;

    private static Var param(SplittableRandom rng, int... shape) {
        return Var.parameter(Tensor.uniform(rng, -1, 1, shape));
    }

    private static Tensor weights(SplittableRandom rng, int... shape) {
        return Tensor.uniform(rng, -1, 1, shape);
    }

    /** [N, C, H, W] or [N, F] at random. */
    private static int[] shape2or4(SplittableRandom rng) {
        int n = 1 + rng.nextInt(3);
        return rng.nextBoolean() ? new int[] {n, size(rng)}
                : new int[] {n, 1 + rng.nextInt(3), 1 + rng.nextInt(4), 1 + rng.nextInt(5)};
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void matmul_allTransposes_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = size(rng);
        int k = size(rng);
        int n = size(rng);
        boolean ta = rng.nextBoolean();
        boolean tb = rng.nextBoolean();
        Var a = param(rng, ta ? new int[] {k, m} : new int[] {m, k});
        Var b = param(rng, tb ? new int[] {n, k} : new int[] {k, n});
        Tensor w = weights(rng, m, n);
        check("matmul ta=" + ta + " tb=" + tb, List.of(a, b), g -> weightedSum(g, g.matmul(a, ta, b, tb), w), rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void addSubMulScale_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = shape2or4(rng);
        Var a = param(rng, s);
        Var b = param(rng, s);
        Tensor w = weights(rng, s);
        float c = (float) (rng.nextDouble() * 4 - 2);
        check("add", List.of(a, b), g -> weightedSum(g, g.add(a, b), w), rng, COORDS);
        check("sub", List.of(a, b), g -> weightedSum(g, g.sub(a, b), w), rng, COORDS);
        check("mul", List.of(a, b), g -> weightedSum(g, g.mul(a, b), w), rng, COORDS);
        check("scale", List.of(a), g -> weightedSum(g, g.scale(a, c), w), rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void biasAdd_bothBroadcasts_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = shape2or4(rng);
        Var x = param(rng, s);
        Var bias = param(rng, s[1]);
        Tensor w = weights(rng, s);
        check("addBias " + java.util.Arrays.toString(s), List.of(x, bias), g -> weightedSum(g, g.addBias(x, bias), w),
                rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void activations_allKinds_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = shape2or4(rng);
        // |x| ≥ 0.05 > eps keeps relu and leaky relu away from their kink.
        Var x = Var.parameter(awayFromZero(rng, 0.05f, s));
        Tensor w = weights(rng, s);
        for (Activations.Kind kind : Activations.Kind.values()) {
            check(kind.toString(), List.of(x), g -> weightedSum(g, ActivationOp.apply(g, kind, 0.1f, x), w), rng, COORDS);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void softmaxAndCrossEntropy_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(4);
        int c = 1 + size(rng);
        Var x = Var.parameter(Tensor.uniform(rng, -2, 2, n, c));
        Tensor w = weights(rng, n, c);
        int[] labels = rng.ints(n, 0, c).toArray();
        check("softmax", List.of(x), g -> weightedSum(g, g.softmax(x), w), rng, COORDS);
        check("crossEntropy", List.of(x), g -> g.crossEntropy(x, labels), rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void sumMeanReshapeFlatten_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(3);
        int c = 1 + rng.nextInt(3);
        int h = 1 + rng.nextInt(4);
        int wd = 1 + rng.nextInt(4);
        Var x = param(rng, n, c, h, wd);
        Tensor w = weights(rng, n, c * h * wd);
        Tensor w2 = weights(rng, n * c, h * wd);
        // Products with x make the gradient depend on x, so an identity-like backward cannot pass by accident.
        check("sum", List.of(x), g -> g.sum(g.mul(x, x)), rng, COORDS);
        check("mean", List.of(x), g -> g.mean(g.mul(x, x)), rng, COORDS);
        check("flatten", List.of(x), g -> weightedSum(g, g.flatten(g.mul(x, x)), w), rng, COORDS);
        check("reshape", List.of(x), g -> weightedSum(g, g.reshape(g.tanh(x), n * c, -1), w2), rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void concatAndSplit_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = shape2or4(rng);
        int[] s2 = s.clone();
        s2[1] = 1 + rng.nextInt(3);
        Var a = param(rng, s);
        Var b = param(rng, s2);
        int[] cat = s.clone();
        cat[1] = s[1] + s2[1];
        Tensor w = weights(rng, cat);
        check("concat", List.of(a, b), g -> weightedSum(g, g.concat(a, g.tanh(b)), w), rng, COORDS);
        Var x = param(rng, cat);
        Tensor wa = weights(rng, s);
        Tensor wb = weights(rng, s2);
        check("split", List.of(x), g -> {
            Var[] parts = g.split(g.mul(x, x), s[1], s2[1]);
            return g.add(weightedSum(g, parts[0], wa), weightedSum(g, parts[1], wb));
        }, rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void batchNorm_trainAndInfer_matchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = shape2or4(rng);
        if (s[0] * (s.length == 4 ? s[2] * s[3] : 1) < 4) {
            s[0] += 3; // enough values per channel for well-conditioned batch statistics
        }
        int c = s[1];
        Var x = Var.parameter(Tensor.uniform(rng, -2, 2, s));
        Var gamma = Var.parameter(Tensor.uniform(rng, 0.5f, 1.5f, c));
        Var beta = param(rng, c);
        Tensor rm = Tensor.uniform(rng, -0.5f, 0.5f, c);
        Tensor rv = Tensor.uniform(rng, 0.5f, 1.5f, c);
        Tensor w = weights(rng, s);
        check("batchNorm infer", List.of(x, gamma, beta),
                g -> weightedSum(g, g.batchNorm(x, gamma, beta, rm, rv, 0.1f, 1e-5f, false), w), rng, COORDS);
        check("batchNorm train " + java.util.Arrays.toString(s), List.of(x, gamma, beta),
                g -> weightedSum(g, g.batchNorm(x, gamma, beta, rm, rv, 0.1f, 1e-5f, true), w), rng, COORDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void dropout_fixedSeedMask_matchesFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] s = shape2or4(rng);
        Var x = param(rng, s);
        Tensor w = weights(rng, s);
        float p = (float) (0.1 + 0.7 * rng.nextDouble());
        check("dropout", List.of(x),
                g -> weightedSum(g, g.dropout(g.mul(x, x), p, new SplittableRandom(seed), true), w), rng, COORDS);
    }
}
