package dev.jnas.engine;

import dev.jnas.engine.journal.JournalReader;
import dev.jnas.engine.journal.JournalRecord;
import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.nn.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The experiment loop with fake evaluators: statuses, budgets, determinism, persistence files. */
class ExperimentTest {
    static List<TrialRecord> trials(Path dir) {
        return TrialHistory.of(JournalReader.read(dir.resolve("journal.jsonl"), w -> { })).finished();
    }

    /** (trial, key, status, metrics, seed) of every finished trial, in trial order. */
    static List<String> fingerprint(Path dir) {
        return trials(dir).stream().sorted(java.util.Comparator.comparingInt(TrialRecord::trial))
                .map(t -> t.trial() + " " + t.key() + " " + t.status() + " " + t.metrics() + " " + t.seed()).toList();
    }

    @Test
    void run_oneWorkerSameSeed_sameTrialSequenceAndResults(@TempDir Path tmp) {
        for (String name : List.of("a", "b")) {
            Path d = tmp.resolve(name);
            Experiment.create(Fakes.config(d, Map.of()), Fakes.demoSpace(), new Fakes.Counting(0), d).run(ProgressListener.NONE);
        }
        List<String> a = fingerprint(tmp.resolve("a"));
        assertEquals(12, a.size());
        assertEquals(a, fingerprint(tmp.resolve("b")));
        Path c = tmp.resolve("c");
        Experiment.create(Fakes.config(c, Map.of("execution.seed", "8")), Fakes.demoSpace(), new Fakes.Counting(0), c)
                .run(ProgressListener.NONE);
        assertTrue(!a.equals(fingerprint(c)), "another seed should give another sequence");
    }

    @Test
    void create_newDirectory_writesConfigProvenanceSpaceSnapshotAndSummary(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("exp");
        ExperimentOutcome o = Experiment.create(Fakes.config(d, Map.of()), Fakes.demoSpace(), new Fakes.Counting(0), d)
                .run(ProgressListener.NONE);
        for (String f : List.of("config.json", "provenance.json", "space.json", "journal.jsonl", "strategy-snapshot.json", "summary.json")) {
            assertTrue(Files.isRegularFile(d.resolve(f)), f);
        }
        assertTrue(Files.readString(d.resolve("provenance.json")).contains("\"seed\" : 7"));
        assertEquals(12L, o.counts().get(TrialStatus.SUCCEEDED));
        assertNotNull(o.best());
        assertThrows(IllegalStateException.class,
                () -> Experiment.create(Fakes.config(d, Map.of()), Fakes.demoSpace(), new Fakes.Counting(0), d));
    }

    @Test
    void create_augmentShiftLargerThanImages_configErrorNamingFieldBeforeAnyTrial(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        var e = assertThrows(dev.jnas.engine.config.ConfigException.class, () -> Experiment.create(
                Fakes.config(d, Map.of("training.augmentShift", "8")), Fakes.demoSpace(), new Fakes.Counting(0), d));
        assertEquals("training.augmentShift", e.path());
        assertTrue(e.getMessage().contains("8x8"), e.getMessage());
        assertFalse(Files.exists(d.resolve("journal.jsonl")));
    }

    @Test
    void run_evaluatorThrowsNanOrOverruns_failedWithReasonAndSearchContinues(@TempDir Path tmp) {
        TrialEvaluator bad = (r, ctx) -> switch (r.trial() % 4) {
            case 0 -> throw new IllegalStateException("boom " + r.trial());
            case 1 -> TrialResult.succeeded(Map.of("val_accuracy", Double.NaN), List.of(), 1, 0, 0);
            case 2 -> {
                Fakes.sleepPolling(5_000, ctx);
                yield Fakes.analytic(r);
            }
            default -> throw new TrainingDivergedException(0, 3, Double.NaN);
        };
        Path d = tmp.resolve("exp");
        ExperimentOutcome o = Experiment.create(Fakes.config(d, Map.of("budget.maxTrials", "8", "budget.trialTimeLimit", "150ms")),
                Fakes.demoSpace(), bad, d).run(ProgressListener.NONE);
        assertEquals("max-trials", o.stopReason());
        List<TrialRecord> ts = trials(d);
        assertEquals(8, ts.size());
        for (TrialRecord t : ts) {
            assertEquals(TrialStatus.FAILED, t.status(), "trial " + t.trial());
            String want = switch (t.trial() % 4) {
                case 0 -> "threw IllegalStateException: boom";
                case 1 -> "diverged: objective val_accuracy is NaN";
                case 2 -> "exceeded trial time limit 150ms";
                default -> "diverged: training diverged";
            };
            assertTrue(t.reason().startsWith(want), "trial " + t.trial() + " reason " + t.reason());
        }
        assertEquals(null, o.best());
    }

    @Test
    void run_constraintTighterThanSpace_prunedWithoutTraining(@TempDir Path tmp) {
        Fakes.Counting ev = new Fakes.Counting(0);
        Path d = tmp.resolve("exp");
        Experiment.create(Fakes.config(d, Map.of("constraints.maxParameters", "3000")), Fakes.demoSpace(), ev, d)
                .run(ProgressListener.NONE);
        List<TrialRecord> ts = trials(d);
        long pruned = ts.stream().filter(t -> t.status() == TrialStatus.PRUNED).count();
        assertTrue(pruned > 0, "some demo candidates exceed 3000 parameters");
        for (TrialRecord t : ts) {
            if (t.status() == TrialStatus.PRUNED) {
                assertTrue(t.parameters() > 3000 && t.reason().contains("maxParameters 3000"), t.reason());
                assertTrue(!ev.calls.containsKey(t.key()), "pruned trial was trained");
            } else {
                assertTrue(t.parameters() <= 3000);
            }
        }
    }

    @Test
    void run_timeBudget_stopsCleanlyAndRecordsCancelledTrial(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        ExperimentOutcome o = Experiment.create(Fakes.config(d, Map.of("budget.maxTrials", "1000", "budget.timeBudget", "400ms")),
                Fakes.demoSpace(), new Fakes.Counting(150), d).run(ProgressListener.NONE);
        assertEquals("time-budget", o.stopReason());
        List<TrialRecord> ts = trials(d);
        assertTrue(ts.size() < 20, "stopped early: " + ts.size());
        assertEquals(TrialStatus.CANCELLED, ts.get(ts.size() - 1).status());
        assertTrue(TrialHistory.of(JournalReader.read(d.resolve("journal.jsonl"), w -> { })).inFlight().isEmpty(),
                "nothing left in flight");
    }

    @Test
    void run_twoWorkers_allTrialsFinishOnce(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        ExperimentOutcome o = Experiment.create(Fakes.config(d, Map.of("execution.workers", "2", "budget.maxTrials", "10")),
                Fakes.demoSpace(), new Fakes.Counting(10), d).run(ProgressListener.NONE);
        assertEquals(2, Experiment.resume(d, new Fakes.Counting(0)).coreSplit().workers());
        assertEquals(10, trials(d).stream().map(TrialRecord::trial).distinct().count());
        assertEquals(10L, o.counts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void evaluateFinal_bestTrial_writesFinalJsonIntoSummary(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("exp");
        Fakes.Counting ev = new Fakes.Counting(0);
        Experiment e = Experiment.create(Fakes.config(d, Map.of()), Fakes.demoSpace(), ev, d);
        ExperimentOutcome o = e.run(ProgressListener.NONE);
        TrialResult r = e.evaluateFinal(false);
        assertEquals(o.best().metric("val_accuracy") - 0.01, r.metrics().get("test_accuracy"), 1e-12);
        assertTrue(Files.readString(d.resolve("summary.json")).contains("test_accuracy"));
    }


    /** Runs the fake experiment with {@code overrides}, scores it, and returns the request the final scoring trained. */
    private static TrialRequest finalRequest(Path d, Map<String, String> overrides) {
        TrialRequest[] seen = {null};
        Fakes.Counting ev = new Fakes.Counting(0) {
            @Override
            public TrialResult evaluateFinal(TrialRequest best, boolean retrain, TrialContext ctx) {
                seen[0] = best;
                return super.evaluateFinal(best, retrain, ctx);
            }
        };
        Experiment e = Experiment.create(Fakes.config(d, overrides), Fakes.demoSpace(), ev, d);
        e.run(ProgressListener.NONE);
        e.evaluateFinal(true);
        return seen[0];
    }

    @Test
    void evaluateFinal_finalEpochsSet_trainsWinnerAtThatFidelity(@TempDir Path tmp) {
        assertEquals(9, finalRequest(tmp.resolve("exp"), Map.of("budget.finalEpochs", "9")).epochs());
    }

    @Test
    void evaluateFinal_finalEpochsZero_usesTrialEpochs(@TempDir Path tmp) {
        assertEquals(2, finalRequest(tmp.resolve("exp"), Map.of()).epochs());
    }

    @ParameterizedTest(name = "augmentTrials {0}")
    @ValueSource(booleans = {true, false})
    void run_augmentTrialsOnOrOff_trialsFollowItFinalAlwaysAugmented(boolean augmentTrials, @TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        java.util.Set<Integer> trialShifts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        int[] finalShift = {-1};
        Fakes.Counting ev = new Fakes.Counting(0) {
            @Override
            public TrialResult evaluate(TrialRequest request, TrialContext ctx) {
                trialShifts.add(request.training().augmentShift());
                return super.evaluate(request, ctx);
            }

            @Override
            public TrialResult evaluateFinal(TrialRequest best, boolean retrain, TrialContext ctx) {
                finalShift[0] = best.training().augmentShift();
                return super.evaluateFinal(best, retrain, ctx);
            }
        };
        Experiment e = Experiment.create(Fakes.config(d, Map.of("training.augmentShift", "2",
                "training.augmentTrials", Boolean.toString(augmentTrials))), Fakes.demoSpace(), ev, d);
        e.run(ProgressListener.NONE);
        e.evaluateFinal(true);
        assertEquals(java.util.Set.of(augmentTrials ? 2 : 0), trialShifts);
        assertEquals(2, finalShift[0]);
        TrialRecord best = TrialHistory.of(JournalReader.read(d.resolve("journal.jsonl"), w -> { }))
                .best("val_accuracy", true).orElseThrow();
        TrialRequest again = Experiment.requestFor(d, best);
        assertEquals(2, again.training().augmentShift(), "retraining for export uses the final recipe");
    }
}
