package dev.jnas.nn.train;

import dev.jnas.nn.data.Dataset;
import dev.jnas.nn.metrics.EvaluationResult;
import dev.jnas.nn.metrics.MetricsAccumulator;
import dev.jnas.nn.model.Model;
import dev.jnas.nn.optim.Optimizer;
import dev.jnas.nn.optim.OptimizerConfig;
import dev.jnas.nn.optim.Param;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training of a {@link Model} with cross-entropy loss, and evaluation.
 *
 * <p>Call {@link #train(Model, Dataset, Dataset, TrainingConfig)}; it returns a {@link TrainingResult}
 * and never throws for divergence: a NaN/Inf batch loss ends the run with
 * {@link TrainingStatus#DIVERGED} and a message naming the epoch and step. Per epoch the sample order is
 * a Fisher–Yates shuffle from one {@code SplittableRandom(config.seed())}; a final batch of a single
 * sample is skipped (batch statistics need two). Per step: copy the batch into reused arrays, augment it
 * when the config asks for it ({@link Augmentation}, training batches only), forward in
 * training mode, backward, gradient clipping, learning rate from the schedule at the global step,
 * optimiser step, zero grads, graph reset. Batch arrays, the graph and its pool live for the whole run, so
 * after the first epoch a step allocates (almost) nothing and heap use stays flat epoch to epoch.
 */
public final class Trainer {
    /** Rows per batch when evaluating. */
    public static final int EVAL_BATCH = 256;

    private Trainer() {
    }

    /**
     * Trains {@code model} in place on {@code train}, validating on {@code validation} (nullable: then no
     * validation, best epoch -1, and early stopping must be off).
     *
     * @throws IllegalArgumentException if the data do not fit the model, the objective is unknown, or early
     *                                  stopping is configured without validation data
     */
    public static TrainingResult train(Model model, Dataset train, Dataset validation, TrainingConfig cfg) {
        checkFits(model, train, "train");
        if (validation != null) {
            checkFits(model, validation, "validation");
        } else if (cfg.earlyStopping() != null) {
            throw new IllegalArgumentException("trainer: early stopping needs validation data");
        }
        checkObjective(model, cfg.objective());
        return new Run(model, train, validation, cfg).run();
    }

    /** Metrics of {@code model} in inference mode on {@code data} (a fresh graph). */
    public static EvaluationResult evaluate(Model model, Dataset data) {
        checkFits(model, data, "evaluate");
        return new Evaluator(model, data).evaluate(new Graph());
    }

    private static void checkFits(Model model, Dataset data, String what) {
        int[] in = model.inputShape();
        int[] ds = data.inputShape();
        boolean image = Arrays.equals(in, ds);
        boolean flat = ds.length == 1 && in[1] == 1 && in[2] == 1 && ds[0] == in[0];
        if (!image && !flat) {
            throw new IllegalArgumentException("trainer: " + what + " samples " + Arrays.toString(ds)
                    + " do not match the model input " + Arrays.toString(in));
        }
        if (data.numClasses() > model.numClasses()) {
            throw new IllegalArgumentException("trainer: " + what + " data has " + data.numClasses()
                    + " classes but the model outputs " + model.numClasses());
        }
    }

    private static void checkObjective(Model model, String objective) {
        MetricsAccumulator probe = new MetricsAccumulator(model.numClasses());
        probe.add(new float[model.numClasses()], new int[1], 1);
        probe.result().get(objective); // throws naming the available metrics
    }

    /** Evaluation with buffers reused across calls. */
    private static final class Evaluator {
        private final Model model;
        private final Dataset data;
        private final int[] order;
        private final Var fullX;
        private final int[] fullY;
        private final Var restX;
        private final int[] restY;
        private final MetricsAccumulator acc;

        Evaluator(Model model, Dataset data) {
            this.model = model;
            this.data = data;
            this.order = new int[data.size()];
            Arrays.setAll(order, i -> i);
            int b = Math.min(EVAL_BATCH, data.size());
            int rest = data.size() % b;
            this.fullX = Var.constant(Tensor.zeros(batchShape(data, b)));
            this.fullY = new int[b];
            this.restX = rest == 0 ? null : Var.constant(Tensor.zeros(batchShape(data, rest)));
            this.restY = rest == 0 ? null : new int[rest];
            this.acc = new MetricsAccumulator(model.numClasses());
        }

        EvaluationResult evaluate(Graph g) {
            acc.reset();
            int bs = fullY.length;
            for (int from = 0; from < data.size(); from += bs) {
                int count = Math.min(bs, data.size() - from);
                Var x = count == bs ? fullX : restX;
                int[] y = count == bs ? fullY : restY;
                data.copyBatch(order, from, count, x.value().data(), y);
                try (var ng = g.noGrad()) {
                    Var logits = model.forward(g, x, false);
                    acc.add(logits.value().data(), y, count);
                } finally {
                    g.reset();
                }
            }
            return acc.result();
        }
    }

    static int[] batchShape(Dataset data, int n) {
        int[] s = data.inputShape();
        int[] shape = new int[s.length + 1];
        shape[0] = n;
        System.arraycopy(s, 0, shape, 1, s.length);
        return shape;
    }

    /** One training run's state. */
    private static final class Run {
        private final Model model;
        private final Dataset train;
        private final TrainingConfig cfg;
        private final OptimizerConfig oc;
        private final Evaluator validator;
        private final Graph g = new Graph();
        private final List<Param> params;
        private final Optimizer opt;
        private final int[] order;
        private final SplittableRandom rng;
        private final SplittableRandom augmentRng;
        private final float[] augmentPlane;
        private final int[] sampleShape;
        private final float[] augmentFill;
        private final List<EpochRecord> history = new ArrayList<>();
        private final Var fullX;
        private final int[] fullY;
        private final Var restX;
        private final int[] restY;
        private final long start = System.nanoTime();
        private long steps;
        private long samples;
        private long trainNanos;
        private String message = "";
        private TrainingStatus status = TrainingStatus.COMPLETED;
        private EvaluationResult lastValidation;
        private int bestEpoch = -1;
        private double bestValue = Double.NaN;

        Run(Model model, Dataset train, Dataset validation, TrainingConfig cfg) {
            this.model = model;
            this.train = train;
            this.cfg = cfg;
            this.oc = cfg.optimizer();
            this.validator = validation == null ? null : new Evaluator(model, validation);
            this.params = model.params();
            this.opt = oc.build();
            this.order = new int[train.size()];
            Arrays.setAll(order, i -> i);
            this.rng = new SplittableRandom(cfg.seed());
            // A stream of its own, so turning augmentation on leaves the batch order unchanged.
            this.augmentRng = new SplittableRandom(cfg.seed() ^ 0x5DEECE66DL);
            int[] in = train.inputShape();
            this.sampleShape = in;
            if (cfg.augmentation().active() && in.length != 3) {
                throw new IllegalArgumentException("trainer: augmentation " + cfg.augmentation()
                        + " needs image samples [C,H,W], got " + Arrays.toString(in));
            }
            if (cfg.augmentation().maxShift() > 0 && (cfg.augmentation().maxShift() >= in[1]
                    || cfg.augmentation().maxShift() >= in[2])) {
                throw new IllegalArgumentException("trainer: augmentation maxShift " + cfg.augmentation().maxShift()
                        + " does not fit " + in[1] + "x" + in[2] + " images");
            }
            this.augmentPlane = cfg.augmentation().active() ? new float[in[1] * in[2]] : null;
            this.augmentFill = cfg.augmentation().active() ? channelMinimum(train) : null;
            int bs = Math.min(cfg.batchSize(), train.size());
            this.fullY = new int[bs];
            this.fullX = Var.constant(Tensor.zeros(batchShape(train, bs)));
            int rest = train.size() % bs;
            this.restY = rest >= 2 ? new int[rest] : null;
            this.restX = rest >= 2 ? Var.constant(Tensor.zeros(batchShape(train, rest))) : null;
        }

        TrainingResult run() {
            EarlyStopping stopper = cfg.earlyStopping() == null ? null
                    : EarlyStopping.on(cfg.objective(), cfg.earlyStopping().patience(), cfg.earlyStopping().minDelta());
            EarlyStopping.Mode mode = EarlyStopping.Mode.forMetric(cfg.objective());
            opt.zeroGrad(params);
            for (int epoch = 0; epoch < cfg.epochs() && status == TrainingStatus.COMPLETED; epoch++) {
                long epochStart = System.nanoTime();
                double loss = trainEpoch(epoch);
                if (status == TrainingStatus.DIVERGED || status == TrainingStatus.CANCELLED) {
                    break;
                }
                boolean last = epoch == cfg.epochs() - 1 || status != TrainingStatus.COMPLETED;
                EvaluationResult val = null;
                if (validator != null && (cfg.validateEachEpoch() || last || stopper != null)) {
                    val = validator.evaluate(g);
                    lastValidation = val;
                    double v = val.get(cfg.objective());
                    if (bestEpoch < 0 || (mode == EarlyStopping.Mode.MAX ? v > bestValue : v < bestValue)) {
                        bestEpoch = epoch;
                        bestValue = v;
                    }
                }
                EpochRecord rec = new EpochRecord(epoch, loss, val, opt.learningRate(), steps,
                        (System.nanoTime() - epochStart) / 1e9, g.pool().allocations());
                history.add(rec);
                if (cfg.progress() != null) {
                    cfg.progress().accept(rec);
                }
                if (stopper != null && status == TrainingStatus.COMPLETED) {
                    stopper.update(val.get(cfg.objective()));
                    if (stopper.shouldStop()) {
                        status = TrainingStatus.EARLY_STOPPED;
                        message = "no improvement of " + cfg.objective() + " for " + stopper.epochsSinceBest()
                                + " epochs after epoch " + stopper.bestEpoch();
                    }
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double ips = trainNanos == 0 ? 0 : samples / (trainNanos / 1e9);
            return new TrainingResult(status, message, history, bestEpoch, lastValidation, steps, wall, ips);
        }

        /** The darkest value of each channel over the data set: what black is after standardisation. */
        private static float[] channelMinimum(Dataset d) {
            int[] in = d.inputShape();
            int c = in[0];
            int hw = in[1] * in[2];
            float[] min = new float[c];
            Arrays.fill(min, Float.POSITIVE_INFINITY);
            float[] x = d.features().data();
            for (int s = 0; s < d.size(); s++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (s * c + ch) * hw;
                    for (int i = 0; i < hw; i++) {
                        min[ch] = Math.min(min[ch], x[base + i]);
                    }
                }
            }
            return min;
        }

        /** One pass over the shuffled training set; returns the mean loss (NaN if no step ran). */
        private double trainEpoch(int epoch) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long t0 = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
            int bs = fullY.length;
            try {
                for (int from = 0; from < order.length; from += bs) {
                    int count = Math.min(bs, order.length - from);
                    if (count < 2 && count < bs) {
                        break;
                    }
                    Var x = count == bs ? fullX : restX;
                    int[] y = count == bs ? fullY : restY;
                    train.copyBatch(order, from, count, x.value().data(), y);
                    if (augmentPlane != null) {
                        int[] in = sampleShape;
                        cfg.augmentation().apply(x.value().data(), count, in[0], in[1], in[2], augmentFill, augmentRng,
                                augmentPlane);
                    }
                    double l = step(x, y, epoch);
                    lossSum += l * count;
                    seen += count;
                    if (cfg.cancel() != null && cfg.cancel().getAsBoolean()) {
                        status = TrainingStatus.CANCELLED;
                        message = "cancelled at epoch " + epoch + ", step " + steps;
                        break;
                    }
                    if (cfg.maxWallTime() != null && System.nanoTime() - start > cfg.maxWallTime().toNanos()) {
                        status = TrainingStatus.BUDGET_EXHAUSTED;
                        message = "wall-time budget " + cfg.maxWallTime() + " exhausted at epoch " + epoch + ", step "
                                + steps;
                        break;
                    }
                }
            } catch (TrainingDivergedException e) {
                status = TrainingStatus.DIVERGED;
                message = e.getMessage();
                g.reset();
                opt.zeroGrad(params);
            } finally {
                trainNanos += System.nanoTime() - t0;
                samples += seen;
            }
            return seen == 0 ? Double.NaN : lossSum / seen;
        }

        private double step(Var x, int[] y, int epoch) {
            try {
                Var logits = model.forward(g, x, true);
                Var loss = g.crossEntropy(logits, y);
                double l = TrainingDivergedException.check(loss.value().item(), epoch, steps);
                g.backward(loss);
                oc.clip().apply(params);
                opt.setLearningRate(oc.learningRateAt((int) Math.min(Integer.MAX_VALUE, steps)));
                opt.step(params);
                opt.zeroGrad(params);
                steps++;
                return l;
            } finally {
                g.reset();
            }
        }
    }
}
