package dev.jnas.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jnas.nn.optim.Param;
import dev.jnas.nn.spec.Activation;
import dev.jnas.nn.spec.ActivationSpec;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.Architectures;
import dev.jnas.nn.spec.AvgPool2dSpec;
import dev.jnas.nn.spec.BatchNormSpec;
import dev.jnas.nn.spec.CellSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.DenseSpec;
import dev.jnas.nn.spec.DropoutSpec;
import dev.jnas.nn.spec.FlattenSpec;
import dev.jnas.nn.spec.GlobalAvgPoolSpec;
import dev.jnas.nn.spec.IdentitySpec;
import dev.jnas.nn.spec.InvalidArchitectureException;
import dev.jnas.nn.spec.LayerSpec;
import dev.jnas.nn.spec.MaxPool2dSpec;
import dev.jnas.nn.spec.Padding;
import dev.jnas.nn.spec.ParallelSpec;
import dev.jnas.nn.spec.SequentialSpec;
import dev.jnas.nn.spec.ZeroSpec;
import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.nn.spec.nb201.Nb201Network;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Building models from specs: shapes, parameters, init, modes, and whole-model gradients. */
class ModelTest {
    static Stream<ArchitectureSpec> canonical() {
        return Stream.of(Architectures.peerMlp(), Architectures.lenet5(), Architectures.wideCnn(),
                Architectures.digitsCnn(), Architectures.residualCnn(), Architectures.mlp(3, 1, 1, 4, 5));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("canonical")
    void build_canonicalArchitectures_paramsMatchAnalysisAndOutputIsLogits(ArchitectureSpec spec) {
        Model m = Model.build(spec, 3);
        long count = m.params().stream().mapToLong(Param::size).sum();
        assertEquals(m.analysis().parameters(), count);
        Set<String> names = new HashSet<>();
        m.params().forEach(p -> assertTrue(names.add(p.name()), "duplicate " + p.name()));
        Tensor x = Tensor.uniform(new SplittableRandom(1), -1, 1, 2, spec.channels(), spec.height(), spec.width());
        Tensor y = m.predict(x);
        assertArrayEquals(new int[] {2, m.numClasses()}, y.shape());
        for (float v : y.data()) {
            assertTrue(Float.isFinite(v));
        }
    }

    /**
     * A random spec mixing every layer kind, small enough for a finite-difference check; {@code smooth}
     * keeps to kink-free activations and average pooling (kinks within eps of a value spoil differences
     * of a whole network; the kinked primitives have their own checks in the tensor module).
     */
    static ArchitectureSpec randomSpec(SplittableRandom rng, boolean smooth) {
        Activation[] acts = smooth ? new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.GELU}
                : Activation.values();
        List<LayerSpec> layers = new ArrayList<>();
        int k = 1 + rng.nextInt(2);
        layers.add(new Conv2dSpec(2 + rng.nextInt(2), k == 1 ? 2 : 3, 1, Padding.SAME)); // even kernel: asymmetric pad
        layers.add(new ActivationSpec(acts[rng.nextInt(acts.length)]));
        if (rng.nextBoolean()) {
            layers.add(new BatchNormSpec());
        }
        layers.add(new ParallelSpec(List.of(new IdentitySpec(),
                SequentialSpec.of(new Conv2dSpec(layers.isEmpty() ? 2 : ((Conv2dSpec) layers.get(0)).filters(), 3, 1,
                        Padding.SAME), new ActivationSpec(Activation.TANH))),
                rng.nextBoolean() ? ParallelSpec.Merge.ADD : ParallelSpec.Merge.CONCAT));
        if (rng.nextBoolean()) {
            int f = ((Conv2dSpec) layers.get(0)).filters() * (layers.get(layers.size() - 1) instanceof ParallelSpec p
                    && p.merge() == ParallelSpec.Merge.CONCAT ? 2 : 1);
            LayerSpec skip = rng.nextBoolean() ? new IdentitySpec() : new ZeroSpec();
            LayerSpec zeroOr = rng.nextBoolean() ? new ZeroSpec() : SequentialSpec.of(Conv2dSpec.same(f, 1),
                    new ActivationSpec(Activation.TANH));
            layers.add(new CellSpec(4, List.of(
                    new CellSpec.Edge(0, 1, SequentialSpec.of(Conv2dSpec.same(f, 3), new ActivationSpec(Activation.TANH))),
                    new CellSpec.Edge(0, 2, new ZeroSpec()),
                    new CellSpec.Edge(1, 3, new AvgPool2dSpec(3, 1, 1)),
                    new CellSpec.Edge(2, 3, zeroOr),
                    new CellSpec.Edge(0, 3, skip))));
        }
        layers.add(rng.nextBoolean() && !smooth ? MaxPool2dSpec.of(2) : AvgPool2dSpec.of(2));
        if (rng.nextBoolean()) {
            layers.add(new GlobalAvgPoolSpec());
        } else {
            layers.add(new FlattenSpec());
            layers.add(new DropoutSpec(0.0));
        }
        layers.add(new DenseSpec(3));
        return new ArchitectureSpec(1 + rng.nextInt(2), 4, 4, new SequentialSpec(layers));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void forward_randomSpecs_gradientsMatchFiniteDifferences(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ArchitectureSpec spec = randomSpec(rng, true);
        Model m = Model.build(spec, seed);
        Var x = Var.constant(Tensor.uniform(rng, -1, 1, 3, spec.channels(), 4, 4));
        int[] labels = rng.ints(3, 0, 3).toArray();
        Graph g = new Graph();
        m.params().forEach(p -> p.grad().fill(0f));
        // Eval mode keeps batch norm a fixed function of its input (running stats), as FD needs.
        g.backward(g.crossEntropy(m.forward(g, x, false), labels));
        g.reset();
        for (Param p : m.params()) {
            float[] v = p.value().data();
            for (int c = 0; c < 3; c++) {
                int i = rng.nextInt(v.length);
                float old = v[i];
                float up = old + 3e-3f;
                float down = old - 3e-3f;
                v[i] = up;
                double lUp = loss(m, g, x, labels);
                v[i] = down;
                double lDown = loss(m, g, x, labels);
                v[i] = old;
                double numeric = (lUp - lDown) / ((double) up - down);
                double analytic = p.grad().data()[i];
                if (Math.abs(numeric - analytic) > 2e-3 + 2e-2 * Math.max(Math.abs(numeric), Math.abs(analytic))) {
                    fail(p.name() + "[" + i + "] numeric " + numeric + " analytic " + analytic + " spec " + spec);
                }
            }
        }
    }

    private static double loss(Model m, Graph g, Var x, int[] labels) {
        try (var ng = g.noGrad()) {
            double l = g.crossEntropy(m.forward(g, x, false), labels).value().item();
            g.reset();
            return l;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void build_sameSeed_identicalStateAndDifferentSeedDiffers(long seed) {
        ArchitectureSpec spec = randomSpec(new SplittableRandom(seed), false);
        Model a = Model.build(spec, seed);
        Model b = Model.build(spec, seed);
        Model c = Model.build(spec, seed + 1);
        boolean differs = false;
        for (String name : a.state().keySet()) {
            assertArrayEquals(a.state().get(name).data(), b.state().get(name).data(), name);
            differs |= !java.util.Arrays.equals(a.state().get(name).data(), c.state().get(name).data());
        }
        assertTrue(differs);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void build_nb201Cells_paramsMatchAnalysisAndPredictFinite(long seed) {
        Nb201Cell cell = Nb201Cell.fromIndex(new SplittableRandom(seed).nextInt(Nb201Cell.SIZE));
        ArchitectureSpec spec = Nb201Network.architecture(cell, 4, 1, 1, 8, 8, 10);
        Model m = Model.build(spec, seed);
        assertEquals(m.analysis().parameters(), m.params().stream().mapToLong(Param::size).sum(), cell.toString());
        Tensor y = m.predict(Tensor.uniform(new SplittableRandom(seed), -1, 1, 3, 1, 8, 8));
        assertArrayEquals(new int[] {3, 10}, y.shape());
        for (float v : y.data()) {
            assertTrue(Float.isFinite(v), cell.toString());
        }
    }

    @Test
    void train_nb201NetworkOnCifarShapedBatch_oneStepChangesWeightsAndLossStaysFinite() {
        Nb201Cell cell = Nb201Cell.parse(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
        // The benchmark's skeleton on 3x32x32 input, narrowed (C=4, one cell per stage) to keep the test fast.
        Model m = Model.build(Nb201Network.architecture(cell, 4, 1, 3, 32, 32, 10), 11);
        SplittableRandom rng = new SplittableRandom(5);
        Var x = Var.constant(Tensor.uniform(rng, -1, 1, 4, 3, 32, 32));
        int[] labels = rng.ints(4, 0, 10).toArray();
        List<float[]> before = new ArrayList<>();
        m.params().forEach(p -> before.add(p.value().data().clone()));
        Graph g = new Graph();
        Var loss = g.crossEntropy(m.forward(g, x, true), labels);
        float l0 = loss.value().item();
        g.backward(loss);
        new dev.jnas.nn.optim.Sgd(0.05).step(m.params());
        g.reset();
        assertTrue(Float.isFinite(l0), "loss " + l0);
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!java.util.Arrays.equals(before.get(i), m.params().get(i).value().data())) {
                changed++;
            }
        }
        assertEquals(m.params().size(), changed, "every parameter tensor should move after one SGD step");
    }

    @Test
    void cell_allZeroOutputNode_givesZerosAndZeroNodeFeedsLaterEdge() {
        // Node 1 is all zeros; node 2 = conv(node 1) = bias only; output node 3 = zero edge only -> zeros.
        CellSpec zeroOut = new CellSpec(4, List.of(new CellSpec.Edge(0, 1, new ZeroSpec()),
                new CellSpec.Edge(1, 2, Conv2dSpec.same(2, 3)), new CellSpec.Edge(2, 3, new ZeroSpec())));
        ArchitectureSpec spec = new ArchitectureSpec(2, 4, 4, SequentialSpec.of(zeroOut, new GlobalAvgPoolSpec()));
        Model m = Model.build(spec, 1);
        Tensor y = m.predict(Tensor.uniform(new SplittableRandom(1), -1, 1, 2, 2, 4, 4));
        assertArrayEquals(new float[4], y.data());
        CellSpec biasOut = new CellSpec(3, List.of(new CellSpec.Edge(0, 1, new ZeroSpec()),
                new CellSpec.Edge(1, 2, Conv2dSpec.same(2, 3))));
        Model b = Model.build(new ArchitectureSpec(2, 4, 4, SequentialSpec.of(biasOut, new GlobalAvgPoolSpec())), 1);
        b.state().get("body/0/cell/edge1-2/conv2d/bias").data()[1] = 0.5f;
        Tensor yb = b.predict(Tensor.uniform(new SplittableRandom(2), -1, 1, 1, 2, 4, 4));
        assertArrayEquals(new float[] {0f, 0.5f}, yb.data(), 1e-6f);
    }

    @Test
    void init_heBeforeRelu_glorotForLogits() {
        ArchitectureSpec spec = Architectures.mlp(1, 1, 1, 10, 0 + 400);
        spec = new ArchitectureSpec(400, 1, 1, SequentialSpec.of(new DenseSpec(400), new ActivationSpec(Activation.RELU),
                new DenseSpec(400)));
        Model m = Model.build(spec, 9);
        double heVar = variance(m.state().get("body/0/dense/weight").data());
        double glorotVar = variance(m.state().get("body/2/dense/weight").data());
        assertEquals(2.0 / 400, heVar, 0.1 * 2.0 / 400);
        assertEquals(2.0 / 800, glorotVar, 0.1 * 2.0 / 800); // uniform(±sqrt(6/800)) has variance 2/800
    }

    private static double variance(float[] v) {
        double s = 0;
        double s2 = 0;
        for (float f : v) {
            s += f;
            s2 += (double) f * f;
        }
        double mean = s / v.length;
        return s2 / v.length - mean * mean;
    }

    @Test
    void batchNorm_trainingUpdatesRunningStats_evalDoesNot() {
        ArchitectureSpec spec = new ArchitectureSpec(2, 3, 3, SequentialSpec.of(new BatchNormSpec(),
                new GlobalAvgPoolSpec()));
        Model m = Model.build(spec, 1);
        assertTrue(m.state().containsKey("body/0/batchnorm/running_mean"));
        Tensor rm = m.state().get("body/0/batchnorm/running_mean");
        Tensor x = Tensor.uniform(new SplittableRandom(2), 3, 5, 4, 2, 3, 3);
        m.predict(x);
        assertArrayEquals(new float[] {0f, 0f}, rm.data());
        Graph g = new Graph();
        m.forward(g, Var.constant(x), true);
        assertTrue(rm.data()[0] > 0.25f, "running mean moved towards the batch mean ~4");
    }

    @Test
    void dropout_trainingMasksDependOnStepButEvalIsIdentity() {
        ArchitectureSpec spec = new ArchitectureSpec(8, 1, 1, SequentialSpec.of(new DropoutSpec(0.5), new DenseSpec(8)));
        Model m = Model.build(spec, 4);
        Tensor x = Tensor.uniform(new SplittableRandom(3), 1, 2, 16, 8);
        Graph g = new Graph();
        float[] a = m.forward(g, Var.constant(x), true).value().data().clone();
        float[] b = m.forward(g, Var.constant(x), true).value().data().clone();
        assertFalse(java.util.Arrays.equals(a, b), "step-dependent masks");
        float[] e1 = m.forward(g, Var.constant(x), false).value().data().clone();
        assertArrayEquals(e1, m.predict(x).data());
        Model m2 = Model.build(spec, 4);
        assertArrayEquals(a, m2.forward(new Graph(), Var.constant(x), true).value().data(), "seeded");
    }

    @Test
    void build_invalidSpecs_rejectedBeforeAllocation() {
        ArchitectureSpec tooSmall = new ArchitectureSpec(1, 2, 2, SequentialSpec.of(MaxPool2dSpec.of(3), new DenseSpec(2)));
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> Model.build(tooSmall, 1));
        assertTrue(e.getMessage().contains("body/0/maxpool2d"), e.getMessage());
        ArchitectureSpec notFlat = new ArchitectureSpec(1, 4, 4, SequentialSpec.of(Conv2dSpec.same(2, 3)));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Model.build(notFlat, 1));
        assertTrue(e2.getMessage().contains("[2, 4, 4]"), e2.getMessage());
    }

    @Test
    void forward_wrongInputShape_throwsNamingShapes() {
        Model m = Model.build(Architectures.digitsCnn(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(Tensor.zeros(2, 1, 7, 8)));
        assertTrue(e.getMessage().contains("[2, 1, 7, 8]") && e.getMessage().contains("[N, 1, 8, 8]"), e.getMessage());
    }

    @Test
    void loadState_wrongShapeOrName_throwsNamingTensor() {
        Model m = Model.build(Architectures.digitsCnn(), 1);
        var copy = new java.util.LinkedHashMap<>(m.state());
        copy.put("body/0/conv2d/bias", Tensor.zeros(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadState(copy));
        assertTrue(e.getMessage().contains("body/0/conv2d/bias"), e.getMessage());
        copy.put("body/0/conv2d/bias", Tensor.zeros(16));
        copy.put("bogus", Tensor.zeros(1));
        e = assertThrows(IllegalArgumentException.class, () -> m.loadState(copy));
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    }

    @Test
    void summary_listsLayersAndTotals() {
        String s = Model.build(Architectures.lenet5(), 1).summary();
        assertTrue(s.contains("conv2d") && (s.contains("61,706") || s.contains("61706")), s);
    }
}
