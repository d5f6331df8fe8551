package dev.jnas.nn.examples;

import dev.jnas.nn.data.Dataset;
import dev.jnas.nn.data.Datasets;
import dev.jnas.nn.data.IdxReader;
import dev.jnas.nn.data.Normalizer;
import dev.jnas.nn.data.Split;
import dev.jnas.nn.metrics.EvaluationResult;
import dev.jnas.nn.model.Model;
import dev.jnas.nn.optim.LrSchedule;
import dev.jnas.nn.optim.OptimizerConfig;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.Architectures;
import dev.jnas.nn.train.Trainer;
import dev.jnas.nn.train.TrainingConfig;
import dev.jnas.nn.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The acceptance runs of issue 3 (too slow for CI; run by hand):
 * {@code java --add-modules=jdk.incubator.vector -cp ... dev.jnas.nn.examples.Acceptance [digits] [mnist DIR]}.
 *
 * <p>digits (held-out quarter, {@link Datasets#digitsSplit()}): MLP 64-128-10 (bar 94%) and the small CNN
 * {@link Architectures#digitsCnn()} (bar 97.5%). mnist-10k ({@link IdxReader#readDirectory}, default
 * {@code ../shared/data/mnist-10k}): LeNet-5 (bar 97.0%) and the wider CNN (bar 98.0%), 10 epochs each.
 * All use Adam (lr 3e-3 on digits, 1e-3 on mnist; -Dlr= overrides) with cosine decay, batch 64 (digits 32), inputs standardised with a {@link Normalizer} fitted on the
 * training part, seed 1 (-Dseed= overrides). Evaluated on the test split after the last epoch; prints one line per model.
 */
public final class Acceptance {
    private Acceptance() {
    }

    public static void main(String[] args) throws IOException {
        List<String> a = List.of(args);
        boolean all = a.isEmpty();
        if (all || a.contains("digits")) {
            Split s = Datasets.digitsSplit();
            run("digits MLP 64-128-10", Architectures.mlp(1, 8, 8, 10, 128), s, 30, 32, 3e-3, 0.945);
            run("digits CNN", Architectures.digitsCnn(), s, 30, 32, 3e-3, 0.975);
        }
        if (all || a.contains("mnist")) {
            int i = a.indexOf("mnist");
            Path dir = Path.of(i >= 0 && i + 1 < a.size() ? a.get(i + 1) : "../shared/data/mnist-10k");
            Split s = IdxReader.readDirectory(dir, Dataset.numberedClasses(10));
            run("mnist-10k LeNet-5", Architectures.lenet5(), s, 10, 64, 1e-3, 0.970);
            run("mnist-10k wide CNN", Architectures.wideCnn(), s, 10, 64, 1e-3, 0.980);
        }
    }

    /** Trains with the test split as the per-epoch monitor (reported only; nothing is selected on it). */
    static void run(String name, ArchitectureSpec spec, Split split, int epochs, int batch, double lr, double bar) {
        Normalizer norm = Normalizer.fit(split.train(), Normalizer.Kind.STANDARDIZE);
        Dataset train = norm.apply(split.train());
        Dataset test = norm.apply(split.test());
        long seed = Long.getLong("seed", 1L);
        Model model = Model.build(spec, seed);
        int stepsPerEpoch = (train.size() + batch - 1) / batch;
        // Cosine decay to 1% over the run (no warm-up): steadier last epochs than a constant rate.
        OptimizerConfig opt = OptimizerConfig.defaults("adam").withLr(Double.parseDouble(System.getProperty("lr", Double.toString(lr))))
                .withSchedule(new LrSchedule.Cosine(0, epochs * stepsPerEpoch, 0.01));
        TrainingConfig cfg = TrainingConfig.of(epochs, batch, opt, seed)
                .withValidateEachEpoch(false)
                .withProgress(e -> System.out.printf(Locale.ROOT, "  %s epoch %d loss %.4f %.1fs%n", name, e.epoch(),
                        e.trainLoss(), e.seconds()));
        TrainingResult r = Trainer.train(model, train, null, cfg);
        EvaluationResult ev = Trainer.evaluate(model, test);
        System.out.printf(Locale.ROOT, "%-22s status %s, %d params, test accuracy %.4f (bar %.3f: %s), "
                        + "%d epochs in %.1fs, %.0f train images/s%n", name, r.status(), model.parameterCount(),
                ev.accuracy(), bar, ev.accuracy() >= bar ? "PASS" : "FAIL", r.history().size(), r.wallSeconds(),
                r.imagesPerSecond());
    }
}
