package dev.jnas.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.nn.data.Dataset;
import dev.jnas.nn.data.Datasets;
import dev.jnas.nn.data.Split;
import dev.jnas.nn.data.Splits;
import dev.jnas.nn.metrics.EvaluationResult;
import dev.jnas.nn.model.LoadedModel;
import dev.jnas.nn.model.Model;
import dev.jnas.nn.model.ModelFile;
import dev.jnas.nn.optim.OptimizerConfig;
import dev.jnas.nn.spec.Architectures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short end-to-end runs on the embedded digits: learning, save/load identity, divergence, early
 * stopping, determinism, cancellation and buffer reuse. Each run takes well under a second.
 */
class TrainerTest {
    private static Dataset train;
    private static Dataset validation;
    private static Dataset test;

    @BeforeAll
    static void data() {
        Split s = Datasets.digitsSplit();
        Split tv = Splits.trainValidation(s.train(), 0.2, 7);
        train = tv.train();
        validation = tv.validation();
        test = s.test();
    }

    private static TrainingConfig adam(int epochs, long seed) {
        return TrainingConfig.of(epochs, 32, OptimizerConfig.defaults("adam").withLr(3e-3), seed);
    }

    @Test
    void train_digitsMlpFewEpochs_beatsChanceByWideMarginAndSavesIdentically(@TempDir Path dir) throws Exception {
        Model m = Model.build(Architectures.mlp(1, 8, 8, 10, 64), 1);
        TrainingResult r = Trainer.train(m, train, validation, adam(4, 1));
        assertEquals(TrainingStatus.COMPLETED, r.status());
        assertEquals(4, r.history().size());
        assertTrue(r.history().get(3).trainLoss() < r.history().get(0).trainLoss());
        EvaluationResult ev = Trainer.evaluate(m, test);
        assertTrue(ev.accuracy() > 0.8, "test accuracy " + ev.accuracy());
        assertTrue(r.bestEpoch() >= 0 && r.finalValidation() != null && r.imagesPerSecond() > 0);
        assertEquals(r.steps(), r.history().get(3).steps());
        Path f = dir.resolve("mlp.jnm");
        ModelFile.save(f, m, null, java.util.Map.of("accuracy", Double.toString(ev.accuracy())));
        LoadedModel back = ModelFile.load(f);
        assertArrayEquals(m.predict(test.features()).data(), back.model().predict(test.features()).data());
        assertEquals(ev.accuracy(), Trainer.evaluate(back.model(), test).accuracy());
    }

    @Test
    void train_digitsCnnTwoEpochs_learnsAndReusesBuffersAfterFirstEpoch() {
        Model m = Model.build(Architectures.digitsCnn(), 2);
        TrainingResult r = Trainer.train(m, train, validation, adam(2, 2));
        assertTrue(r.finalValidation().accuracy() > 0.6, "validation accuracy " + r.finalValidation().accuracy());
        assertEquals(r.history().get(0).bufferAllocations(), r.history().get(1).bufferAllocations(),
                "epoch 2 allocated new graph arrays");
    }

    @Test
    void train_hugeLearningRate_reportsDivergedNamingEpochAndStep() {
        Model m = Model.build(Architectures.mlp(1, 8, 8, 10, 64), 1);
        TrainingConfig cfg = TrainingConfig.of(3, 32, OptimizerConfig.defaults("sgd").withLr(1e12), 1);
        TrainingResult r = Trainer.train(m, train, validation, cfg);
        assertEquals(TrainingStatus.DIVERGED, r.status());
        assertTrue(r.message().contains("epoch 0") && r.message().contains("step"), r.message());
        assertTrue(r.steps() < 3L * 40, "stopped early: " + r.steps());
    }

    @Test
    void train_zeroLearningRate_earlyStopsAfterPatience() {
        Model m = Model.build(Architectures.mlp(1, 8, 8, 10, 16), 1);
        TrainingConfig cfg = TrainingConfig.of(10, 64, OptimizerConfig.defaults("sgd").withLr(0), 1)
                .withEarlyStopping(2, 0.0);
        TrainingResult r = Trainer.train(m, train, validation, cfg);
        assertEquals(TrainingStatus.EARLY_STOPPED, r.status());
        assertEquals(3, r.history().size(), "epoch 0 sets the best, 1 and 2 do not improve");
        assertEquals(0, r.bestEpoch());
    }

    @Test
    void train_sameSeedTwice_identicalHistoryAndWeights() {
        List<double[]> losses = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Model m = Model.build(Architectures.mlp(1, 8, 8, 10, 32), 11);
            TrainingResult r = Trainer.train(m, train, validation, adam(2, 5));
            losses.add(r.history().stream().mapToDouble(EpochRecord::trainLoss).toArray());
            models.add(m);
            losses.add(new double[] {r.finalValidation().loss()});
        }
        assertArrayEquals(losses.get(0), losses.get(2));
        assertArrayEquals(losses.get(1), losses.get(3));
        for (String name : models.get(0).state().keySet()) {
            assertArrayEquals(models.get(0).state().get(name).data(), models.get(1).state().get(name).data(), name);
        }
    }

    @Test
    void train_cancelFlagAndTimeBudget_stopWithStatus() {
        AtomicInteger polls = new AtomicInteger();
        TrainingConfig cfg = adam(5, 1).withCancel(() -> polls.incrementAndGet() >= 3);
        TrainingResult r = Trainer.train(Model.build(Architectures.mlp(1, 8, 8, 10, 16), 1), train, validation, cfg);
        assertEquals(TrainingStatus.CANCELLED, r.status());
        assertEquals(3, r.steps());
        TrainingConfig budget = adam(1000, 1).withMaxWallTime(Duration.ofMillis(1));
        TrainingResult b = Trainer.train(Model.build(Architectures.mlp(1, 8, 8, 10, 16), 1), train, validation, budget);
        assertEquals(TrainingStatus.BUDGET_EXHAUSTED, b.status());
        assertTrue(b.finalValidation() != null && b.history().size() == 1, "the cut epoch is validated and recorded");
    }

    @Test
    void train_badInputs_throwNamingProblem() {
        Model m = Model.build(Architectures.lenet5(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(m, train, validation, adam(1, 1)));
        assertTrue(e.getMessage().contains("[1, 8, 8]") && e.getMessage().contains("[1, 28, 28]"), e.getMessage());
        Model mlp = Model.build(Architectures.mlp(1, 8, 8, 10, 16), 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(mlp, train, validation, adam(1, 1).withObjective("bogus")));
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(mlp, train, null, adam(1, 1).withEarlyStopping(1, 0)));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
    }

    @Test
    void train_withoutValidation_noBestEpoch() {
        TrainingResult r = Trainer.train(Model.build(Architectures.mlp(1, 8, 8, 10, 16), 1), train, null, adam(1, 1));
        assertEquals(-1, r.bestEpoch());
        assertNull(r.finalValidation());
    }
}
