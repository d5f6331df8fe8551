package dev.jnas.search.replay;

import dev.jnas.search.Nb201Space;

import java.nio.file.Path;

/**
 * Everything a {@code nas replay} invocation specifies, in one value: the table file and its columns,
 * the budget, the strategies in their text form ({@link ReplayStrategy#parseList}), whether the
 * NAS-Bench-201 baseline presets apply, the number of runs, the root seed and the thread count.
 * {@link #run()} reads the table, validates everything (errors name the option's value at fault) and
 * replays. The command maps {@code --table --arch-column --reward --report --cost --budget-seconds |
 * --budget-evaluations --strategy --runs --seed} onto this record and prints {@link ReplayReport#toText()}
 * or, with {@code --json}, {@link ReplayReport#toJson()}.
 */
public record ReplayRequest(Path table, TabularBenchmark.Columns columns, ReplayBudget budget, String strategies,
                            boolean baselines, int runs, long seed, int threads) {
    public ReplayRequest {
        if (table == null || columns == null || budget == null) {
            throw new IllegalArgumentException("replay: table, columns and budget are required");
        }
        if (runs < 1 || threads < 1) {
            throw new IllegalArgumentException("replay: runs and threads must be >= 1, got runs=" + runs + ", threads=" + threads);
        }
    }

    /** Parses the strategies, reads the table over the default NAS-Bench-201 space, and runs the replay. */
    public ReplayReport run() {
        var arms = ReplayStrategy.parseList(strategies, baselines);
        TabularBenchmark t = TabularBenchmark.read(table, Nb201Space.create(), columns);
        return new ReplayRunner(t, budget).run(arms, runs, seed, threads);
    }
}
