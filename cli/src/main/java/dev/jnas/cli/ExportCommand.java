package dev.jnas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jnas.engine.Experiment;
import dev.jnas.engine.ExperimentDir;
import dev.jnas.engine.TrialRecord;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.nn.TrainingEvaluator;
import dev.jnas.engine.nn.TrialData;
import dev.jnas.engine.report.ExperimentResults;
import dev.jnas.engine.report.Summary;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.nn.model.LoadedModel;
import dev.jnas.nn.spec.ArchitectureJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nas export DIR --out BEST_DIR [--top K]}: writes, for the best trial (or each of the top K,
 * in {@code rank-1}, {@code rank-2}, ... subdirectories), {@code architecture.json} (the spec, in the
 * documented format, readable by {@code nas train --arch}), {@code model.jnas} (trained weights and
 * input standardisation, {@code nn}'s model file) and {@code recipe.json} (data set, seed, epochs,
 * optimiser, learning rate, batch size and the trial's metrics). The search's final model is reused
 * for the best trial; other trials are trained again with their own seed and recipe, which reproduces
 * the model the search scored.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the best (or top-k) architectures with trained weights and training recipe.")
public final class ExportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The experiment directory.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "BEST_DIR", description = "Where to write the export.")
    Path out;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1", description = "Export the K best trials (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Read the data set from here instead of the recorded directory.")
    Path dataDir;

    @Option(names = "--no-weights", description = "Only the specs and recipes: train nothing.")
    boolean noWeights;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new UsageException("--top", "must be >= 1, got " + top);
        }
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new UsageException("DIR", dir + " is not an experiment directory (no config.json)");
        }
        PrintWriter o = spec.commandLine().getOut();
        ExperimentResults r = ExperimentResults.load(dir);
        List<TrialRecord> ranked = r.ranked();
        if (ranked.isEmpty()) {
            throw new IllegalStateException("export: " + dir + " has no successful trial");
        }
        Summary summary = Summary.of(r);
        ExperimentConfig cfg = r.config();
        TrainingEvaluator evaluator = null;
        List<Map<String, Object>> index = new ArrayList<>();
        int k = Math.min(top, ranked.size());
        for (int i = 0; i < k; i++) {
            TrialRecord t = ranked.get(i);
            Path target = top == 1 ? out : out.resolve("rank-" + (i + 1));
            Files.createDirectories(target);
            TrialRequest req = Experiment.requestFor(dir, t);
            ExperimentDir.writeAtomically(target.resolve("architecture.json"),
                    ArchitectureJson.toJson(ArchitectureJson.fromJson(t.architecture())));
            Map<String, Object> recipe = recipe(cfg, req, t, i == 0 ? summary.testMetrics() : null);
            if (!noWeights) {
                LoadedModel saved = ModelFiles.bestIfFor(dir, t.key());
                if (saved != null) {
                    Files.copy(dir.resolve(ModelFiles.BEST), target.resolve("model.jnas"), StandardCopyOption.REPLACE_EXISTING);
                    recipe.put("weights", "the search's final model");
                } else {
                    if (evaluator == null) {
                        String from = dataDir != null ? dataDir.toString() : cfg.dataset().dir();
                        TrialData d = DataOptions.load(cfg.dataset().name(), from, o);
                        evaluator = Runs.evaluator(cfg, d);
                    }
                    boolean retrain = cfg.training().retrainFinal();
                    o.println("training rank " + (i + 1) + " (trial " + t.trial() + ") for its weights ...");
                    o.flush();
                    TrialResult res = evaluator.evaluateFinal(req, retrain, CliContext.of(cfg.execution().kernelThreads(), null));
                    if (res.status() != TrialStatus.SUCCEEDED) {
                        throw new IllegalStateException("export: retraining trial " + t.trial() + " failed: " + res.reason());
                    }
                    ModelFiles.save(target.resolve("model.jnas"), evaluator.lastFinalModel(),
                            Map.of("source", "nas export", "trial", Integer.toString(t.trial())));
                    recipe.put("weights", retrain ? "retrained on train + validation" : "retrained on the train part");
                    recipe.put("testMetrics", res.metrics());
                }
            }
            Files.writeString(target.resolve("recipe.json"), JSON.writeValueAsString(recipe));
            o.printf("rank %d: trial %d %s %.4f -> %s%n", i + 1, t.trial(), r.metric(), t.metric(r.metric()), target);
            index.add(Map.of("rank", i + 1, "trial", t.trial(), "key", t.key(), "dir", target.toString()));
        }
        if (top > 1) {
            Files.writeString(out.resolve("index.json"), JSON.writeValueAsString(index));
        }
        o.flush();
        return Main.OK;
    }

    private static Map<String, Object> recipe(ExperimentConfig cfg, TrialRequest req, TrialRecord t, Map<String, Double> test) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.trial());
        m.put("key", t.key());
        m.put("genome", t.genome());
        m.put("dataset", req.dataset());
        m.put("seed", req.seed());
        m.put("epochs", req.epochs());
        m.put("training", req.training());
        m.put("schedule", "cosine decay over all steps to 5% of the learning rate, gradient norm clipped at 5");
        m.put("parameters", t.parameters());
        m.put("flops", t.flops());
        m.put("validationMetrics", t.metrics());
        if (test != null) {
            m.put("testMetrics", test);
        }
        m.put("command", "nas train --arch architecture.json --dataset " + cfg.dataset().name()
                + (cfg.dataset().dir() == null ? "" : " --data-dir " + cfg.dataset().dir())
                + " --epochs " + req.epochs() + " --optimizer " + req.training().optimizer() + " --lr "
                + req.training().learningRate() + " --batch-size " + req.training().batchSize() + " --seed " + req.seed()
                + (req.training().augmentShift() > 0 ? " --augment-shift " + req.training().augmentShift() : "")
                + (req.training().augmentFlip() ? " --augment-flip" : ""));
        return m;
    }
}
