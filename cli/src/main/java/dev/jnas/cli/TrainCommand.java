package dev.jnas.cli;

import dev.jnas.engine.nn.DataCache;
import dev.jnas.engine.nn.TrainingEvaluator;
import dev.jnas.engine.nn.TrialData;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.ArchitectureFormatException;
import dev.jnas.nn.spec.ArchitectureJson;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.InvalidArchitectureException;
import dev.jnas.search.InputShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nas train --arch SPEC.json}: trains any architecture in the documented JSON format with the
 * same trainer and recipe as a search trial (validation each epoch on the held-out share of the
 * train part), scores it once on the test split, and optionally saves the weights with {@code --save}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one architecture spec and score it on the test split.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--arch", required = true, paramLabel = "SPEC.json", description = "Architecture spec (docs/architecture-format.md).")
    Path arch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adam, adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of weights and batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of the train part held out for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--augment-shift", paramLabel = "PIXELS", defaultValue = "0",
            description = "Shift each training image at random by up to PIXELS in each direction (default: ${DEFAULT-VALUE} = off).")
    int augmentShift;

    @Option(names = "--augment-flip", description = "Mirror training images left-right at random (natural images, not digits).")
    boolean augmentFlip;

    @Option(names = "--cv", paramLabel = "K", defaultValue = "0",
            description = "Also score the architecture by stratified K-fold cross-validation on train + validation "
                    + "(K trainings; prints the mean and spread of the fold accuracies). Default: off.")
    int folds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Kernel threads (0 = all cores).")
    int threads;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model (weights + input standardisation).")
    Path save;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        check(epochs >= 1, "--epochs", "must be >= 1, got " + epochs);
        check(batchSize >= 1, "--batch-size", "must be >= 1, got " + batchSize);
        check(lr > 0, "--lr", "must be > 0, got " + lr);
        check(weightDecay >= 0, "--weight-decay", "must be >= 0, got " + weightDecay);
        check(validationFraction > 0 && validationFraction < 1, "--validation-fraction", "must be in (0, 1), got " + validationFraction);
        check(threads >= 0, "--threads", "must be >= 0, got " + threads);
        check(augmentShift >= 0, "--augment-shift", "must be >= 0 pixels, got " + augmentShift);
        check(folds == 0 || folds >= 2, "--cv", "must be 0 (off) or at least 2 folds, got " + folds);
        check(java.util.List.of("sgd", "momentum", "nesterov", "adam", "adamw").contains(optimizer), "--optimizer",
                "unknown optimizer '" + optimizer + "'; expected sgd, momentum, nesterov, adam or adamw");
        ArchitectureSpec s = readSpec();
        Analysis a;
        try {
            a = ArchitectureAnalysis.analyze(s);
        } catch (InvalidArchitectureException e) {
            throw new UsageException("--arch", arch + ": " + e.getMessage(), e);
        }
        String name = data.name("digits");
        String dir = data.directory(name, null, out);
        TrialData d = DataOptions.load(name, dir, out);
        InputShape in = d.inputShape();
        if (s.channels() != in.channels() || s.height() != in.height() || s.width() != in.width()) {
            throw new UsageException("--arch", arch + " takes " + s.channels() + "x" + s.height() + "x" + s.width()
                    + " inputs but data set " + name + " has " + in.channels() + "x" + in.height() + "x" + in.width());
        }
        if (augmentShift >= Math.min(in.height(), in.width())) {
            throw new UsageException("--augment-shift", augmentShift + " pixels does not fit " + in.height() + "x"
                    + in.width() + " images of " + name);
        }
        out.print(a.summary());
        out.flush();
        DataCache cache = new DataCache();
        cache.put(name, dir, d);
        TrainingEvaluator ev = new TrainingEvaluator(cache, 1);
        TrialRequest req = new TrialRequest(0, "train:" + arch.getFileName(), Map.of(), ArchitectureJson.toJson(s),
                a.parameters(), a.flops(), new TrialRequest.TrainingSettings(optimizer, lr, weightDecay, batchSize, 0,
                        augmentShift, augmentFlip),
                seed, epochs, new TrialRequest.DatasetRef(name, dir, validationFraction));
        TrainingEvaluator.Standalone r = ev.trainAndTest(req, CliContext.of(threads, out));
        if (r.result().status() != TrialStatus.SUCCEEDED) {
            out.println("training failed: " + r.result().reason());
            out.flush();
            return Main.FAILURE;
        }
        out.println("result: " + Runs.metrics(r.result().metrics()));
        out.printf(java.util.Locale.ROOT, "trained in %.1fs%n", r.result().millis() / 1000.0);
        if (folds > 0) {
            out.println("cross-validating (" + folds + " folds of train + validation) ...");
            out.flush();
            TrialResult cv = ev.crossValidate(req, folds, CliContext.of(threads, null));
            if (cv.status() != TrialStatus.SUCCEEDED) {
                out.println("cross-validation failed: " + cv.reason());
                out.flush();
                return Main.FAILURE;
            }
            out.println("cross-validation: " + Runs.metrics(cv.metrics()));
        }
        if (save != null) {
            ModelFiles.save(save, r.model(), Map.of("source", "nas train", "arch", arch.toString()));
            out.println("saved: " + save);
        }
        out.flush();
        return Main.OK;
    }

    private ArchitectureSpec readSpec() {
        if (!Files.isRegularFile(arch)) {
            throw new UsageException("--arch", arch + " is not a readable file");
        }
        try {
            return ArchitectureJson.fromFile(arch);
        } catch (ArchitectureFormatException e) {
            throw new UsageException("--arch", e.getMessage(), e);
        } catch (IOException e) {
            throw new UsageException("--arch", "cannot read " + arch + ": " + e.getMessage(), e);
        }
    }

    private static void check(boolean ok, String option, String message) {
        if (!ok) {
            throw new UsageException(option, message);
        }
    }
}
