package dev.jnas.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.tensor.SeededCases;
import dev.jnas.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Learning-rate schedules at known points, gradient clipping, and config parsing. */
class ScheduleClipConfigTest {
    private static final double TOL = 1e-12;

    @Test
    void stepDecay_knownPoints_multiplyByGammaEveryPeriod() {
        LrSchedule s = new LrSchedule.StepDecay(10, 0.5);
        assertEquals(0.2, s.lr(0, 0.2), TOL);
        assertEquals(0.2, s.lr(9, 0.2), TOL);
        assertEquals(0.1, s.lr(10, 0.2), TOL);
        assertEquals(0.05, s.lr(25, 0.2), TOL);
        assertEquals(0.3, LrSchedule.constant().lr(1000, 0.3), TOL);
    }

    @Test
    void cosine_knownPoints_warmUpThenHalfAtMidpointThenMin() {
        LrSchedule s = new LrSchedule.Cosine(5, 105, 0);
        assertEquals(0.2, s.lr(0, 1.0), TOL);
        assertEquals(0.6, s.lr(2, 1.0), TOL);
        assertEquals(1.0, s.lr(4, 1.0), TOL);
        assertEquals(1.0, s.lr(5, 1.0), TOL);
        assertEquals(0.5, s.lr(55, 1.0), TOL);
        assertEquals(0.0, s.lr(105, 1.0), TOL);
        assertEquals(0.0, s.lr(500, 1.0), TOL);
        LrSchedule floor = new LrSchedule.Cosine(0, 100, 0.1);
        assertEquals(2.0, floor.lr(0, 2.0), TOL);
        assertEquals(2.0 * 0.55, floor.lr(50, 2.0), TOL);
        assertEquals(0.2, floor.lr(100, 2.0), TOL);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void cosine_afterWarmUp_isNonIncreasingAndWithinBounds(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int warmup = rng.nextInt(20);
        int total = warmup + 1 + rng.nextInt(200);
        double min = rng.nextDouble();
        LrSchedule s = new LrSchedule.Cosine(warmup, total, min);
        double prev = Double.POSITIVE_INFINITY;
        for (int t = warmup; t < total + 10; t++) {
            double lr = s.lr(t, 0.5);
            assertTrue(lr <= prev + 1e-15 && lr >= min * 0.5 - 1e-15 && lr <= 0.5 + 1e-15, "step " + t + ": " + lr);
            prev = lr;
        }
    }

    @Test
    void schedules_invalidArguments_throw() {
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule.StepDecay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule.Cosine(10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant().lr(-1, 0.1));
    }

    @Test
    void scheduleParse_knownForms_buildRecords() {
        assertEquals(new LrSchedule.Constant(), LrSchedule.parse("constant"));
        assertEquals(new LrSchedule.StepDecay(30, 0.1), LrSchedule.parse("Step:30:0.1"));
        assertEquals(new LrSchedule.Cosine(5, 100, 0), LrSchedule.parse("cosine:5:100"));
        assertEquals(new LrSchedule.Cosine(5, 100, 0.01), LrSchedule.parse("cosine:5:100:0.01"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("linear"));
        assertTrue(e.getMessage().contains("'linear'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step:x:0.1"));
    }

    private static List<Param> grads(float[]... gs) {
        List<Param> ps = new ArrayList<>();
        for (int i = 0; i < gs.length; i++) {
            ps.add(new Param("p" + i, Tensor.zeros(gs[i].length), Tensor.of(gs[i], gs[i].length)));
        }
        return ps;
    }

    @Test
    void clipByNorm_threeFourFive_scalesToMaxAndReportsNorm() {
        List<Param> ps = grads(new float[] {3f}, new float[] {4f});
        assertEquals(5.0, GradClip.byNorm(1).apply(ps), 1e-12);
        assertEquals(0.6f, ps.get(0).grad().data()[0], 1e-6f);
        assertEquals(0.8f, ps.get(1).grad().data()[0], 1e-6f);
        List<Param> small = grads(new float[] {3f}, new float[] {4f});
        GradClip.byNorm(10).apply(small);
        assertEquals(3f, small.get(0).grad().data()[0]);
    }

    @Test
    void clipByValue_clampsEachElement() {
        List<Param> ps = grads(new float[] {3f, -5f, 0.5f});
        GradClip.byValue(2).apply(ps);
        assertArrayEquals(new float[] {2f, -2f, 0.5f}, ps.get(0).grad().data());
        List<Param> none = grads(new float[] {3f, -5f});
        GradClip.none().apply(none);
        assertArrayEquals(new float[] {3f, -5f}, none.get(0).grad().data());
    }

    @Test
    void clipByNorm_nanGrad_leavesGradsAndReportsNaN() {
        List<Param> ps = grads(new float[] {Float.NaN, 1f});
        assertTrue(Double.isNaN(GradClip.byNorm(1).apply(ps)));
        assertEquals(1f, ps.get(0).grad().data()[1]);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void clipByNorm_randomGrads_normAtMostMaxAndDirectionKept(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = SeededCases.randomArray(rng, SeededCases.tailSize(rng));
        float[] b = SeededCases.randomArray(rng, SeededCases.tailSize(rng));
        List<Param> ps = grads(a.clone(), b.clone());
        double max = 0.05 + rng.nextDouble() * 3;
        double before = GradClip.byNorm(max).apply(ps);
        double after = GradClip.globalNorm(ps);
        assertEquals(Math.min(before, max), after, 1e-5 * Math.max(1, before));
        double scale = before > max ? max / before : 1;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] * scale, ps.get(0).grad().data()[i], 1e-6);
        }
    }

    @Test
    void clipParse_knownForms_andErrors() {
        assertEquals(GradClip.byNorm(5), GradClip.parse("norm:5"));
        assertEquals(GradClip.byValue(0.5), GradClip.parse("VALUE:0.5"));
        assertEquals(GradClip.none(), GradClip.parse("none"));
        assertThrows(IllegalArgumentException.class, () -> GradClip.parse("norm"));
        assertThrows(IllegalArgumentException.class, () -> GradClip.byNorm(0));
    }

    @Test
    void configDefaults_knownNames_buildMatchingOptimizers() {
        Sgd sgd = assertInstanceOf(Sgd.class, OptimizerConfig.defaults("sgd").build());
        assertEquals(0.9, sgd.momentum(), 1e-6);
        assertEquals(0.1, sgd.learningRate(), TOL);
        Adam adam = assertInstanceOf(Adam.class, OptimizerConfig.defaults(" Adam ").build());
        assertEquals(1e-3, adam.learningRate(), TOL);
        AdamW adamw = assertInstanceOf(AdamW.class, OptimizerConfig.defaults("ADAMW").withWeightDecay(0.05).build());
        assertEquals(0.05, adamw.weightDecay(), TOL);
        assertEquals("adamw", OptimizerConfig.defaults("ADAMW").name());
    }

    @Test
    void config_unknownName_throwsListingKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerConfig.defaults("rmsprop"));
        assertTrue(e.getMessage().contains("'rmsprop'") && e.getMessage().contains("adamw"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.defaults(null));
    }

    @Test
    void config_invalidHyperParameters_failAtConstruction() {
        OptimizerConfig sgd = OptimizerConfig.defaults("sgd");
        assertThrows(IllegalArgumentException.class, () -> sgd.withLr(-0.1));
        assertThrows(IllegalArgumentException.class, () -> sgd.withMomentum(0, true));
        assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.defaults("adam").withBetas(0.9, 1.5));
    }

    @Test
    void config_scheduleAndClip_areCarriedAndApplied() {
        OptimizerConfig cfg = OptimizerConfig.defaults("sgd").withLr(0.4)
                .withSchedule(new LrSchedule.StepDecay(2, 0.5)).withClip(GradClip.byNorm(1));
        assertEquals(0.4, cfg.learningRateAt(1), TOL);
        assertEquals(0.2, cfg.learningRateAt(2), TOL);
        assertEquals(GradClip.byNorm(1), cfg.clip());
        OptimizerConfig bare = new OptimizerConfig("sgd", 0.1, 0, false, 0.9, 0.999, 1e-8, 0, null, null);
        assertEquals(new LrSchedule.Constant(), bare.schedule());
        assertEquals(GradClip.none(), bare.clip());
    }
}
