package dev.jnas.cli;

import dev.jnas.search.replay.MissingRowException;
import dev.jnas.search.replay.ReplayBudget;
import dev.jnas.search.replay.ReplayReport;
import dev.jnas.search.replay.ReplayRequest;
import dev.jnas.search.replay.TabularBenchmark;
import dev.jnas.search.replay.TableFormatException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nas replay}: replays search strategies over a NAS-Bench-201-style tabular benchmark (a CSV
 * with one row per architecture, docs/replay.md) and prints, per strategy, the mean and spread of the
 * reported value over many seeded runs. Maps its options onto {@link ReplayRequest}. A bad table or
 * strategy list is a usage error (2) naming the file and line or the value; a table without a row the
 * search proposes fails the run (1).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Compare strategies on a tabular benchmark (NAS-Bench-201 space) over many seeded runs.")
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "FILE", description = "The benchmark CSV (docs/replay.md).")
    Path table;

    @Option(names = "--arch-column", paramLabel = "NAME", defaultValue = "arch_str",
            description = "Column of the NAS-Bench-201 architecture strings (default: ${DEFAULT-VALUE}).")
    String archColumn;

    @Option(names = "--reward", required = true, paramLabel = "COLUMN", description = "Column the search maximises.")
    String reward;

    @Option(names = "--report", required = true, paramLabel = "COLUMN", description = "Column reported for a run's choice.")
    String report;

    @Option(names = "--cost", paramLabel = "COLUMN", description = "Column of simulated seconds per evaluation.")
    String cost;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Budget budget;

    /** Exactly one of the two budgets. */
    static final class Budget {
        @Option(names = "--budget-seconds", paramLabel = "S", required = true,
                description = "Simulated seconds per run (needs --cost).")
        Double seconds;

        @Option(names = "--budget-evaluations", paramLabel = "N", required = true, description = "Evaluations per run.")
        Long evaluations;
    }

    @Option(names = "--strategy", paramLabel = "LIST", defaultValue = "evolution,random",
            description = "Comma-separated strategies with :param=value overrides (default: ${DEFAULT-VALUE}).")
    String strategies;

    @Option(names = "--no-baselines", description = "Start every strategy from its own defaults, not the NAS-Bench-201 presets.")
    boolean noBaselines;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "100", description = "Seeded runs per strategy (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Threads (0 = all cores); results do not depend on it.")
    int threads;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(table)) {
            throw new UsageException("--table", table + " is not a readable file");
        }
        if (runs < 1) {
            throw new UsageException("--runs", "must be >= 1, got " + runs);
        }
        if (threads < 0) {
            throw new UsageException("--threads", "must be >= 0 (0 = all cores), got " + threads);
        }
        ReplayBudget b;
        try {
            b = budget.seconds != null ? ReplayBudget.seconds(budget.seconds) : ReplayBudget.evaluations(budget.evaluations);
        } catch (IllegalArgumentException e) {
            throw new UsageException(budget.seconds != null ? "--budget-seconds" : "--budget-evaluations", e.getMessage(), e);
        }
        if (b.inSeconds() && cost == null) {
            throw new UsageException("--budget-seconds", "needs --cost COLUMN (simulated seconds per evaluation)");
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ReplayRequest req;
        try {
            req = new ReplayRequest(table, new TabularBenchmark.Columns(archColumn, reward, report, cost), b, strategies,
                    !noBaselines, runs, seed, t);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--reward/--report/--arch-column", e.getMessage(), e);
        }
        ReplayReport r;
        try {
            r = req.run();
        } catch (TableFormatException e) {
            throw new UsageException("--table", e.getMessage(), e);
        } catch (MissingRowException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--strategy", e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? r.toJson() : r.toText());
        if (json) {
            out.println();
        }
        out.flush();
        return Main.OK;
    }
}
