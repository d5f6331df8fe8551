package dev.jnas.cli;

import dev.jnas.engine.Experiment;
import dev.jnas.engine.ExperimentOutcome;
import dev.jnas.engine.Finalists;
import dev.jnas.engine.config.CoreSplit;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.nn.DataCache;
import dev.jnas.engine.nn.TrainingEvaluator;
import dev.jnas.engine.nn.TrialData;
import dev.jnas.engine.report.ExperimentResults;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.ArchitectureJson;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code search} and {@code resume} share after the experiment is opened: run it with a progress
 * display, score the best architecture once on the test split, and print it with its summary table.
 */
final class Runs {
    private Runs() {
    }

    /** The real evaluator for {@code config}, with {@code data} pre-loaded into its cache. */
    static TrainingEvaluator evaluator(ExperimentConfig config, TrialData data) {
        DataCache cache = new DataCache();
        cache.put(config.dataset().name(), config.dataset().dir(), data);
        CoreSplit split = CoreSplit.forThisMachine(config.execution().workers(), config.execution().kernelThreads());
        return new TrainingEvaluator(cache, split.workers());
    }

    /** Runs {@code e}, scores its best trial on the test split unless {@code skipFinal}; returns the exit code. */
    static int runAndScore(Experiment e, TrainingEvaluator evaluator, PrintWriter out, boolean terminal, boolean skipFinal) {
        CoreSplit split = e.coreSplit();
        out.printf(Locale.ROOT, "search space %s: %s genomes (log10 %.1f); strategy %s; %d epochs per trial; %d worker(s) x %d kernel thread(s)%n",
                e.space().name(), e.space().size(), e.space().log10Size(), e.config().search().strategy(),
                e.config().budget().epochsPerTrial(), split.workers(), split.kernelThreads());
        out.flush();
        ExperimentOutcome o = e.run(new ProgressPrinter(out, terminal, e.config().objective().metric()));
        if (o.best() == null) {
            out.println("no trial succeeded; see " + e.dir().journal());
            out.flush();
            return Main.FAILURE;
        }
        out.println();
        out.printf(Locale.ROOT, "best: trial %d, %s %.4f, %,d parameters, %,d FLOPs%n", o.best().trial(),
                e.config().objective().metric(), o.best().metric(e.config().objective().metric()), o.best().parameters(),
                o.best().flops());
        out.println("key: " + o.best().key());
        out.print(ArchitectureAnalysis.summary(ArchitectureJson.fromJson(o.best().architecture())));
        out.flush();
        if (!skipFinal) {
            boolean retrain = e.config().training().retrainFinal();
            ExperimentConfig.Budget b = e.config().budget();
            if (b.finalists() > 1) {
                out.printf(Locale.ROOT, "re-ranking the best %d trials by %d-fold cross-validation on train + validation ...%n",
                        b.finalists(), b.finalistFolds());
                out.flush();
            }
            Experiment.FinalRecord fin = e.scoreFinal(retrain);
            printFinalists(out, fin.selection());
            if (fin.trial() != o.best().trial()) {
                ExperimentResults.load(e.dir().root()).best().ifPresent(t -> {
                    out.println("key: " + t.key());
                    out.print(ArchitectureAnalysis.summary(ArchitectureJson.fromJson(t.architecture())));
                });
            }
            out.println("scoring " + (fin.trial() == o.best().trial() ? "the best architecture" : "trial " + fin.trial())
                    + " on the test split" + (retrain ? " (retrained on train + validation)" : ""));
            TrialResult r = fin.result();
            if (r.status() != TrialStatus.SUCCEEDED) {
                out.println("final scoring failed: " + r.reason());
                out.flush();
                return Main.FAILURE;
            }
            out.println("test: " + metrics(r.metrics()));
            if (evaluator.lastFinalModel() != null) {
                ModelFiles.saveBest(e.dir().root(), evaluator.lastFinalModel(), out);
            }
        }
        out.println("experiment directory: " + e.dir().root());
        out.println("next: nas report " + e.dir().root() + " --html report.html;  nas export " + e.dir().root() + " --out best");
        out.flush();
        return Main.OK;
    }

    private static void printFinalists(PrintWriter out, Finalists.Selection s) {
        if (s == null || s.finalists().isEmpty()) {
            return;
        }
        for (Finalists.Finalist f : s.finalists()) {
            String cv = f.cvMetrics() == null ? "failed: " + f.failure()
                    : String.format(Locale.ROOT, "cv_accuracy %.4f ± %.4f, cv_loss %.4f", f.cvMetrics().get("cv_accuracy"),
                            f.cvMetrics().getOrDefault("cv_accuracy_sd", Double.NaN), f.cvMetrics().get("cv_loss"));
            out.printf(Locale.ROOT, "  %s trial %d: search %.4f, %s%n", f.trial() == s.selectedTrial() ? "*" : " ",
                    f.trial(), f.searchScore(), cv);
        }
        out.println("selected: trial " + s.selectedTrial() + " (" + s.method() + ")");
        out.flush();
    }

    static String metrics(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", v.longValue())
                        : String.format(Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }
}
