package dev.jnas.engine.nn;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.tensor.Parallel;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialRequest.TrainingSettings;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.nn.data.Split;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.ArchitectureJson;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.search.DecodeResult;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.SearchSpaces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real evaluator on the embedded digits with small demo-space architectures (a few seconds in all). */
class TrainingEvaluatorTest {
    static final DataCache DATA = new DataCache();

    /** A request for a demo-space genome drawn from {@code seed}. */
    static TrialRequest request(long seed, String optimizer, double lr, int epochs) {
        SearchSpace space = SearchSpaces.demo(1, 8, 8, 10);
        DecodeResult d = space.decode(space.sample(new SplittableRandom(seed)));
        return new TrialRequest(0, "k" + seed, Map.of(), ArchitectureJson.toJson(d.spec()), d.parameters(), d.flops(),
                new TrialRequest.TrainingSettings(optimizer, lr, 0, 64, 0), seed, epochs,
                new TrialRequest.DatasetRef("digits", null, 0.1));
    }

    static final class Ctx implements TrialContext {
        final List<Map<String, Double>> epochs = new ArrayList<>();
        final int cancelAfterPolls;
        final AtomicInteger polls = new AtomicInteger();
        final int threads;
        final boolean exclusive;

        Ctx(int cancelAfterPolls) {
            this(cancelAfterPolls, 1, false);
        }

        Ctx(int cancelAfterPolls, int threads, boolean exclusive) {
            this.cancelAfterPolls = cancelAfterPolls;
            this.threads = threads;
            this.exclusive = exclusive;
        }

        @Override
        public boolean exclusive() {
            return exclusive;
        }

        @Override
        public boolean isCancelled() {
            return cancelAfterPolls >= 0 && polls.incrementAndGet() > cancelAfterPolls;
        }

        @Override
        public int kernelThreads() {
            return threads;
        }

        @Override
        public void epochDone(int epoch, Map<String, Double> metrics) {
            epochs.add(metrics);
        }
    }

    @Test
    void evaluate_demoArchitecture_succeedsWithValidationMetricsAndEpochHistory() {
        Ctx ctx = new Ctx(-1);
        TrialRequest req = request(1, "adam", 0.01, 2);
        TrialResult r = new TrainingEvaluator(DATA, 1).evaluate(req, ctx);
        assertEquals(TrialStatus.SUCCEEDED, r.status(), r.reason());
        for (String m : List.of("val_accuracy", "val_macro_f1", "val_loss", "train_loss", "params", "flops")) {
            assertTrue(r.metrics().containsKey(m), m + " missing: " + r.metrics());
        }
        double acc = r.metrics().get("val_accuracy");
        assertTrue(acc > 0.3 && acc <= 1, "two epochs on digits should beat chance clearly: " + acc);
        assertEquals(2, ctx.epochs.size());
        assertEquals(2, r.history().size());
        assertEquals(ctx.epochs.get(1).get("val_accuracy"), acc);
        assertEquals((double) req.parameters(), r.metrics().get("params"));
    }

    @Test
    void evaluate_sameRequestTwice_identicalMetrics() {
        TrialRequest req = request(2, "adam", 0.01, 1);
        TrainingEvaluator ev = new TrainingEvaluator(DATA, 1);
        assertEquals(ev.evaluate(req, new Ctx(-1)).metrics(), ev.evaluate(req, new Ctx(-1)).metrics());
    }

    @Test
    void evaluateFinal_exclusiveAfterTwoWorkersOfOneThread_usesBothThreadsPoolKeepsItsSize() {
        int before = Parallel.threads();
        try {
            TrainingEvaluator ev = new TrainingEvaluator(DATA, 2);
            ev.evaluate(request(5, "adam", 0.01, 1), new Ctx(-1));
            Parallel.clearCurrentThreadLimit();
            assertEquals(2, Parallel.threads(), "search: 2 workers x 1 kernel thread");
            TrialResult r = ev.evaluateFinal(request(5, "adam", 0.01, 1), false, new Ctx(-1, 2, true));
            assertEquals(TrialStatus.SUCCEEDED, r.status(), r.reason());
            assertEquals(2, Parallel.threads(), "the final trial may use both threads");
            Parallel.clearCurrentThreadLimit();
            assertEquals(2, Parallel.threads(), "the pool keeps its size (a non-exclusive 2-thread trial would make it 4)");
        } finally {
            Parallel.clearCurrentThreadLimit();
            Parallel.setThreads(before);
        }
    }

    @Test
    void evaluate_cancelledAfterThreeSteps_failsAsCancelled() {
        TrialResult r = new TrainingEvaluator(DATA, 1).evaluate(request(3, "adam", 0.01, 5), new Ctx(3));
        assertEquals(TrialStatus.FAILED, r.status());
        assertTrue(r.reason().startsWith("cancelled"), r.reason());
    }

    @Test
    void evaluate_absurdLearningRate_failsAsDiverged() {
        TrialResult r = new TrainingEvaluator(DATA, 1).evaluate(request(4, "sgd", 1e30, 2), new Ctx(-1));
        assertEquals(TrialStatus.FAILED, r.status());
        assertTrue(r.reason().startsWith("diverged"), r.reason());
    }

    @Test
    void evaluateFinal_withAndWithoutRetrain_testMetricsAndKeptModel() {
        TrainingEvaluator ev = new TrainingEvaluator(DATA, 1);
        assertNull(ev.lastFinalModel());
        TrialRequest req = request(1, "adam", 0.01, 2);
        TrialResult plain = ev.evaluateFinal(req, false, new Ctx(-1));
        assertEquals(TrialStatus.SUCCEEDED, plain.status(), plain.reason());
        assertTrue(plain.metrics().get("test_accuracy") > 0.3, plain.metrics().toString());
        assertTrue(plain.metrics().containsKey("test_macro_f1") && plain.metrics().containsKey("test_loss"));
        assertNotNull(ev.lastFinalModel());
        assertEquals(req.key(), ev.lastFinalModel().key());
        TrialResult retrained = ev.evaluateFinal(req, true, new Ctx(-1));
        assertEquals(TrialStatus.SUCCEEDED, retrained.status());
        assertTrue(!plain.metrics().equals(retrained.metrics()), "train+validation is more data, another model");
    }

    @Test
    void evaluate_augmentShift_changesTrainingButStaysReproducible() {
        TrialRequest plain = request(5, "adam", 0.01, 2);
        TrainingSettings t = plain.training();
        TrialRequest shifted = new TrialRequest(plain.trial(), plain.key(), plain.genome(), plain.architectureJson(),
                plain.parameters(), plain.flops(), new TrainingSettings(t.optimizer(), t.learningRate(), t.weightDecay(),
                t.batchSize(), 0, 1, false), plain.seed(), plain.epochs(), plain.dataset());
        TrainingEvaluator ev = new TrainingEvaluator(DATA, 1);
        TrialResult a = ev.evaluate(shifted, new Ctx(-1));
        assertEquals(TrialStatus.SUCCEEDED, a.status(), a.reason());
        assertEquals(a.metrics(), ev.evaluate(shifted, new Ctx(-1)).metrics());
        assertNotEquals(ev.evaluate(plain, new Ctx(-1)).metrics().get("train_loss"), a.metrics().get("train_loss"));
    }

    @Test
    void crossValidate_threeFolds_meanOfFoldScoresOnDisjointFolds() {
        TrainingEvaluator ev = new TrainingEvaluator(DATA, 1);
        TrialRequest req = request(6, "adam", 0.01, 2);
        TrialResult r = ev.crossValidate(req, 3, new Ctx(-1));
        assertEquals(TrialStatus.SUCCEEDED, r.status(), r.reason());
        assertEquals(3, r.history().size());
        double mean = r.history().stream().mapToDouble(m -> m.get("val_accuracy")).average().orElseThrow();
        assertEquals(mean, r.metrics().get("cv_accuracy"), 1e-12);
        assertTrue(mean > 0.3, "two epochs on digits should beat chance clearly: " + mean);
        assertTrue(r.metrics().get("cv_accuracy_sd") >= 0);
        TrialData d = DATA.get(req.dataset());
        int held = d.folds(3).stream().mapToInt(f -> f.validation().size()).sum();
        assertEquals(d.train().size(), held, "every training sample is held out exactly once");
        assertEquals(r.metrics(), ev.crossValidate(req, 3, new Ctx(-1)).metrics());
    }

    @Test
    void crossValidate_cancelled_failsAsCancelled() {
        TrialResult r = new TrainingEvaluator(DATA, 1).crossValidate(request(7, "adam", 0.01, 3), 3, new Ctx(2));
        assertEquals(TrialStatus.FAILED, r.status());
        assertTrue(r.reason().startsWith("cancelled"), r.reason());
    }

    @Test
    void trialData_validationSplit_sharedAndDisjointFromTrainPart() {
        TrialData d = DATA.get("digits", null);
        Split a = d.trainValidation(0.1);
        assertTrue(a == d.trainValidation(0.1), "cached per fraction");
        assertEquals(d.train().size(), a.train().size() + a.validation().size());
        assertEquals(451, d.test().size());
        ArchitectureSpec s = ArchitectureJson.fromJson(request(6, "adam", 0.01, 1).architectureJson());
        assertEquals(1, ArchitectureAnalysis.analyze(s).outputShape().length);
    }

    @Test
    void recipes_optimizerNames_mapToNnOptimizers() {
        var t = new TrialRequest.TrainingSettings("momentum", 0.05, 1e-4, 32, 0);
        var c = Recipes.optimizer(t, 100);
        assertEquals("sgd", c.name());
        assertEquals(0.9, c.momentum());
        assertEquals(0.05, c.lr());
        assertEquals(0.05, c.learningRateAt(0), 1e-12);
        assertEquals(0.05 * Recipes.COSINE_FLOOR, c.learningRateAt(100), 1e-12);
        assertEquals(0, Recipes.optimizer(new TrialRequest.TrainingSettings("sgd", 0.1, 0, 32, 0), 10).momentum());
        assertEquals(22, Recipes.steps(1346, 64, 1));
        assertEquals(43, Recipes.steps(1346, 32, 1));
        assertEquals(2 * 21, Recipes.steps(1345, 64, 2));
    }
}
