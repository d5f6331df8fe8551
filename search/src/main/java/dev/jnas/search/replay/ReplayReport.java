package dev.jnas.search.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of a replay ({@link ReplayRunner#run}): the table and protocol, and one {@link Row} per
 * strategy. {@link #toText()} prints an aligned table, {@link #toJson()} the same data as JSON (without
 * the per-run results, which stay available in {@link Row#results()}).
 */
public record ReplayReport(String table, int tableRows, TabularBenchmark.Columns columns, ReplayBudget budget,
                           int runs, long seed, double maxReward, List<Row> rows) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ReplayReport {
        rows = List.copyOf(rows);
    }

    /**
     * One strategy over all runs: mean and standard deviation (population, as numpy's default) of the
     * report metric of each run's chosen architecture, mean evaluations, mean simulated seconds, mean best
     * reward, and how many runs chose an architecture with the table's maximum reward.
     */
    public record Row(String label, String strategy, Map<String, Object> params, int runs, double reportMean,
                      double reportStd, double evaluationsMean, double secondsMean, double bestRewardMean,
                      int optimumFound, @JsonIgnore List<RunResult> results) {
        public Row {
            params = Map.copyOf(params);
            results = List.copyOf(results);
        }

        /** Summarises {@code results} (in run order, so the sums are the same for any thread count). */
        static Row of(ReplayStrategy s, List<RunResult> results) {
            int n = results.size();
            double report = 0;
            double evaluations = 0;
            double seconds = 0;
            double reward = 0;
            int found = 0;
            for (RunResult r : results) {
                report += r.report();
                evaluations += r.evaluations();
                seconds += r.simulatedSeconds();
                reward += r.bestReward();
                found += r.foundOptimum() ? 1 : 0;
            }
            double mean = report / n;
            double var = 0;
            for (RunResult r : results) {
                var += (r.report() - mean) * (r.report() - mean);
            }
            return new Row(s.label(), s.strategy(), s.params(), n, mean, Math.sqrt(var / n), evaluations / n,
                    seconds / n, reward / n, found, results);
        }

        /** Fraction of runs that found an architecture with the maximum reward. */
        public double optimumRate() {
            return (double) optimumFound / runs;
        }
    }

    /** An aligned text table, one line per strategy, under a line describing the protocol. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "replay of %s (%d rows): maximise %s, report %s, budget %s%s, %d runs, seed %d%n",
                table, tableRows, columns.reward(), columns.report(), budget,
                budget.inSeconds() ? " (cost column " + columns.cost() + ")" : "", runs, seed));
        int w = "strategy".length();
        for (Row r : rows) {
            w = Math.max(w, r.label().length());
        }
        String head = "%-" + w + "s  %12s  %10s  %11s  %12s  %14s  %9s%n";
        sb.append(String.format(Locale.ROOT, head, "strategy", columns.report() + " mean", "std", "evaluations",
                "seconds", "best " + columns.reward(), "optimum"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %12.4f  %10.4f  %11.1f  %12.1f  %14.4f  %8.1f%%%n",
                    r.label(), r.reportMean(), r.reportStd(), r.evaluationsMean(), r.secondsMean(), r.bestRewardMean(),
                    100 * r.optimumRate()));
        }
        sb.append(String.format(Locale.ROOT, "optimum = runs whose choice has the table's maximum %s (%.4f)%n",
                columns.reward(), maxReward));
        return sb.toString();
    }

    /** The report as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("replay report: cannot write JSON", e);
        }
    }
}
