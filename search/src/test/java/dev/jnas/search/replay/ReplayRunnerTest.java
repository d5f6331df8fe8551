package dev.jnas.search.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.search.Nb201Space;
import dev.jnas.search.strategy.Candidate;
import dev.jnas.search.strategy.Objective;
import dev.jnas.search.strategy.Strategy;
import dev.jnas.search.strategy.StrategyRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replays on a synthetic table: strategies against random, the budget protocol, determinism, reports, errors. */
class ReplayRunnerTest {
    private static final Nb201Space NB = Nb201Space.create();
    private static final double BUDGET = 12_000;

    @TempDir
    static Path dir;
    private static SyntheticTable syn;
    private static TabularBenchmark table;

    @BeforeAll
    static void readTable() {
        syn = new SyntheticTable(7);
        table = TabularBenchmark.read(syn.write(dir.resolve("synthetic.csv"), -1), NB, SyntheticTable.COLUMNS);
    }

    @Test
    void replay_guidedStrategies_findTheOptimumMoreOftenThanRandom() {
        List<ReplayStrategy> arms = ReplayStrategy.parseList("random,evolution,genetic,greedy,greedy:mode=construct", true);
        ReplayReport r = new ReplayRunner(table, ReplayBudget.seconds(BUDGET)).run(arms, 200, 1, 2);
        System.out.print(r.toText());
        ReplayReport.Row random = r.rows().get(0);
        for (ReplayReport.Row row : r.rows().subList(1, r.rows().size())) {
            assertTrue(row.optimumFound() >= 2 * random.optimumFound() + 5,
                    row.label() + " found the optimum " + row.optimumFound() + " times, random " + random.optimumFound());
            assertTrue(row.bestRewardMean() > random.bestRewardMean(), row.label());
            // Same budget: the mean number of evaluations differs only through which architectures were chosen.
            assertTrue(Math.abs(row.evaluationsMean() - random.evaluationsMean()) < 10, row.label());
        }
        assertEquals(syn.optimum(), table.optimum());
    }

    @Test
    void replay_gridWithTheWholeSpaceAsBudget_findsTheOptimum() {
        RunResult run = new ReplayRunner(table, ReplayBudget.evaluations(Nb201Cell.SIZE)).runOnce(ReplayStrategy.of("grid"), 0);
        assertEquals(Nb201Cell.SIZE, run.evaluations());
        assertEquals(table.optimum(), run.bestCell());
        assertTrue(run.foundOptimum());
        assertEquals(Nb201Cell.fromIndex(table.optimum()).toString(), run.bestArchitecture());
    }

    @Test
    void runOnce_secondsBudget_stopsAtTheFirstEvaluationReachingTheBudget() {
        ReplayRunner runner = new ReplayRunner(table, ReplayBudget.seconds(BUDGET));
        Objective objective = new Objective("val_acc", true);
        for (ReplayStrategy s : ReplayStrategy.parseList("evolution,genetic,random", true)) {
            for (long seed : ReplayRunner.runSeeds(3, 10)) {
                RunResult got = runner.runOnce(s, seed);
                // Oracle: the same strategy through the engine-facing path, with every cost summed by hand.
                Strategy st = StrategyRegistry.create(s.strategy(), NB.space(), objective, seed, s.params());
                double total = 0;
                double best = Double.NEGATIVE_INFINITY;
                double report = Double.NaN;
                int n = 0;
                while (total < BUDGET) {
                    Candidate c = st.ask().orElseThrow();
                    int cell = NB.cellIndex(c.genome());
                    assertTrue(total < BUDGET);
                    total += table.cost(cell);
                    n++;
                    if (table.reward(cell) > best) {
                        best = table.reward(cell);
                        report = table.report(cell);
                    }
                    st.tell(c.id(), table.evaluate(c.genome()));
                }
                assertEquals(n, got.evaluations(), s.label() + " seed " + seed);
                assertEquals(total, got.simulatedSeconds(), 1e-6);
                assertTrue(got.simulatedSeconds() >= BUDGET);
                assertEquals(best, got.bestReward());
                assertEquals(report, got.report());
            }
        }
    }

    @Test
    void run_evaluationBudgetWithoutCostColumn_makesExactlyThatManyEvaluations() {
        TabularBenchmark noCost = TabularBenchmark.read(table.file(), NB,
                new TabularBenchmark.Columns("arch_str", "val_acc", "test_acc", null));
        ReplayReport r = new ReplayRunner(noCost, ReplayBudget.evaluations(37)).run(ReplayStrategy.parseList("evolution,greedy", true), 20, 4, 1);
        for (ReplayReport.Row row : r.rows()) {
            assertEquals(37.0, row.evaluationsMean());
            assertEquals(0.0, row.secondsMean());
            for (RunResult run : row.results()) {
                assertEquals(37, run.evaluations());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReplayRunner(noCost, ReplayBudget.seconds(100)));
        assertTrue(e.getMessage().contains("needs a cost column"), e.getMessage());
    }

    @Test
    void run_sameSeed_sameReportForAnyThreadCount() {
        ReplayRunner runner = new ReplayRunner(table, ReplayBudget.seconds(4000));
        List<ReplayStrategy> arms = ReplayStrategy.parseList("evolution,random,genetic", true);
        ReplayReport one = runner.run(arms, 24, 9, 1);
        ReplayReport three = runner.run(arms, 24, 9, 3);
        assertEquals(one, three);
        assertEquals(one.toJson(), three.toJson());
        assertEquals(one.toText(), runner.run(arms, 24, 9, 2).toText());
        assertNotEquals(one.toJson(), runner.run(arms, 24, 10, 3).toJson());
    }

    @Test
    void report_json_holdsOneRowPerStrategyWithSummaryFields() throws Exception {
        ReplayReport r = new ReplayRunner(table, ReplayBudget.seconds(3000))
                .run(ReplayStrategy.parseList("evolution,random", true), 10, 0, 2);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals(2, json.get("rows").size());
        JsonNode evo = json.get("rows").get(0);
        assertEquals("evolution", evo.get("label").asText());
        assertEquals(10, evo.get("params").get("populationSize").asInt());
        assertEquals(r.rows().get(0).reportMean(), evo.get("reportMean").asDouble());
        assertEquals(r.rows().get(0).reportStd(), evo.get("reportStd").asDouble());
        assertFalse(evo.has("results"));
        assertEquals(3000.0, json.get("budget").get("seconds").asDouble());
        assertEquals("test_acc", json.get("columns").get("report").asText());
        double mean = r.rows().get(1).results().stream().mapToDouble(RunResult::report).average().orElseThrow();
        assertEquals(mean, r.rows().get(1).reportMean(), 1e-9);
        String text = r.toText();
        assertTrue(text.contains("evolution") && text.contains("test_acc mean") && text.contains("budget 3000.0 simulated seconds"), text);
    }

    @Test
    void request_commandLineValues_replayLikeTheRunnerAndRejectBadStrategies() {
        ReplayRequest req = new ReplayRequest(table.file(), SyntheticTable.COLUMNS, ReplayBudget.seconds(2000),
                "evolution,greedy:mode=construct", true, 12, 5, 2);
        ReplayReport viaRunner = new ReplayRunner(table, ReplayBudget.seconds(2000))
                .run(ReplayStrategy.parseList("evolution,greedy:mode=construct", true), 12, 5, 1);
        assertEquals(viaRunner, req.run());
        ReplayRequest bad = new ReplayRequest(table.file(), SyntheticTable.COLUMNS, ReplayBudget.seconds(2000), "evolution,anneal",
                true, 12, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains("replay strategy 'anneal'") && e.getMessage().contains("unknown"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReplayRequest(table.file(), SyntheticTable.COLUMNS,
                ReplayBudget.seconds(1), "random", true, 0, 5, 1));
    }

    @Test
    void replay_candidateWithoutRow_failsNamingArchitectureAndTable() {
        int missing = NB.cellIndex(NB.space().genomeAt(BigInteger.valueOf(5)));
        Path f = syn.write(dir.resolve("partial.csv"), missing);
        TabularBenchmark partial = TabularBenchmark.read(f, NB, SyntheticTable.COLUMNS);
        ReplayRunner runner = new ReplayRunner(partial, ReplayBudget.evaluations(20));
        for (int threads : new int[] {1, 2}) {
            MissingRowException e = assertThrows(MissingRowException.class,
                    () -> runner.run(List.of(ReplayStrategy.of("grid")), 3, 0, threads));
            assertEquals(Nb201Cell.fromIndex(missing).toString(), e.architecture());
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void strategies_textForm_appliesBaselinesThenOverridesAndRejectsMistakes() {
        List<ReplayStrategy> s = ReplayStrategy.parseList("evolution, evolution:sampleSize=5 ,random", true);
        assertEquals(Map.of("populationSize", 10, "sampleSize", 3), s.get(0).params());
        assertEquals(Map.of("populationSize", 10, "sampleSize", 5), s.get(1).params());
        assertEquals("evolution:sampleSize=5", s.get(1).label());
        assertEquals(Map.of(), ReplayStrategy.parseList("evolution", false).get(0).params());
        assertEquals(Map.of("mode", "construct"), ReplayStrategy.parseList("greedy:mode=construct", true).get(0).params());
        for (String[] bad : new String[][] {
                {"annealing", "unknown"}, {"evolution:populationSize=2:sampleSize=3", "sampleSize <= populationSize"},
                {"evolution:size", "must be key=value"}, {"random,random", "listed twice"}, {"random:colour=red", "bad parameters"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayStrategy.parseList(bad[0], true));
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new ReplayBudget(5, 5));
        assertThrows(IllegalArgumentException.class, () -> ReplayBudget.seconds(-1));
    }

    @Test
    void replay_500RunsOfAbout100Evaluations_figureForTheRecord() {
        ReplayRunner runner = new ReplayRunner(table, ReplayBudget.seconds(BUDGET));
        List<ReplayStrategy> arms = ReplayStrategy.parseList("evolution,random", true);
        long t0 = System.nanoTime();
        ReplayReport r = runner.run(arms, 500, 0, Runtime.getRuntime().availableProcessors());
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("replay timing: 2 strategies x 500 runs x %.1f evaluations in %.0f ms on %d threads%n",
                r.rows().get(0).evaluationsMean(), ms, Runtime.getRuntime().availableProcessors());
        for (ReplayReport.Row row : r.rows()) {
            assertTrue(row.evaluationsMean() > 80 && row.evaluationsMean() < 120, row.label() + " " + row.evaluationsMean());
        }
    }
}
