package dev.jnas.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.tensor.SeededCases;
import dev.jnas.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Single-step values against hand-computed formulas, state handling and misuse errors. */
class OptimizerStepTest {
    private static final double TOL = 1e-6;

    private static Param scalarParam(float x) {
        return Param.of("w", Tensor.of(new float[] {x}, 1));
    }

    private static float stepWith(Optimizer opt, Param p, float grad) {
        p.grad().data()[0] = grad;
        opt.step(List.of(p));
        return p.value().data()[0];
    }

    @Test
    void sgdPlain_oneStep_movesAgainstGradient() {
        Param p = scalarParam(1f);
        assertEquals(1 - 0.1 * 0.5, stepWith(new Sgd(0.1), p, 0.5f), TOL);
    }

    @Test
    void sgdMomentum_twoSteps_matchVelocityFormula() {
        Optimizer opt = new Sgd(0.1, 0.9, false, 0);
        Param p = scalarParam(1f);
        // b1 = g = 0.5; x1 = 1 - 0.1 * 0.5
        assertEquals(1 - 0.1 * 0.5, stepWith(opt, p, 0.5f), TOL);
        // b2 = 0.9 * 0.5 + 0.25 = 0.7; x2 = 0.95 - 0.1 * 0.7
        assertEquals(0.95 - 0.1 * 0.7, stepWith(opt, p, 0.25f), TOL);
    }

    @Test
    void sgdNesterov_twoSteps_matchLookAheadFormula() {
        Optimizer opt = new Sgd(0.1, 0.9, true, 0);
        Param p = scalarParam(1f);
        // b1 = 0.5; update = g + mu b1 = 0.5 + 0.45
        assertEquals(1 - 0.1 * (0.5 + 0.9 * 0.5), stepWith(opt, p, 0.5f), TOL);
        // b2 = 0.9 * 0.5 + 0.25 = 0.7; update = 0.25 + 0.9 * 0.7
        assertEquals(0.905 - 0.1 * (0.25 + 0.9 * 0.7), stepWith(opt, p, 0.25f), TOL);
    }

    @Test
    void sgdWeightDecay_oneStep_addsDecayToGradient() {
        Param p = scalarParam(2f);
        // g' = 0.5 + 0.1 * 2 = 0.7
        assertEquals(2 - 0.1 * 0.7, stepWith(new Sgd(0.1, 0, false, 0.1), p, 0.5f), TOL);
        assertEquals(0.5f, p.grad().data()[0], "grad must be read only");
    }

    @Test
    void adam_twoSteps_matchBiasCorrectedFormula() {
        Optimizer opt = new Adam(0.1, 0.9, 0.999, 1e-8, 0);
        Param p = scalarParam(2f);
        // t = 1: mhat = g, vhat = g^2, so the step is lr * g / (|g| + eps).
        assertEquals(2 - 0.1 * 0.5 / (0.5 + 1e-8), stepWith(opt, p, 0.5f), TOL);
        double m = 0.9 * (0.1 * 0.5) + 0.1 * -0.25;
        double v = 0.999 * (0.001 * 0.25) + 0.001 * 0.0625;
        double mhat = m / (1 - 0.9 * 0.9);
        double vhat = v / (1 - 0.999 * 0.999);
        double expected = 2 - 0.1 * 0.5 / (0.5 + 1e-8) - 0.1 * mhat / (Math.sqrt(vhat) + 1e-8);
        assertEquals(expected, stepWith(opt, p, -0.25f), TOL);
    }

    @Test
    void adamVersusAdamW_sameStep_decayCoupledVersusDecoupled() {
        // x = 2, g = -0.1, lr = 0.1, wd = 0.1.
        // Adam (L2): g' = -0.1 + 0.2 = 0.1 > 0, so x moves down by about lr: 1.9.
        Param a = scalarParam(2f);
        assertEquals(2 - 0.1 * 0.1 / (0.1 + 1e-8), stepWith(new Adam(0.1, 0.9, 0.999, 1e-8, 0.1), a, -0.1f), TOL);
        // AdamW: x = 2 * (1 - 0.01) = 1.98, then the plain Adam step on g = -0.1 moves it up by lr: 2.08.
        Param w = scalarParam(2f);
        assertEquals(2 * (1 - 0.1 * 0.1) + 0.1 * 0.1 / (0.1 + 1e-8),
                stepWith(new AdamW(0.1, 0.9, 0.999, 1e-8, 0.1), w, -0.1f), TOL);
    }

    @Test
    void adamW_zeroGradient_onlyShrinks() {
        Param p = scalarParam(3f);
        Optimizer opt = new AdamW(0.01, 0.9, 0.999, 1e-8, 0.5);
        assertEquals(3 * (1 - 0.01 * 0.5), stepWith(opt, p, 0f), TOL);
        assertEquals(3 * (1 - 0.01 * 0.5) * (1 - 0.01 * 0.5), stepWith(opt, p, 0f), TOL);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void snapshotRestore_resumedRun_matchesUninterruptedRunBitForBit(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String name = OptimizerConfig.NAMES.get(rng.nextInt(3));
        OptimizerConfig cfg = OptimizerConfig.defaults(name).withWeightDecay(0.01);
        int n = SeededCases.tailSize(rng);
        float[][] grads = new float[10][];
        for (int s = 0; s < 10; s++) {
            grads[s] = SeededCases.randomArray(rng, n);
        }
        Param p = Param.of("w", Tensor.of(SeededCases.randomArray(rng, n), n));
        Optimizer first = cfg.build();
        for (int s = 0; s < 5; s++) {
            System.arraycopy(grads[s], 0, p.grad().data(), 0, n);
            first.step(List.of(p));
        }
        OptimizerState state = first.snapshot();
        Param resumed = new Param("w", p.value().copy(), p.grad().copy());
        Optimizer second = cfg.build();
        second.restore(state);
        assertEquals(5, second.stepCount());
        for (int s = 5; s < 10; s++) {
            System.arraycopy(grads[s], 0, p.grad().data(), 0, n);
            System.arraycopy(grads[s], 0, resumed.grad().data(), 0, n);
            first.step(List.of(p));
            second.step(List.of(resumed));
        }
        assertArrayEquals(p.value().data(), resumed.value().data(), name);
    }

    @Test
    void snapshot_laterSteps_doNotChangeIt() {
        Optimizer opt = new Adam(0.1);
        Param p = scalarParam(1f);
        stepWith(opt, p, 1f);
        OptimizerState state = opt.snapshot();
        float m = state.params().get("w").buffer(0)[0];
        stepWith(opt, p, 1f);
        assertEquals(m, state.params().get("w").buffer(0)[0]);
        assertEquals(1, state.steps());
    }

    @Test
    void restore_stateFromOtherOptimizer_throwsNamingBoth() {
        OptimizerState state = new Sgd(0.1, 0.9, false, 0).snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).restore(state));
        assertTrue(e.getMessage().contains("adam") && e.getMessage().contains("sgd"), e.getMessage());
    }

    @Test
    void step_duplicateNames_throws() {
        Param a = scalarParam(1f);
        Param b = scalarParam(2f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).step(List.of(a, b)));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void step_paramSizeChanged_throws() {
        Optimizer opt = new Sgd(0.1);
        opt.step(List.of(scalarParam(1f)));
        Param bigger = Param.of("w", Tensor.zeros(3));
        assertThrows(IllegalArgumentException.class, () -> opt.step(List.of(bigger)));
    }

    @Test
    void zeroGrad_afterStep_clearsAllGrads() {
        Param a = Param.of("a", Tensor.zeros(4).fill(1f));
        Param b = Param.of("b", Tensor.zeros(2, 3));
        a.grad().fill(2f);
        b.grad().fill(-3f);
        Optimizer opt = new Sgd(0.1);
        opt.step(List.of(a, b));
        opt.zeroGrad(List.of(a, b));
        assertArrayEquals(new float[4], a.grad().data());
        assertArrayEquals(new float[6], b.grad().data());
        assertArrayEquals(new float[] {0.8f, 0.8f, 0.8f, 0.8f}, a.value().data(), 1e-6f);
    }

    @Test
    void setLearningRate_invalid_throws() {
        Optimizer opt = new Sgd(0.1);
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 0, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8, 0));
        opt.setLearningRate(0.25);
        assertEquals(0.25, opt.learningRate());
    }

    @Test
    void param_mismatchedGradSize_throws() {
        assertThrows(IllegalArgumentException.class, () -> new Param("w", Tensor.zeros(3), Tensor.zeros(4)));
    }

    @Test
    void steadyStateStep_allocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        List<Param> params = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            params.add(Param.of("p" + i, Tensor.zeros(257).fill(0.5f)));
            params.get(i).grad().fill(0.01f);
        }
        for (String name : OptimizerConfig.NAMES) {
            Optimizer opt = OptimizerConfig.defaults(name).withMomentum(0.9, true).build();
            opt.step(params);
            long tid = Thread.currentThread().getId();
            sun.getThreadAllocatedBytes(tid);
            long before = sun.getThreadAllocatedBytes(tid);
            for (int s = 0; s < 200; s++) {
                opt.step(params);
            }
            long allocated = sun.getThreadAllocatedBytes(tid) - before;
            // 200 steps of 8 params; any per-step state allocation would be >= 200 * 8 * 1 KiB.
            assertTrue(allocated < 64 * 1024, name + " allocated " + allocated + " bytes in 200 steps");
        }
    }
}
