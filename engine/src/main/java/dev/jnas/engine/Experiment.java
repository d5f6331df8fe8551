package dev.jnas.engine;

import dev.jnas.engine.config.ConfigException;
import dev.jnas.engine.config.ConfigLoader;
import dev.jnas.engine.config.CoreSplit;
import dev.jnas.engine.config.Durations;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.journal.Journal;
import dev.jnas.engine.journal.JournalReader;
import dev.jnas.engine.journal.JournalRecord;
import dev.jnas.engine.report.Summary;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.nn.spec.ArchitectureJson;
import dev.jnas.search.DecodeResult;
import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.SpaceDefinition;
import dev.jnas.search.TrainingChoice;
import dev.jnas.search.strategy.Candidate;
import dev.jnas.search.strategy.Objective;
import dev.jnas.search.strategy.Strategy;
import dev.jnas.search.strategy.StrategyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment: a config, its search space, a strategy, an evaluator and a directory. Call order:
 * {@link #create} (new directory) or {@link #resume} (continue one after a crash or stop); then
 * {@link #run} once; then optionally {@link #evaluateFinal}; reports read the directory (see
 * {@code dev.jnas.engine.report}). Strategy calls, journal writes and status decisions all happen
 * on the thread that calls {@link #run}; workers only evaluate, which is what makes the journal a
 * faithful, replayable record of the strategy's ask/tell sequence.
 */
public final class Experiment {
    final ExperimentDir dir;
    final ExperimentConfig config;
    final SearchSpace space;
    final TrialEvaluator evaluator;
    final Strategy strategy;
    final CoreSplit split;
    final List<JournalRecord> replayed;
    final List<Candidate> rerun = new ArrayList<>();
    final List<JournalRecord> rerunRecords = new ArrayList<>();
    /** Of the trials in {@link #rerun}: results journaled as completed but not yet told (tell order trial). */
    final Map<Integer, JournalRecord> completedResults = new HashMap<>();
    private boolean ran;

    private Experiment(ExperimentDir dir, ExperimentConfig config, SearchSpace space, TrialEvaluator evaluator,
                       List<JournalRecord> replayed) {
        this(dir, config, space, evaluator, replayed, null);
    }

    /** {@code given} replaces the registry's strategy (tests inject strategies that misbehave on purpose). */
    Experiment(ExperimentDir dir, ExperimentConfig config, SearchSpace space, TrialEvaluator evaluator,
               List<JournalRecord> replayed, Strategy given) {
        this.dir = dir;
        this.config = config;
        this.space = space;
        this.evaluator = evaluator;
        this.replayed = replayed;
        this.split = CoreSplit.forThisMachine(config.execution().workers(), config.execution().kernelThreads());
        if (config.execution().processBackend()) {
            try {
                ProcessWorkerPool.checkChildCreatable(evaluator.getClass());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("execution.backend", e.getMessage(), e);
            }
        }
        if (given != null) {
            this.strategy = given;
            return;
        }
        try {
            this.strategy = StrategyRegistry.create(config.search().strategy(), space,
                    Objective.parse(config.objective().asText()), TrialSeeds.strategySeed(config.execution().seed()),
                    config.search().strategyParams());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().contains("parameters") ? "search.strategyParams" : "search.strategy",
                    e.getMessage(), e);
        }
    }

    /** The directory {@code config.execution().outputDir()} names, with {@code {timestamp}} filled in from {@code now}. */
    public static Path outputDir(ExperimentConfig config, LocalDateTime now) {
        return Path.of(config.execution().outputDir().replace("{timestamp}",
                now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    }

    /**
     * A new experiment in {@code directory} (created if needed; refused if it already holds a
     * journal, which is what {@link #resume} is for). Writes config, space and provenance.
     */
    public static Experiment create(ExperimentConfig config, SearchSpace space, TrialEvaluator evaluator, Path directory) {
        return create(config, space, evaluator, directory, null);
    }

    static Experiment create(ExperimentConfig config, SearchSpace space, TrialEvaluator evaluator, Path directory,
                             Strategy given) {
        ExperimentDir d = new ExperimentDir(directory);
        try {
            Files.createDirectories(directory);
            if (Files.exists(d.journal()) && Files.size(d.journal()) > 0) {
                throw new IllegalStateException("experiment: " + directory + " already holds a journal; resume it instead");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("experiment: cannot create " + directory, e);
        }
        checkAugmentation(config, space);
        Experiment e = new Experiment(d, pinInFlight(config), space, evaluator, List.of(), given);
        ExperimentDir.writeAtomically(d.config(), ConfigLoader.toJson(e.config));
        ExperimentDir.writeAtomically(d.space(), space.definition().toJson());
        ExperimentDir.writeJson(d.provenance(), Provenance.capture(config.execution().seed()));
        return e;
    }

    /**
     * {@code config} with its auto {@code inFlight} resolved for this machine's workers: recorded in
     * {@code config.json}, it makes a resume on a machine with another core count continue the same search.
     */
    private static ExperimentConfig pinInFlight(ExperimentConfig config) {
        ExperimentConfig.Execution x = config.execution();
        if (x.inFlight() > 0) {
            return config;
        }
        int workers = CoreSplit.forThisMachine(x.workers(), x.kernelThreads()).workers();
        return new ExperimentConfig(config.dataset(), config.search(), config.objective(), config.constraints(),
                config.budget(), config.training(), x.withInFlight(x.effectiveInFlight(workers)));
    }

    /** Refuses a shift that does not fit the space's images (every trial would fail on its first batch). */
    private static void checkAugmentation(ExperimentConfig config, SearchSpace space) {
        int shift = config.training().augmentShift();
        var in = space.definition().input();
        if (shift > 0 && in != null && shift >= Math.min(in.height(), in.width())) {
            throw new ConfigException("training.augmentShift", shift + " pixels does not fit the " + in.height() + "x"
                    + in.width() + " images of the search space's input");
        }
    }

    /**
     * Reopens {@code directory}: drops a torn last journal line (warning to {@code warnings}), rebuilds
     * the strategy by replaying every journaled ask and tell in order (the journal is synced per
     * record, so this reproduces the exact pre-crash state; the periodic snapshot is checked against
     * it), and queues the trials that were in flight to run again. Completed trials are never re-run.
     */
    public static Experiment resume(Path directory, TrialEvaluator evaluator, ProgressListener warnings) {
        return resume(directory, evaluator, warnings, null);
    }

    /**
     * {@link #resume(Path, TrialEvaluator, ProgressListener)} reading the data set from {@code dataDir}
     * (null = the recorded directory): the trials of this run, in this JVM or in child processes, are
     * sent there; {@code config.json} keeps the recorded directory.
     */
    public static Experiment resume(Path directory, TrialEvaluator evaluator, ProgressListener warnings, String dataDir) {
        ExperimentDir d = new ExperimentDir(directory);
        if (!Files.isRegularFile(d.config()) || !Files.isRegularFile(d.space())) {
            throw new IllegalArgumentException("resume: " + directory + " is not an experiment directory (no config.json/space.json)");
        }
        ExperimentConfig config = withDataDir(ConfigLoader.load(d.config()), dataDir);
        SearchSpace space = new SearchSpace(SpaceDefinition.read(d.space()));
        List<JournalRecord> records = JournalReader.repair(d.journal(), warnings::warning);
        Experiment e = new Experiment(d, config, space, evaluator, records);
        StrategyReplay.replay(e, records);
        return e;
    }

    /** Convenience: {@link #resume(Path, TrialEvaluator, ProgressListener)} with warnings ignored. */
    /** {@code config} reading its data set from {@code dataDir} instead (unchanged when null). */
    public static ExperimentConfig withDataDir(ExperimentConfig config, String dataDir) {
        if (dataDir == null) {
            return config;
        }
        ExperimentConfig.Dataset ds = config.dataset();
        return new ExperimentConfig(new ExperimentConfig.Dataset(ds.name(), dataDir, ds.validationFraction()), config.search(),
                config.objective(), config.constraints(), config.budget(), config.training(), config.execution());
    }

    public static Experiment resume(Path directory, TrialEvaluator evaluator) {
        return resume(directory, evaluator, ProgressListener.NONE);
    }

    public ExperimentDir dir() {
        return dir;
    }

    public ExperimentConfig config() {
        return config;
    }

    public SearchSpace space() {
        return space;
    }

    /** The effective workers x kernel threads. */
    public CoreSplit coreSplit() {
        return split;
    }

    /** Runs the search until a budget or the strategy ends it; writes the final snapshot and summary.json. */
    public ExperimentOutcome run(ProgressListener listener) {
        if (ran) {
            throw new IllegalStateException("experiment: run() may be called once; resume the directory to continue");
        }
        ran = true;
        try (Journal journal = Journal.open(dir.journal()); WorkerBackend backend = backend()) {
            ExperimentOutcome o = new SearchLoop(this, journal, backend, listener).run();
            ExperimentDir.writeJson(dir.summary(), Summary.of(dir.root()));
            listener.experimentFinished(o);
            return o;
        }
    }

    /** Where trials run, by {@code execution.backend}: threads of this JVM, or one child JVM per trial. */
    private WorkerBackend backend() {
        ExperimentConfig.Execution x = config.execution();
        return x.processBackend()
                ? new ProcessWorkerPool(evaluator.getClass().getName(), x.effectiveTrialMemory(), split.kernelThreads())
                : new LocalWorkerPool(evaluator);
    }

    /**
     * Scores the best SUCCEEDED trial once on the test split through
     * {@link TrialEvaluator#evaluateFinal}, retraining on train + validation first when
     * {@code retrain}; with {@code budget.finalists} > 1 the trial scored is the winner of
     * {@link Finalists}' cross-validation of that many best trials. Writes {@code final.json} (which
     * the summary and reports show) and returns its content.
     */
    public FinalRecord scoreFinal(boolean retrain) {
        TrialHistory h = TrialHistory.of(JournalReader.read(dir.journal(), m -> { }));
        boolean maximize = "maximize".equals(config.objective().direction());
        String metric = config.objective().metric();
        List<TrialRecord> top = TrialHistory.top(h.finished(), metric, maximize, Math.max(1, config.budget().finalists()));
        if (top.isEmpty()) {
            throw new IllegalStateException("evaluateFinal: no successful trial in " + dir.root());
        }
        // Nothing else runs now: the finalists and the winner get every core of the split.
        TrialCtx ctx = new TrialCtx(split.workers() * split.kernelThreads(), -1, ProgressListener.NONE, true);
        Finalists.Selection selection = null;
        TrialRecord best = top.get(0);
        String cv = Finalists.cvMetric(config.budget().finalistMetric(), metric);
        if (top.size() > 1 && cv != null) {
            selection = Finalists.select(top, metric, cv, config.budget().finalistFolds(), dir.finalists(),
                    this::searchRequest, evaluator, ctx);
            int chosen = selection.selectedTrial();
            best = top.stream().filter(t -> t.trial() == chosen).findFirst().orElseThrow();
        }
        Genome g = new Genome(best.genome());
        TrialRequest req = request(config, space, best.trial(), best.key(), g, space.decode(g), best.seed(), true);
        TrialResult r = evaluator.evaluateFinal(req, retrain, ctx);
        FinalRecord rec = new FinalRecord(best.trial(), best.key(), retrain, r, selection);
        ExperimentDir.writeJson(dir.finalResult(), rec);
        ExperimentDir.writeJson(dir.summary(), Summary.of(dir.root()));
        return rec;
    }

    /** {@link #scoreFinal}'s test-split result. */
    public TrialResult evaluateFinal(boolean retrain) {
        return scoreFinal(retrain).result();
    }

    private TrialRequest searchRequest(TrialRecord t) {
        Genome g = new Genome(t.genome());
        return request(config, space, t.trial(), t.key(), g, space.decode(g), t.seed(), false);
    }

    /**
     * The content of {@code final.json}: the trial scored, whether it was retrained on train +
     * validation, the test-split result, and the finalists' cross-validation (null without re-ranking).
     */
    public record FinalRecord(int trial, String key, boolean retrained, TrialResult result, Finalists.Selection selection) {
    }

    /**
     * The request that trains {@code trial} of the experiment in {@code directory} the way the final
     * scoring trains the winner (its config and resolved space; {@code budget.finalEpochs}, and the
     * augmentation even when {@code training.augmentTrials} is off), so that any finished trial can be
     * trained again, e.g. to export its weights.
     */
    public static TrialRequest requestFor(Path directory, TrialRecord trial) {
        ExperimentDir d = new ExperimentDir(directory);
        ExperimentConfig config = ConfigLoader.load(d.config());
        SearchSpace space = new SearchSpace(SpaceDefinition.read(d.space()));
        Genome g = new Genome(trial.genome());
        return request(config, space, trial.trial(), trial.key(), g, space.decode(g), trial.seed(), true);
    }

    /** The request for a trial: architecture JSON, cost, recipe merged with the genome's training choices. */
    TrialRequest request(int trial, String key, Genome g, DecodeResult decoded, long seed) {
        return request(config, space, trial, key, g, decoded, seed, false);
    }

    /** A search trial's request, or with {@code finalTraining} the final training's (its epochs, augmentation always). */
    private static TrialRequest request(ExperimentConfig config, SearchSpace space, int trial, String key, Genome g,
                                        DecodeResult decoded, long seed, boolean finalTraining) {
        ExperimentConfig.Training t = config.training();
        TrainingChoice choice = space.trainingChoice(g);
        boolean augment = finalTraining || t.augmentTrials();
        TrialRequest.TrainingSettings settings = new TrialRequest.TrainingSettings(choice.optimizer(t.optimizer()),
                choice.learningRate(t.learningRate()), t.weightDecay(), choice.batchSize(t.batchSize()),
                t.earlyStoppingPatience(), augment ? t.augmentShift() : 0, augment && t.augmentFlip());
        ExperimentConfig.Dataset ds = config.dataset();
        return new TrialRequest(trial, key, g.values(), ArchitectureJson.toJson(decoded.spec()), decoded.parameters(),
                decoded.flops(), settings, seed,
                finalTraining ? config.budget().effectiveFinalEpochs() : config.budget().epochsPerTrial(),
                new TrialRequest.DatasetRef(ds.name(), ds.dir(), ds.validationFraction()));
    }

    Duration timeBudget() {
        return Durations.parse("budget.timeBudget", config.budget().timeBudget());
    }

    Duration trialTimeLimit() {
        return Durations.parse("budget.trialTimeLimit", config.budget().trialTimeLimit());
    }

    /** Strategy state for tests and diagnostics. */
    Strategy strategy() {
        return strategy;
    }

    static Map<String, Double> told(JournalRecord r) {
        return switch (r.status()) {
            case SUCCEEDED, DUPLICATE -> r.metrics() == null ? Map.of() : r.metrics();
            default -> Map.of();
        };
    }
}
