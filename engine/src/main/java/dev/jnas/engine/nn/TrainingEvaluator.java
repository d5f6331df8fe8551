package dev.jnas.engine.nn;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.nn.data.Dataset;
import dev.jnas.nn.data.Normalizer;
import dev.jnas.nn.data.Split;
import dev.jnas.nn.metrics.EvaluationResult;
import dev.jnas.nn.model.Model;
import dev.jnas.nn.spec.ArchitectureJson;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.train.Augmentation;
import dev.jnas.nn.train.EpochRecord;
import dev.jnas.nn.train.Trainer;
import dev.jnas.nn.train.TrainingConfig;
import dev.jnas.nn.train.TrainingResult;
import dev.jnas.nn.train.TrainingStatus;
import dev.jnas.tensor.Parallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The real {@link TrialEvaluator}: decodes the request's architecture JSON, builds the model with
 * weights from the trial seed, and trains it with the {@code nn} {@link Trainer} on the train part of
 * the data set's train/validation split, validating after every epoch. Metrics: {@code val_accuracy},
 * {@code val_macro_f1}, {@code val_loss} (of the final model), {@code train_loss}, {@code params},
 * {@code flops}, {@code epochs}. A NaN/Inf loss makes the trial FAILED ("diverged ..."); a cancelled
 * trial returns FAILED ("cancelled ...") promptly, since the trainer polls {@code ctx.isCancelled()}
 * after every step. The recipe (optimiser, cosine schedule, clipping) is {@link Recipes}; weights and
 * batch order come from two streams split off the trial seed, so a trial is reproducible.
 *
 * <p>Kernel threads: {@link Parallel} has one process-wide pool, so this evaluator sizes it once to
 * {@code ctx.kernelThreads() x concurrentTrials}: the pool is shared by every in-flight trial and its
 * size is the whole kernel-thread budget, and each worker thread caps its own kernels at
 * {@code ctx.kernelThreads()} ({@link Parallel#limitCurrentThread}), so trials with one kernel thread
 * run inline on their worker thread and never wait on another trial's kernel chunks; an
 * {@linkplain TrialContext#exclusive exclusive} trial (the final scoring) uses the whole pool. Since
 * every trial of an experiment gets the same {@code kernelThreads}, the size never changes mid-run (a
 * change would replace the pool under running trials).
 *
 * <p>Call order: construct with a {@link DataCache} (data sets are loaded once and shared by all
 * trials); {@link #evaluate} from any number of worker threads; {@link #evaluateFinal} once at the end;
 * {@link #lastFinalModel} then holds the model it scored (for export). {@link #trainAndTest} serves
 * {@code nas train}. Thread-safe.
 */
public final class TrainingEvaluator implements TrialEvaluator {
    private final DataCache data;
    private final int concurrentTrials;
    private volatile TrainedModel lastFinal;

    /** A trained model with the trial key it belongs to and the input standardisation it expects. */
    public record TrainedModel(String key, Model model, Normalizer normalizer) {
    }

    /**
     * An evaluator with its own data cache for one trial at a time: what a process-backend child JVM
     * creates ({@code ProcessWorkerPool} instantiates evaluators by their no-argument constructor).
     */
    public TrainingEvaluator() {
        this(new DataCache(), 1);
    }

    /** An evaluator for experiments running {@code concurrentTrials} trials at once. */
    public TrainingEvaluator(DataCache data, int concurrentTrials) {
        if (concurrentTrials < 1) {
            throw new IllegalArgumentException("training evaluator: concurrentTrials must be >= 1, got " + concurrentTrials);
        }
        this.data = data;
        this.concurrentTrials = concurrentTrials;
    }

    @Override
    public TrialResult evaluate(TrialRequest request, TrialContext ctx) {
        return validated(request, ctx, false).result();
    }

    /**
     * What {@code nas train} does with any architecture: {@link #evaluate} (train part, validation each
     * epoch) and then one score of that model on the test split; the result carries both the
     * {@code val_*} and the {@code test_*} metrics, and the trained model is returned with it.
     */
    public Standalone trainAndTest(TrialRequest request, TrialContext ctx) {
        return validated(request, ctx, true);
    }

    /** The outcome of {@link #trainAndTest}; {@code model} is null when training failed. */
    public record Standalone(TrialResult result, TrainedModel model) {
    }

    private Standalone validated(TrialRequest request, TrialContext ctx, boolean test) {
        long t0 = System.nanoTime();
        useThreads(ctx);
        TrialData d = data.get(request.dataset());
        Split tv = d.trainValidation(request.dataset().validationFraction());
        Trained t = train(request, tv.train(), tv.validation(), ctx);
        TrialResult failed = failure(request, t.result(), (System.nanoTime() - t0) / 1_000_000);
        if (failed != null) {
            return new Standalone(failed, null);
        }
        EvaluationResult v = t.result().finalValidation();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_accuracy", v.accuracy());
        m.put("val_macro_f1", v.macroF1());
        m.put("val_loss", v.loss());
        m.put("train_loss", lastTrainLoss(t.result()));
        m.put("params", (double) request.parameters());
        m.put("flops", (double) request.flops());
        m.put("epochs", (double) t.result().history().size());
        if (test) {
            m.putAll(testMetrics(t.model(), d));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Standalone(TrialResult.succeeded(m, t.history(), ms, request.parameters(), request.flops()),
                new TrainedModel(request.key(), t.model(), d.normalizer()));
    }

    private static Map<String, Double> testMetrics(Model model, TrialData d) {
        EvaluationResult r = Trainer.evaluate(model, d.test());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test_accuracy", r.accuracy());
        m.put("test_macro_f1", r.macroF1());
        m.put("test_loss", r.loss());
        return m;
    }

    /**
     * Trains the best trial again with its own seed and recipe, on the train part (the same model the
     * search scored) or, when {@code retrain}, on train + validation, and scores it once on the test
     * split: {@code test_accuracy}, {@code test_macro_f1}, {@code test_loss}.
     */
    @Override
    public TrialResult evaluateFinal(TrialRequest best, boolean retrain, TrialContext ctx) {
        long t0 = System.nanoTime();
        useThreads(ctx);
        TrialData d = data.get(best.dataset());
        Dataset trainOn = retrain ? d.train() : d.trainValidation(best.dataset().validationFraction()).train();
        Trained t = train(best, trainOn, null, ctx);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        TrialResult failed = failure(best, t.result(), ms);
        if (failed != null) {
            return failed;
        }
        lastFinal = new TrainedModel(best.key(), t.model(), d.normalizer());
        Map<String, Double> m = testMetrics(t.model(), d);
        m.put("train_loss", lastTrainLoss(t.result()));
        return TrialResult.succeeded(m, t.history(), ms, best.parameters(), best.flops());
    }

    /**
     * Scores {@code request}'s architecture by stratified {@code folds}-fold cross-validation on the
     * whole train part (train + validation): one training per fold with the request's recipe, epochs and
     * seed, validated on the held-out fold. Metrics are means over the folds: {@code cv_accuracy},
     * {@code cv_macro_f1}, {@code cv_loss}, plus {@code cv_accuracy_sd}; the history holds one entry per
     * fold. The folds come from a fixed seed, so every candidate of an experiment sees the same folds.
     * A fold that diverges or is cancelled fails the whole result.
     */
    @Override
    public TrialResult crossValidate(TrialRequest request, int folds, TrialContext ctx) {
        long t0 = System.nanoTime();
        useThreads(ctx);
        TrialData d = data.get(request.dataset());
        List<Split> splits = d.folds(folds);
        List<Map<String, Double>> perFold = new ArrayList<>();
        double acc = 0;
        double accSq = 0;
        double f1 = 0;
        double loss = 0;
        for (int f = 0; f < splits.size(); f++) {
            Trained t = train(request, splits.get(f).train(), splits.get(f).validation(), ctx);
            TrialResult failed = failure(request, t.result(), (System.nanoTime() - t0) / 1_000_000);
            if (failed != null) {
                return failed;
            }
            // The trainer already scored the final model on the held-out fold.
            EvaluationResult v = t.result().finalValidation();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("fold", (double) f);
            m.put("val_accuracy", v.accuracy());
            m.put("val_macro_f1", v.macroF1());
            m.put("val_loss", v.loss());
            perFold.add(m);
            acc += v.accuracy();
            accSq += v.accuracy() * v.accuracy();
            f1 += v.macroF1();
            loss += v.loss();
        }
        int k = splits.size();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cv_accuracy", acc / k);
        m.put("cv_macro_f1", f1 / k);
        m.put("cv_loss", loss / k);
        m.put("cv_accuracy_sd", Math.sqrt(Math.max(0, accSq / k - (acc / k) * (acc / k))));
        m.put("folds", (double) k);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return TrialResult.succeeded(m, perFold, ms, request.parameters(), request.flops());
    }

    /** The model {@link #evaluateFinal} scored last, or null before it ran (or when it failed). */
    public TrainedModel lastFinalModel() {
        return lastFinal;
    }

    private record Trained(Model model, TrainingResult result, List<Map<String, Double>> history) {
    }

    private Trained train(TrialRequest r, Dataset train, Dataset validation, TrialContext ctx) {
        ArchitectureSpec spec = ArchitectureJson.fromJson(r.architectureJson());
        // Separate streams for weights and for batch order, both from the trial seed.
        SplittableRandom seeds = new SplittableRandom(r.seed());
        Model model = Model.build(spec, seeds.nextLong());
        TrialRequest.TrainingSettings s = r.training();
        int batch = Math.min(s.batchSize(), train.size());
        TrainingConfig cfg = TrainingConfig.of(r.epochs(), batch,
                        Recipes.optimizer(s, Recipes.steps(train.size(), batch, r.epochs())), seeds.nextLong())
                .withCancel(ctx::isCancelled)
                .withAugmentation(new Augmentation(s.augmentShift(), s.augmentFlip()));
        List<Map<String, Double>> history = new ArrayList<>();
        cfg = cfg.withProgress(rec -> {
            Map<String, Double> m = epochMetrics(rec);
            history.add(m);
            ctx.epochDone(rec.epoch(), m);
        });
        if (validation != null && s.earlyStoppingPatience() > 0) {
            cfg = cfg.withEarlyStopping(s.earlyStoppingPatience(), 0);
        }
        return new Trained(model, Trainer.train(model, train, validation, cfg), history);
    }

    private static Map<String, Double> epochMetrics(EpochRecord rec) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", rec.trainLoss());
        if (rec.validation() != null) {
            m.put("val_accuracy", rec.validation().accuracy());
            m.put("val_macro_f1", rec.validation().macroF1());
            m.put("val_loss", rec.validation().loss());
        }
        m.put("learning_rate", rec.learningRate());
        m.put("seconds", rec.seconds());
        return m;
    }

    private static TrialResult failure(TrialRequest r, TrainingResult res, long ms) {
        TrainingStatus st = res.status();
        if (st == TrainingStatus.DIVERGED) {
            return TrialResult.of(TrialStatus.FAILED, "diverged: " + res.message(), ms, r.parameters(), r.flops());
        }
        if (st == TrainingStatus.CANCELLED) {
            return TrialResult.of(TrialStatus.FAILED, "cancelled: " + res.message(), ms, r.parameters(), r.flops());
        }
        if (res.history().isEmpty()) {
            return TrialResult.of(TrialStatus.FAILED, "no epoch finished (" + st + ": " + res.message() + ")", ms,
                    r.parameters(), r.flops());
        }
        return null;
    }

    private static double lastTrainLoss(TrainingResult r) {
        return r.history().isEmpty() ? Double.NaN : r.history().get(r.history().size() - 1).trainLoss();
    }

    private void useThreads(TrialContext ctx) {
        int mine = Math.max(1, ctx.kernelThreads());
        // An exclusive trial's threads are already the whole budget, so the pool keeps its search-time size.
        int want = ctx.exclusive() ? mine : mine * concurrentTrials;
        Parallel.clearCurrentThreadLimit();
        if (Parallel.threads() != want) {
            Parallel.setThreads(want);
        }
        // Each trial keeps to its own share, so one-thread trials run their kernels inline.
        Parallel.limitCurrentThread(mine);
    }
}
