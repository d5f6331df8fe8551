package dev.jnas.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.journal.JournalReader;
import dev.jnas.engine.report.ExperimentResults;
import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-ranking the search's best trials by cross-validation before the final test score (fake evaluators). */
class FinalistsTest {
    /** Cross-validation that favours one key and fails another; counts calls and records folds and epochs. */
    static final class CrossValidating extends Fakes.Counting {
        final AtomicInteger cvCalls = new AtomicInteger();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        volatile String favourite;
        volatile String failing;

        CrossValidating() {
            super(0);
        }

        @Override
        public TrialResult crossValidate(TrialRequest request, int folds, TrialContext ctx) {
            cvCalls.incrementAndGet();
            seen.add(folds + "x" + request.epochs());
            if (request.key().equals(failing)) {
                return TrialResult.of(TrialStatus.FAILED, "diverged: fold 2", 1, request.parameters(), request.flops());
            }
            double loss = request.key().equals(favourite) ? 0.05 : 0.2;
            return TrialResult.succeeded(Map.of("cv_accuracy", 0.9, "cv_loss", loss, "cv_accuracy_sd", 0.01,
                    "folds", (double) folds), List.of(), 1, request.parameters(), request.flops());
        }
    }

    private static List<TrialRecord> ranked(Path d) {
        return TrialHistory.ranked(TrialHistory.of(JournalReader.read(d.resolve("journal.jsonl"), w -> { })).finished(),
                "val_accuracy", true);
    }

    @Test
    void scoreFinal_thirdBestWinsCrossValidation_scoresItAndReportsItAsTheAnswer(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("exp");
        CrossValidating ev = new CrossValidating();
        Experiment e = Experiment.create(Fakes.config(d, Map.of("budget.finalists", "3", "budget.finalistFolds", "4",
                "budget.finalistMetric", "cv_loss")), Fakes.demoSpace(), ev, d);
        e.run(ProgressListener.NONE);
        List<TrialRecord> r = ranked(d);
        TrialRecord third = r.stream().map(TrialRecord::key).distinct().skip(2).findFirst()
                .flatMap(k -> r.stream().filter(t -> t.key().equals(k)).findFirst()).orElseThrow();
        ev.favourite = third.key();
        Experiment.FinalRecord fin = e.scoreFinal(true);
        assertEquals(third.trial(), fin.trial());
        assertEquals(3, fin.selection().finalists().size());
        assertEquals(3, ev.cvCalls.get());
        assertEquals(Set.of("4x2"), ev.seen, "finalists are cross-validated with the configured folds at the search's epochs");
        assertTrue(fin.selection().method().contains("cv_loss"), fin.selection().method());
        ExperimentResults res = ExperimentResults.load(d);
        assertEquals(third.trial(), res.best().orElseThrow().trial());
        assertEquals(third.trial(), res.ranked().get(0).trial(), "export and reports put the selected trial first");
        JsonNode summary = new ObjectMapper().readTree(d.resolve("summary.json").toFile());
        assertEquals(third.trial(), summary.path("bestTrial").asInt());
        assertTrue(summary.path("testMetrics").has("test_accuracy"), summary.toString());
        String table = dev.jnas.engine.report.Report.table(res, 5);
        assertTrue(table.contains("final selection: trial " + third.trial() + " by 4-fold cross-validation"), table);
        assertTrue(table.contains("* trial " + String.format("%4d", third.trial())), table);
    }

    @Test
    void scoreFinal_again_reusesStoredFinalistScores(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        CrossValidating ev = new CrossValidating();
        Experiment e = Experiment.create(Fakes.config(d, Map.of("budget.finalists", "3")), Fakes.demoSpace(), ev, d);
        e.run(ProgressListener.NONE);
        int first = e.scoreFinal(false).trial();
        assertEquals(3, ev.cvCalls.get());
        assertEquals(first, e.scoreFinal(false).trial());
        assertEquals(3, ev.cvCalls.get(), "finalists.json answered the second final scoring");
    }

    @Test
    void scoreFinal_failedFinalist_cannotWinAndKeepsItsReason(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        CrossValidating ev = new CrossValidating();
        Experiment e = Experiment.create(Fakes.config(d, Map.of("budget.finalists", "2",
                "budget.finalistMetric", "cv_loss")), Fakes.demoSpace(), ev, d);
        e.run(ProgressListener.NONE);
        TrialRecord best = ranked(d).get(0);
        ev.favourite = best.key();
        ev.failing = best.key();
        Experiment.FinalRecord fin = e.scoreFinal(false);
        assertNotEquals(best.trial(), fin.trial());
        Finalists.Finalist failed = fin.selection().finalists().get(0);
        assertNull(failed.cvMetrics());
        assertTrue(failed.failure().startsWith("diverged"), failed.failure());
    }

    @Test
    void scoreFinal_evaluatorCannotCrossValidate_keepsTheSearchBest(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        Experiment e = Experiment.create(Fakes.config(d, Map.of("budget.finalists", "3")), Fakes.demoSpace(),
                new Fakes.Counting(0), d);
        e.run(ProgressListener.NONE);
        Experiment.FinalRecord fin = e.scoreFinal(false);
        assertEquals(ranked(d).get(0).trial(), fin.trial());
        assertTrue(fin.selection().method().contains("cannot cross-validate"), fin.selection().method());
    }

    @Test
    void scoreFinal_oneFinalist_noCrossValidation(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        CrossValidating ev = new CrossValidating();
        Experiment e = Experiment.create(Fakes.config(d, Map.of()), Fakes.demoSpace(), ev, d);
        e.run(ProgressListener.NONE);
        Experiment.FinalRecord fin = e.scoreFinal(false);
        assertEquals(ranked(d).get(0).trial(), fin.trial());
        assertNull(fin.selection());
        assertEquals(0, ev.cvCalls.get());
    }
}
