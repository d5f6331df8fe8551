package dev.jnas.tensor.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.TensorAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GraphTest {
    /** A small training step: BN + dropout + concat + two-branch MLP with CE loss; returns intermediates. */
    private static List<Var> step(Graph g, Var x, Var w1, Var b1, Var w2, Var b2, Var gamma, Var beta,
                                  Tensor rm, Tensor rv, int[] labels, long seed) {
        Var h = g.relu(Composites.linear(g, x, w1, b1));
        Var bn = g.batchNorm(h, gamma, beta, rm, rv, 0.1f, 1e-5f, true);
        Var d = g.dropout(bn, 0.3f, new SplittableRandom(seed), true);
        Var cat = g.concat(d, g.tanh(h));
        Var logits = Composites.linear(g, cat, w2, b2);
        Var loss = g.crossEntropy(logits, labels);
        return List.of(h, bn, d, cat, logits, loss);
    }

    @Test
    void reset_repeatedSteps_reuseSameArraysAndAllocateNothing() {
        SplittableRandom rng = new SplittableRandom(7);
        Var x = Var.constant(Tensor.uniform(rng, -1, 1, 8, 5));
        Var w1 = Var.parameter(Tensor.uniform(rng, -1, 1, 6, 5));
        Var b1 = Var.parameter(Tensor.uniform(rng, -1, 1, 6));
        Var w2 = Var.parameter(Tensor.uniform(rng, -1, 1, 3, 12));
        Var b2 = Var.parameter(Tensor.uniform(rng, -1, 1, 3));
        Var gamma = Var.parameter(Tensor.zeros(6).fill(1f));
        Var beta = Var.parameter(Tensor.zeros(6));
        Tensor rm = Tensor.zeros(6);
        Tensor rv = Tensor.zeros(6).fill(1f);
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        Graph g = new Graph();
        List<List<float[]>> arrays = new ArrayList<>();
        long allocationsAfterFirst = -1;
        float firstLoss = Float.NaN;
        for (int s = 0; s < 4; s++) {
            List<Var> vars = step(g, x, w1, b1, w2, b2, gamma, beta, rm, rv, labels, 99);
            g.backward(vars.get(vars.size() - 1));
            List<float[]> a = new ArrayList<>();
            vars.forEach(v -> a.add(v.value().data()));
            arrays.add(a);
            float loss = vars.get(vars.size() - 1).value().item();
            if (s == 0) {
                firstLoss = loss;
                allocationsAfterFirst = g.pool().allocations();
            }
            assertEquals(firstLoss, loss, 0f, "same parameters and mask give the same loss");
            g.reset();
        }
        assertEquals(allocationsAfterFirst, g.pool().allocations(), "no new arrays after the first step");
        assertTrue(g.pool().reuses() > 0);
        for (int s = 1; s < arrays.size(); s++) {
            for (int i = 0; i < arrays.get(0).size(); i++) {
                assertSame(arrays.get(0).get(i), arrays.get(s).get(i), "step " + s + " intermediate " + i);
            }
        }
    }

    @Test
    void noGrad_forward_recordsNothingAndOutputsNeedNoGrad() {
        SplittableRandom rng = new SplittableRandom(3);
        Var w = Var.parameter(Tensor.uniform(rng, -1, 1, 4, 3));
        Var x = Var.constant(Tensor.uniform(rng, -1, 1, 2, 3));
        Graph g = new Graph();
        Var y;
        try (var ng = g.noGrad()) {
            y = g.sum(g.tanh(Composites.linear(g, x, w)));
            assertFalse(g.gradEnabled());
        }
        assertTrue(g.gradEnabled(), "grad mode restored on close");
        assertEquals(0, g.tapeSize());
        assertFalse(y.requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> g.backward(y));
        Var z = g.sum(g.tanh(Composites.linear(g, x, w)));
        assertEquals(3, g.tapeSize(), "matmul, tanh and sum are recorded outside no-grad");
        assertEquals(y.value().item(), z.value().item(), 0f);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void backward_valueFeedingTwoConsumers_accumulatesBothContributions(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(20);
        Var x = Var.parameter(Tensor.uniform(rng, -1, 1, n));
        Tensor a = Tensor.uniform(rng, -1, 1, n);
        Tensor b = Tensor.uniform(rng, -1, 1, n);
        Graph g = new Graph();
        // loss = Σ x·a + Σ x·b, so d loss / dx = a + b exactly.
        Var loss = g.add(g.sum(g.mul(x, Var.constant(a))), g.sum(g.mul(x, Var.constant(b))));
        g.backward(loss);
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = a.data()[i] + b.data()[i];
        }
        TensorAssert.assertClose(expected, x.grad().data(), 1e-6, 1e-6, "two consumers");
        // Parameters accumulate across backward calls until zeroed.
        g.reset();
        g.backward(g.sum(g.mul(x, Var.constant(a))));
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i] + a.data()[i], x.grad().data()[i], 1e-6);
        }
        x.zeroGrad();
        assertEquals(0f, x.grad().data()[0]);
    }

    @Test
    void backward_releasesTapeAndIntermediateGradients() {
        SplittableRandom rng = new SplittableRandom(5);
        Var x = Var.parameter(Tensor.uniform(rng, -1, 1, 3, 4));
        Graph g = new Graph();
        Var h = g.tanh(x);
        Var loss = g.sum(g.mul(h, h));
        assertEquals(3, g.tapeSize());
        g.backward(loss);
        assertEquals(0, g.tapeSize());
        assertNull(h.grad());
        assertNull(loss.grad());
        assertTrue(g.pool().freeCount() >= 3, "intermediate gradients are back in the pool");
        assertTrue(x.grad() != null && x.grad().data()[0] != 0f);
    }

    @Test
    void backward_nonScalarLoss_throwsNamingShape() {
        Graph g = new Graph();
        Var y = g.tanh(Var.parameter(Tensor.zeros(2, 3)));
        var e = assertThrows(IllegalArgumentException.class, () -> g.backward(y));
        assertTrue(e.getMessage().contains("backward") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void primitives_badShapes_throwNamingOpAndShapes() {
        Graph g = new Graph();
        Var a = Var.constant(Tensor.zeros(2, 3));
        var e1 = assertThrows(IllegalArgumentException.class, () -> g.matmul(a, a));
        assertTrue(e1.getMessage().contains("matmul") && e1.getMessage().contains("[2, 3]"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> g.add(a, Var.constant(Tensor.zeros(3, 2))));
        assertTrue(e2.getMessage().contains("add") && e2.getMessage().contains("[3, 2]"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> g.addBias(a, Var.constant(Tensor.zeros(2))));
        assertTrue(e3.getMessage().contains("addBias") && e3.getMessage().contains("[2]"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> g.crossEntropy(a, new int[] {0}));
        assertTrue(e4.getMessage().contains("crossEntropy") && e4.getMessage().contains("[2, 3]"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> g.split(a, 1, 1));
        assertTrue(e5.getMessage().contains("split") && e5.getMessage().contains("[2, 3]"), e5.getMessage());
        var e6 = assertThrows(IllegalArgumentException.class, () -> g.batchNorm(a, Var.constant(Tensor.zeros(2)),
                Var.constant(Tensor.zeros(3)), Tensor.zeros(3), Tensor.zeros(3), 0.1f, 1e-5f, true));
        assertTrue(e6.getMessage().contains("batchNorm") && e6.getMessage().contains("gamma"), e6.getMessage());
        var e7 = assertThrows(IllegalArgumentException.class, () -> g.reshape(a, 4, 2));
        assertTrue(e7.getMessage().contains("[2, 3]"), e7.getMessage());
    }

    @Test
    void dropout_inference_isIdentityAndRecordsNothing() {
        Graph g = new Graph();
        Var x = Var.parameter(Tensor.zeros(2, 3).fill(1f));
        Var y = g.dropout(x, 0.5f, new SplittableRandom(1), false);
        assertSame(x, y);
        assertEquals(0, g.tapeSize());
    }
}
