package dev.jnas.engine;

import dev.jnas.engine.config.ConfigLoader;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.journal.JournalReader;
import dev.jnas.engine.journal.JournalRecord;
import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.strategy.Candidate;
import dev.jnas.search.strategy.EvaluationResult;
import dev.jnas.search.strategy.StrategySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tell order {@code trial}: the strategy's calls, and so the search, are the same whatever the timing and
 * the worker count (for one {@code inFlight}); results that wait for their tell survive a crash.
 */
class TellOrderTest {
    /** The analytic evaluator with a sleep that depends on the key and a per-run salt: each run finishes trials in its own order. */
    static class Jittery extends Fakes.Counting {
        private final long salt;

        Jittery(long salt) {
            super(0);
            this.salt = salt;
        }

        @Override
        public TrialResult evaluate(TrialRequest request, TrialContext ctx) {
            calls.computeIfAbsent(request.key(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            Fakes.sleepPolling(new SplittableRandom(request.key().hashCode() * 31L + salt).nextInt(40), ctx);
            return Fakes.analytic(request);
        }
    }

    private static List<StrategySnapshot.Event> strategyCalls(Path dir) throws Exception {
        return StrategySnapshot.fromJson(Files.readString(new ExperimentDir(dir).snapshot())).events();
    }

    private static List<Integer> toldOrder(Path dir) {
        List<Integer> out = new ArrayList<>();
        for (JournalRecord r : JournalReader.read(dir.resolve("journal.jsonl"), w -> { })) {
            if (r.event().equals(JournalRecord.FINISHED)) {
                out.add(r.trial());
            }
        }
        return out;
    }

    @Test
    void run_trialOrderOneToThreeWorkersDifferentTiming_sameStrategyCallsAndResults(@TempDir Path tmp) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int workers = 1; workers <= 3; workers++) {
            Path d = tmp.resolve("w" + workers);
            Experiment.create(Fakes.config(d, Map.of("execution.workers", String.valueOf(workers), "execution.inFlight", "4",
                    "budget.maxTrials", "16")), Fakes.demoSpace(), new Jittery(workers), d).run(ProgressListener.NONE);
            dirs.add(d);
        }
        List<String> want = ExperimentTest.fingerprint(dirs.get(0));
        assertEquals(16, want.size());
        for (Path d : dirs) {
            assertEquals(want, ExperimentTest.fingerprint(d), d.getFileName() + ": trials and results");
            assertEquals(strategyCalls(dirs.get(0)), strategyCalls(d), d.getFileName() + ": ask/tell sequence");
            List<Integer> told = toldOrder(d);
            for (int i = 0; i < told.size(); i++) {
                assertEquals(i, told.get(i), d.getFileName() + ": tells in trial order " + told);
            }
        }
    }

    @Test
    void create_autoInFlight_fourForOneAndTwoWorkersRecordedInConfig(@TempDir Path tmp) throws Exception {
        for (int workers : new int[] {1, 2}) {
            Path d = tmp.resolve("w" + workers);
            Experiment.create(Fakes.config(d, Map.of("execution.workers", String.valueOf(workers))), Fakes.demoSpace(),
                    new Jittery(5), d).run(ProgressListener.NONE);
            int asked = 0;
            int told = 0;
            int most = 0;
            for (StrategySnapshot.Event ev : strategyCalls(d)) {
                if (ev.type().equals("ask") && ev.id() >= 0) {
                    asked++;
                } else if (ev.type().equals("tell")) {
                    told++;
                }
                most = Math.max(most, asked - told);
            }
            assertEquals(4, most, workers + " workers: most trials asked but not told");
            assertEquals(4, ConfigLoader.load(d.resolve("config.json")).execution().inFlight(),
                    "the resolved value is recorded, so a resume elsewhere keeps it");
        }
    }

    /**
     * Runs 12 trials on 2 workers, 2 in flight, trial 0 slow (so trial 1's result waits for it: a completed line),
     * and copies the experiment to {@code b} with its journal cut after the first completed line; returns the cut.
     */
    private static List<String> slowFirstTrialCutAtCompleted(Path a, Path b) throws Exception {
        Fakes.Counting slowFirst = new Fakes.Counting(0) {
            @Override
            public TrialResult evaluate(TrialRequest request, TrialContext ctx) {
                Fakes.sleepPolling(request.trial() == 0 ? 300 : 0, ctx);
                return Fakes.analytic(request);
            }
        };
        Experiment.create(Fakes.config(a, Map.of("execution.workers", "2", "execution.inFlight", "2")), Fakes.demoSpace(),
                slowFirst, a).run(ProgressListener.NONE);
        List<String> journal = Files.readAllLines(a.resolve("journal.jsonl"));
        int cut = 0;
        while (cut < journal.size() && !journal.get(cut).contains("\"event\":\"completed\"")) {
            cut++;
        }
        assertTrue(cut < journal.size(), "a completed line: " + journal);
        Files.createDirectories(b);
        for (String f : List.of("config.json", "space.json", "provenance.json")) {
            Files.copy(a.resolve(f), b.resolve(f));
        }
        List<String> kept = journal.subList(0, cut + 1);
        Files.writeString(b.resolve("journal.jsonl"), String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        return kept;
    }

    @Test
    void resume_resultCompletedButNotTold_toldFromJournalWithoutTrainingAgain(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        slowFirstTrialCutAtCompleted(a, b);
        JournalRecord completed = JournalReader.read(a.resolve("journal.jsonl"), w -> { }).stream()
                .filter(r -> r.event().equals(JournalRecord.COMPLETED)).findFirst().orElseThrow();
        assertEquals(1, completed.trial());
        Fakes.Counting ev = new Fakes.Counting(0);
        Experiment.resume(b, ev).run(ProgressListener.NONE);

        assertEquals(ExperimentTest.fingerprint(a), ExperimentTest.fingerprint(b));
        assertFalse(ev.calls.containsKey(completed.key()), "the completed trial was trained again: " + ev.calls.keySet());
        assertEquals(1, ev.calls.get(ExperimentTest.trials(a).stream().filter(t -> t.trial() == 0).findFirst().orElseThrow()
                .key()).get(), "trial 0, in flight at the cut, runs again");
    }

    @Test
    void run_trialOrderRepeatedKeysTwoWorkers_duplicatesToldInTrialOrderNeverRetrained(@TempDir Path tmp) {
        SearchSpace space = Fakes.demoSpace();
        Genome[] pair = Fakes.twoDistinctGenomes(space);
        Genome g0 = pair[0];
        Genome g1 = pair[1];
        ResumeTest.FixedStrategy s = new ResumeTest.FixedStrategy(space, List.of(g0, g1, g0, g1, g0));
        Fakes.Counting ev = new Jittery(9);
        Path d = tmp.resolve("exp");
        Experiment.create(Fakes.config(d, Map.of("execution.workers", "2", "execution.inFlight", "4")), space, ev, d, s)
                .run(ProgressListener.NONE);
        List<TrialRecord> ts = ExperimentTest.trials(d);
        assertEquals(List.of(TrialStatus.SUCCEEDED, TrialStatus.SUCCEEDED, TrialStatus.DUPLICATE, TrialStatus.DUPLICATE,
                TrialStatus.DUPLICATE), ts.stream().map(TrialRecord::status).toList());
        assertEquals(List.of(0, 1, 2, 3, 4), toldOrder(d));
        assertEquals(1, ev.calls.get(space.key(g0)).get());
        assertEquals(1, ev.calls.get(space.key(g1)).get());
        assertEquals(ts.get(0).metrics(), ts.get(4).metrics());
        assertTrue(ts.get(2).architecture() != null, "a duplicate keeps its architecture in the history");
    }

    @Test
    void run_trialOrderTimeBudgetTwoWorkers_cancelledTrialsToldInOrderNothingInFlight(@TempDir Path tmp) {
        Path d = tmp.resolve("exp");
        ExperimentOutcome o = Experiment.create(Fakes.config(d, Map.of("budget.maxTrials", "1000", "budget.timeBudget", "400ms",
                "execution.workers", "2")), Fakes.demoSpace(), new Fakes.Counting(150), d).run(ProgressListener.NONE);
        assertEquals("time-budget", o.stopReason());
        List<Integer> told = toldOrder(d);
        for (int i = 0; i < told.size(); i++) {
            assertEquals(i, told.get(i), "tells in trial order " + told);
        }
        List<TrialRecord> ts = ExperimentTest.trials(d);
        assertEquals(TrialStatus.CANCELLED, ts.get(ts.size() - 1).status(), ExperimentTest.fingerprint(d).toString());
        assertTrue(TrialHistory.of(JournalReader.read(d.resolve("journal.jsonl"), w -> { })).inFlight().isEmpty(),
                "nothing left in flight");
    }

    /**
     * A {@link ResumeTest.FixedStrategy} that also asks nothing every 5th call while a trial is in flight, and
     * records every call in its snapshot.
     */
    static final class Script extends ResumeTest.FixedStrategy {
        private final List<StrategySnapshot.Event> events = new ArrayList<>();
        private int calls;

        Script(SearchSpace space, List<Genome> genomes) {
            super(space, genomes);
        }

        @Override
        public String name() {
            return "script";
        }

        @Override
        public Optional<Candidate> ask() {
            calls++;
            Optional<Candidate> c = calls % 5 == 0 && inFlight > 0 ? Optional.empty() : super.ask();
            events.add(new StrategySnapshot.Event("ask", c.map(Candidate::id).orElse(-1L), Map.of()));
            return c;
        }

        @Override
        public void tell(long id, EvaluationResult result) {
            super.tell(id, result);
            events.add(new StrategySnapshot.Event("tell", id, result.metrics()));
        }

        @Override
        public StrategySnapshot snapshot() {
            return new StrategySnapshot("script", Map.of(), "val_accuracy", 0, new ArrayList<>(events));
        }
    }

    /** 30 draws from 18 distinct genomes (so repeats), and the parameter cap that prunes the largest few. */
    private record Scripted(List<Genome> genomes, long maxParameters) {
        static Scripted of(SearchSpace space) {
            SplittableRandom rng = new SplittableRandom(11);
            List<Genome> pool = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            while (pool.size() < 18) {
                Genome g = space.sample(rng);
                if (keys.add(space.key(g))) {
                    pool.add(g);
                }
            }
            List<Long> params = new ArrayList<>();
            pool.forEach(g -> params.add(space.decode(g).parameters()));
            Collections.sort(params);
            List<Genome> script = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                script.add(pool.get(rng.nextInt(pool.size())));
            }
            return new Scripted(script, params.get(14));
        }

        ExperimentConfig config(Path d, int workers) {
            return Fakes.config(d, Map.of("execution.workers", String.valueOf(workers), "execution.inFlight", "4",
                    "budget.maxTrials", "28", "constraints.maxParameters", String.valueOf(maxParameters)));
        }
    }

    @Test
    void run_trialOrderDuplicatesPrunedAndEmptyAsks_sameCallsWithOneToThreeWorkers(@TempDir Path tmp) throws Exception {
        SearchSpace space = Fakes.demoSpace();
        Scripted sc = Scripted.of(space);
        List<Path> dirs = new ArrayList<>();
        for (int workers = 1; workers <= 3; workers++) {
            Path d = tmp.resolve("w" + workers);
            Experiment.create(sc.config(d, workers), space, new Jittery(7L * workers), d, new Script(space, sc.genomes()))
                    .run(ProgressListener.NONE);
            dirs.add(d);
        }
        List<TrialStatus> statuses = ExperimentTest.trials(dirs.get(0)).stream().map(TrialRecord::status).toList();
        assertTrue(statuses.contains(TrialStatus.DUPLICATE) && statuses.contains(TrialStatus.PRUNED), statuses.toString());
        assertTrue(strategyCalls(dirs.get(0)).stream().anyMatch(ev -> ev.type().equals("ask") && ev.id() < 0), "empty asks");
        for (Path d : dirs) {
            assertEquals(ExperimentTest.fingerprint(dirs.get(0)), ExperimentTest.fingerprint(d), d.getFileName().toString());
            assertEquals(strategyCalls(dirs.get(0)), strategyCalls(d), d.getFileName() + ": ask/tell sequence");
        }
    }

    @Test
    void resume_journalCutAtEveryLine_sameRunAndNothingFinishedOrCompletedTrainedAgain(@TempDir Path tmp) throws Exception {
        SearchSpace space = Fakes.demoSpace();
        Scripted sc = Scripted.of(space);
        Path a = tmp.resolve("a");
        Experiment.create(sc.config(a, 2), space, new Jittery(1), a, new Script(space, sc.genomes())).run(ProgressListener.NONE);
        List<String> lines = Files.readAllLines(a.resolve("journal.jsonl"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"completed\"")), "the run has completed lines");
        List<String> failures = new ArrayList<>();
        for (int cut = 1; cut < lines.size(); cut++) {
            Path b = tmp.resolve("b" + cut);
            Files.createDirectories(b);
            for (String f : List.of("config.json", "space.json", "provenance.json")) {
                Files.copy(a.resolve(f), b.resolve(f));
            }
            Files.writeString(b.resolve("journal.jsonl"), String.join("\n", lines.subList(0, cut)) + "\n", StandardCharsets.UTF_8);
            Set<Integer> done = new HashSet<>();
            for (JournalRecord r : JournalReader.read(b.resolve("journal.jsonl"), w -> { })) {
                if (r.event().equals(JournalRecord.FINISHED) || r.event().equals(JournalRecord.COMPLETED)) {
                    done.add(r.trial());
                }
            }
            Set<Integer> trained = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Jittery ev = new Jittery(100 + cut) {
                @Override
                public TrialResult evaluate(TrialRequest request, TrialContext ctx) {
                    trained.add(request.trial());
                    return super.evaluate(request, ctx);
                }
            };
            List<JournalRecord> records = JournalReader.repair(new ExperimentDir(b).journal(), m -> { });
            Experiment e = new Experiment(new ExperimentDir(b), ConfigLoader.load(b.resolve("config.json")), space, ev, records,
                    new Script(space, sc.genomes()));
            StrategyReplay.replay(e, records);
            e.run(ProgressListener.NONE);
            if (!ExperimentTest.fingerprint(a).equals(ExperimentTest.fingerprint(b))) {
                failures.add("cut " + cut + ": trials differ");
            }
            if (!strategyCalls(a).equals(strategyCalls(b))) {
                failures.add("cut " + cut + ": strategy calls differ");
            }
            trained.retainAll(done);
            if (!trained.isEmpty()) {
                failures.add("cut " + cut + ": trained again " + trained);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void run_trialOrderTimeBudgetWithDuplicateOfWaitingResult_duplicateAnsweredNotCancelled(@TempDir Path tmp) {
        SearchSpace space = Fakes.demoSpace();
        Genome[] pair = Fakes.twoDistinctGenomes(space);
        Genome slow = pair[0];
        Genome fast = pair[1];
        String slowKey = space.key(slow);
        Fakes.Counting ev = new Fakes.Counting(0) {
            @Override
            public TrialResult evaluate(TrialRequest request, TrialContext ctx) {
                Fakes.sleepPolling(request.key().equals(slowKey) ? 5000 : 0, ctx);
                return Fakes.analytic(request);
            }
        };
        Path d = tmp.resolve("exp");
        // Trial 1's result waits behind the slow trial 0; trial 2 repeats trial 1's key when the budget runs out.
        Experiment.create(Fakes.config(d, Map.of("execution.workers", "2", "execution.inFlight", "3",
                        "budget.timeBudget", "400ms", "budget.maxTrials", "3")), space, ev, d,
                new ResumeTest.FixedStrategy(space, List.of(slow, fast, fast))).run(ProgressListener.NONE);
        List<TrialRecord> ts = ExperimentTest.trials(d);
        assertEquals(List.of(TrialStatus.CANCELLED, TrialStatus.SUCCEEDED, TrialStatus.DUPLICATE),
                ts.stream().map(TrialRecord::status).toList(), ExperimentTest.fingerprint(d).toString());
        assertEquals(ts.get(1).metrics(), ts.get(2).metrics());
    }

    @Test
    void resume_completedLineInCompletionOrder_toldAtOnceNothingLeftInFlight(@TempDir Path tmp) throws Exception {
        Path b = tmp.resolve("b");
        slowFirstTrialCutAtCompleted(tmp.resolve("a"), b);
        // The experiment is switched to completion order before it is resumed.
        Files.writeString(b.resolve("config.json"), Files.readString(b.resolve("config.json")).replace("\"trial\"", "\"completion\""));
        Fakes.Counting ev = new Fakes.Counting(0);
        Experiment.resume(b, ev).run(ProgressListener.NONE);
        List<JournalRecord> records = JournalReader.read(b.resolve("journal.jsonl"), w -> { });
        assertTrue(TrialHistory.of(records).inFlight().isEmpty(), "every trial told: " + ExperimentTest.fingerprint(b));
        assertEquals(12, ExperimentTest.trials(b).size());
    }
}
