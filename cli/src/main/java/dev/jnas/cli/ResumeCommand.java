package dev.jnas.cli;

import dev.jnas.engine.Experiment;
import dev.jnas.engine.ProgressListener;
import dev.jnas.engine.config.ConfigLoader;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.nn.TrialData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nas resume DIR}: continues an interrupted search with the directory's own config and space
 * (a torn last journal line is dropped with a warning, in-flight trials run again, finished trials
 * never do), then scores the best on the test split like {@code search}.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue an interrupted search.")
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The experiment directory.")
    Path dir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Read the data set from here instead of the recorded directory.")
    Path dataDir;

    @Option(names = "--no-final", description = "Skip the final test-split scoring.")
    boolean noFinal;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new UsageException("DIR", dir + " is not an experiment directory (no config.json)");
        }
        String override = dataDir == null ? null : dataDir.toString();
        ExperimentConfig cfg = Experiment.withDataDir(ConfigLoader.load(dir.resolve("config.json")), override);
        TrialData d = DataOptions.load(cfg.dataset().name(), cfg.dataset().dir(), out);
        // Trials of this run name the directory the data came from, so child-process workers read it there too.
        var evaluator = Runs.evaluator(cfg, d);
        ProgressPrinter warnings = new ProgressPrinter(out, false, cfg.objective().metric());
        Experiment e = Experiment.resume(dir, evaluator, new ProgressListener() {
            @Override
            public void warning(String message) {
                warnings.warning(message);
            }
        }, override);
        return Runs.runAndScore(e, evaluator, out, ProgressPrinter.stdoutIsTerminal(), noFinal);
    }
}
