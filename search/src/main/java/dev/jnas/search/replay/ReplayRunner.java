package dev.jnas.search.replay;

import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.search.strategy.Candidate;
import dev.jnas.search.strategy.EvaluationResult;
import dev.jnas.search.strategy.Objective;
import dev.jnas.search.strategy.Strategy;
import dev.jnas.search.strategy.StrategyRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays many independent searches against a {@link TabularBenchmark} under the NAS-Bench-201
 * simulated-time protocol, for one or more strategies, and summarises them in a {@link ReplayReport}.
 *
 * <p>One run: a fresh strategy (its own seed) over the NAS-Bench-201 space, one candidate at a time
 * (ask, look up, tell). Each evaluation adds its cost (the table's cost column; without one, the budget
 * counts evaluations). The search continues while the total is below the budget, so the evaluation that
 * reaches or crosses the budget is counted and is the last (as NAS-Bench-201's and NASLib's loops
 * {@code while total_time < budget}); a strategy that finishes earlier ends its run there. The answer is
 * the candidate with the best reward seen (the earliest among ties), and its report metric is what the
 * run reports.
 *
 * <p>Seeds: run {@code r} uses the {@code r}-th value of {@code new SplittableRandom(rootSeed).nextLong()},
 * the same for every strategy (common random numbers). Runs execute on {@code threads} threads; each
 * result goes to its own slot and the summary reads them in run order, so the output does not depend
 * on the thread count.
 *
 * <p>Use: {@code new ReplayRunner(table, ReplayBudget.seconds(12000)).run(ReplayStrategy.parseList("evolution,random", true), 500, 0, threads)}.
 */
public final class ReplayRunner {
    private final TabularBenchmark table;
    private final ReplayBudget budget;
    private final Objective objective;

    /** A runner over {@code table}; a seconds budget needs the table's cost column. */
    public ReplayRunner(TabularBenchmark table, ReplayBudget budget) {
        if (budget.inSeconds() && !table.hasCost()) {
            throw new IllegalArgumentException("replay: a budget in seconds needs a cost column, and table "
                    + table.file() + " was read without one; name a cost column or give the budget in evaluations");
        }
        this.table = table;
        this.budget = budget;
        this.objective = new Objective(table.columns().reward(), true);
    }

    public TabularBenchmark table() {
        return table;
    }

    public ReplayBudget budget() {
        return budget;
    }

    /** The seeds of runs {@code 0..runs-1} derived from {@code rootSeed}. */
    public static long[] runSeeds(long rootSeed, int runs) {
        SplittableRandom root = new SplittableRandom(rootSeed);
        long[] seeds = new long[runs];
        for (int r = 0; r < runs; r++) {
            seeds[r] = root.nextLong();
        }
        return seeds;
    }

    /** One simulated search of {@code s} with {@code seed}; a candidate without a row throws {@link MissingRowException}. */
    public RunResult runOnce(ReplayStrategy s, long seed) {
        Strategy strategy = StrategyRegistry.create(s.strategy(), table.space().space(), objective, seed, s.params());
        String metric = objective.metric();
        int evaluations = 0;
        double seconds = 0;
        int best = -1;
        double bestReward = Double.NEGATIVE_INFINITY;
        // Strategies never propose a key twice, so a run cannot exceed the space even with zero costs.
        while (budget.allowsMore(evaluations, seconds) && evaluations < Nb201Cell.SIZE) {
            Optional<Candidate> c = strategy.ask();
            if (c.isEmpty()) {
                break;
            }
            int cell = table.row(c.get().genome());
            double reward = table.reward(cell);
            seconds += table.cost(cell);
            evaluations++;
            if (best < 0 || reward > bestReward) {
                best = cell;
                bestReward = reward;
            }
            strategy.tell(c.get().id(), EvaluationResult.of(metric, reward));
        }
        if (best < 0) {
            throw new IllegalStateException("replay: strategy '" + s.label() + "' proposed nothing with seed " + seed);
        }
        return new RunResult(seed, evaluations, seconds, best, Nb201Cell.fromIndex(best).toString(), bestReward,
                table.report(best), bestReward == table.maxReward());
    }

    /**
     * {@code runs} runs of every strategy, on {@code threads} threads (1 = in the caller's thread); one
     * report row per strategy, in the given order.
     */
    public ReplayReport run(List<ReplayStrategy> strategies, int runs, long rootSeed, int threads) {
        if (strategies.isEmpty() || runs < 1 || threads < 1) {
            throw new IllegalArgumentException("replay: need at least one strategy, runs >= 1 and threads >= 1, got "
                    + strategies.size() + " strategies, runs=" + runs + ", threads=" + threads);
        }
        long[] seeds = runSeeds(rootSeed, runs);
        RunResult[][] results = new RunResult[strategies.size()][runs];
        if (threads == 1) {
            for (int k = 0; k < strategies.size(); k++) {
                for (int r = 0; r < runs; r++) {
                    results[k][r] = runOnce(strategies.get(k), seeds[r]);
                }
            }
        } else {
            runParallel(strategies, seeds, results, threads);
        }
        List<ReplayReport.Row> rows = new ArrayList<>();
        for (int k = 0; k < strategies.size(); k++) {
            rows.add(ReplayReport.Row.of(strategies.get(k), List.of(results[k])));
        }
        return new ReplayReport(table.file().toString(), table.rowCount(), table.columns(), budget, runs, rootSeed,
                table.maxReward(), rows);
    }

    private void runParallel(List<ReplayStrategy> strategies, long[] seeds, RunResult[][] results, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jnas-replay");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < strategies.size(); k++) {
                for (int r = 0; r < seeds.length; r++) {
                    int kk = k;
                    int rr = r;
                    futures.add(pool.submit(() -> {
                        results[kk][rr] = runOnce(strategies.get(kk), seeds[rr]);
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("replay: a run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay: interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
