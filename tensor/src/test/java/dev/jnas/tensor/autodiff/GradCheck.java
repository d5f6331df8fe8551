package dev.jnas.tensor.autodiff;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jnas.tensor.SeededCases;
import dev.jnas.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Finite-difference check of a whole graph in its real float forward.
 *
 * <p>Approach: the loss is a float computed by the float kernels, so the step must be large enough
 * that float rounding of the loss (≈1e-7 relative) divided by 2·eps stays well below the tolerance:
 * eps = 1e-2 on O(1) values gives rounding noise ≈1e-5 and truncation error O(eps²)≈1e-4. The
 * difference quotient is formed in double with the exactly representable perturbation actually applied
 * (float(x+eps) − float(x−eps)). Inputs of kinked functions are kept farther than eps from the kink.
 * Tolerance: |numeric − analytic| ≤ atol + rtol·max(|numeric|, |analytic|).
 */
final class GradCheck {
    static final double EPS = 1e-2;
    static final double RTOL = 2e-2;
    static final double ATOL = 2e-3;

    private GradCheck() {
    }

    /** Uniform values in ±[lo, 1) (never closer than lo to zero). */
    static Tensor awayFromZero(SplittableRandom rng, float lo, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            float mag = lo + (1 - lo) * (float) rng.nextDouble();
            d[i] = rng.nextBoolean() ? mag : -mag;
        }
        return t;
    }

    /** A scalar loss Σ w ⊙ y with fixed random weights w, so that every output element matters. */
    static Var weightedSum(Graph g, Var y, Tensor w) {
        return g.sum(g.mul(y, Var.constant(w)));
    }

    /** Checks d loss / d p for every parameter p on up to {@code maxCoords} coordinates each. */
    static void check(String name, List<Var> params, Function<Graph, Var> lossFn, SplittableRandom rng, int maxCoords) {
        Graph g = new Graph();
        params.forEach(Var::zeroGrad);
        g.backward(lossFn.apply(g));
        g.reset();
        for (int p = 0; p < params.size(); p++) {
            Var param = params.get(p);
            float[] v = param.value().data();
            float[] analytic = param.grad().data().clone();
            int coords = Math.min(maxCoords, v.length);
            for (int c = 0; c < coords; c++) {
                int i = v.length <= maxCoords ? c : rng.nextInt(v.length);
                float old = v[i];
                float up = (float) (old + EPS);
                float down = (float) (old - EPS);
                v[i] = up;
                double lUp = forward(g, lossFn);
                v[i] = down;
                double lDown = forward(g, lossFn);
                v[i] = old;
                double numeric = (lUp - lDown) / ((double) up - down);
                double a = analytic[i];
                if (!(Math.abs(numeric - a) <= ATOL + RTOL * Math.max(Math.abs(numeric), Math.abs(a)))) {
                    fail(name + ": parameter " + p + " " + param.value().shapeString() + " element " + i
                            + ": numeric " + numeric + ", analytic " + a);
                }
            }
        }
    }

    private static double forward(Graph g, Function<Graph, Var> lossFn) {
        try (var ng = g.noGrad()) {
            double l = lossFn.apply(g).value().item();
            g.reset();
            return l;
        }
    }

    /** A random size that often hits vector tails, kept small. */
    static int size(SplittableRandom rng) {
        int[] sizes = {1, 2, 3, 5, 7, 16, 17};
        return rng.nextBoolean() ? sizes[rng.nextInt(sizes.length)] : Math.min(17, SeededCases.tailSize(rng));
    }
}
