package dev.jnas.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines an experiment, as it is written in a JSON or YAML file (see
 * {@code docs/experiment-config.md} for every option and its default). Build with
 * {@link ConfigLoader#load}/{@link ConfigLoader#parse} (file, defaults filled in, validated) or
 * {@link #defaults()}; adjust with {@link ConfigLoader#withOverrides}. Instances are immutable and
 * already validated when they come from {@link ConfigLoader}.
 */
public record ExperimentConfig(Dataset dataset, Search search, Objective objective, Constraints constraints,
                               Budget budget, Training training, Execution execution) {

    /** The data set: a name (digits, mnist, fashion-mnist, cifar10, idx, csv), its directory, and the validation share. */
    public record Dataset(String name, String dir, double validationFraction) {
    }

    /** The search space (built-in name or JSON file) and the strategy with parameter overrides. */
    public record Search(String space, String strategy, Map<String, Object> strategyParams) {
        public Search {
            strategyParams = strategyParams == null ? Map.of() : new LinkedHashMap<>(strategyParams);
        }
    }

    /** The metric to optimise and its direction ({@code maximize} or {@code minimize}). */
    public record Objective(String metric, String direction) {
        /** The search module's objective text: {@code metric} or {@code -metric}. */
        public String asText() {
            return ("minimize".equals(direction) ? "-" : "") + metric;
        }
    }

    /** Limits on candidates; 0 means no limit. Candidates over a limit are PRUNED, never trained. */
    public record Constraints(long maxParameters, long maxFlops) {
    }

    /**
     * When the search stops: after {@code maxTrials} trials (every status counts) or when
     * {@code timeBudget} (e.g. {@code 20m}, {@code 1h30m}, {@code 90s}; null = none) has passed; each
     * trial trains {@code epochsPerTrial} epochs and fails when it exceeds {@code trialTimeLimit}; the
     * final scoring of the best architecture trains it {@code finalEpochs} epochs (0 = {@code epochsPerTrial}):
     * candidates are ranked at low fidelity, the winner is trained to convergence. With
     * {@code finalists} > 1 the final scoring first re-ranks that many of the best trials by
     * {@code finalistFolds}-fold cross-validation on train + validation (at the trials' own fidelity)
     * and scores the winner of that: one validation split of a small data set flatters lucky trials.
     * {@code finalistMetric} ranks the finalists: {@code cv_accuracy}, {@code cv_macro_f1} or
     * {@code cv_loss}; null means the counterpart of the objective ({@code val_accuracy} → {@code cv_accuracy}).
     */
    public record Budget(int maxTrials, String timeBudget, int epochsPerTrial, String trialTimeLimit, int finalEpochs,
                         int finalists, int finalistFolds, String finalistMetric) {
        /** The epochs of the final training of the best architecture. */
        public int effectiveFinalEpochs() {
            return finalEpochs > 0 ? finalEpochs : epochsPerTrial;
        }
    }

    /**
     * The training recipe for every trial; a genome's own training decisions override lr, batch size and
     * optimiser. {@code augmentShift} (pixels, 0 = off) and {@code augmentFlip} turn on random shifts and
     * left-right mirrors of the training images: in the final training of the winner always, in the
     * search trials too when {@code augmentTrials} (short trials learn less from augmented data, so a
     * search may rank on plain data and keep augmentation for the long final training).
     */
    public record Training(String optimizer, double learningRate, double weightDecay, int batchSize,
                           int earlyStoppingPatience, boolean retrainFinal, int augmentShift, boolean augmentFlip,
                           boolean augmentTrials) {
    }

    /**
     * How it runs: the root seed, concurrent trials ({@code workers}, 0 = auto), kernel threads per
     * trial (0 = auto, see {@link CoreSplit}), the experiment directory, how many finished trials
     * between strategy snapshots, where trials run ({@code backend}: {@code threads}, in this JVM, or
     * {@code process}, one child JVM per trial) and the heap cap of a trial's child JVM
     * ({@code trialMemory}, a JVM size such as {@code 512m} or {@code 2g}; only the process backend can
     * enforce it, so it must be null with {@code threads}; null with {@code process} means
     * {@link #DEFAULT_TRIAL_MEMORY}), and in which order the strategy hears results: {@code tellOrder}
     * {@code trial} (in trial order, each new trial asked right after the tell that frees its place among
     * at most {@code inFlight} trials asked but not yet told, so the strategy's calls and therefore the
     * search do not depend on timing or on the worker count) or {@code completion} (as trials finish,
     * asking whenever a worker is free: no waiting on a slow trial, but several workers make the search
     * depend on timing). {@code inFlight} 0 = auto: {@code max(4, 2 x workers)}, so the same on every
     * machine of up to 11 cores; a new experiment records the resolved value in its {@code config.json},
     * so a resume on another machine continues the same search.
     */
    public record Execution(long seed, int workers, int kernelThreads, String outputDir, int snapshotEvery,
                            String backend, String trialMemory, String tellOrder, int inFlight) {
        /** The trial heap cap of the process backend when {@code trialMemory} is null. */
        public static final String DEFAULT_TRIAL_MEMORY = "1g";

        /** True for {@code tellOrder: trial}. */
        public boolean tellsInTrialOrder() {
            return "trial".equals(tellOrder);
        }

        /** {@code inFlight}, or its auto value for {@code workers} resolved workers. */
        public int effectiveInFlight(int workers) {
            return inFlight > 0 ? inFlight : Math.max(4, 2 * workers);
        }

        /** This execution with {@code inFlight} set to {@code n}. */
        public Execution withInFlight(int n) {
            return new Execution(seed, workers, kernelThreads, outputDir, snapshotEvery, backend, trialMemory, tellOrder, n);
        }

        /** True for {@code backend: process}. */
        public boolean processBackend() {
            return "process".equals(backend);
        }

        /** The heap cap a process-backend child gets: {@code trialMemory} or {@link #DEFAULT_TRIAL_MEMORY}. */
        public String effectiveTrialMemory() {
            return trialMemory != null ? trialMemory : DEFAULT_TRIAL_MEMORY;
        }
    }

    /** The documented defaults: digits, default space, regularized evolution, 40 trials. */
    public static ExperimentConfig defaults() {
        return new ExperimentConfig(
                new Dataset("digits", null, 0.1),
                new Search("default", "evolution", Map.of()),
                new Objective("val_accuracy", "maximize"),
                new Constraints(0, 0),
                new Budget(40, null, 8, null, 0, 1, 3, null),
                new Training("adam", 0.001, 0.0, 64, 0, false, 0, false, true),
                new Execution(42, 0, 0, "runs/exp-{timestamp}", 10, "threads", null, "trial", 0));
    }
}
