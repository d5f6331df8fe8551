package dev.jnas.engine;

import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.strategy.Candidate;
import dev.jnas.search.strategy.EvaluationResult;
import dev.jnas.search.strategy.Scored;
import dev.jnas.search.strategy.Strategy;
import dev.jnas.search.strategy.StrategySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Resume from journal prefixes equals the uninterrupted run; dedup answers repeated keys from the store. */
class ResumeTest {
    /** Cut the finished journal after {@code lines} lines, add half of the next line, resume: same trials as uninterrupted. */
    @ParameterizedTest(name = "cut after {0} lines")
    @ValueSource(ints = {0, 1, 2, 4, 8, 13, 20, 27, 34})
    void resume_fromJournalPrefixWithTornLine_continuesIdenticallyToUninterruptedRun(int lines, @TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Experiment.create(Fakes.config(a, Map.of()), Fakes.demoSpace(), new Fakes.Counting(0), a).run(ProgressListener.NONE);
        List<String> journal = Files.readAllLines(a.resolve("journal.jsonl"));
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        for (String f : List.of("config.json", "space.json", "provenance.json")) {
            Files.copy(a.resolve(f), b.resolve(f));
        }
        StringBuilder prefix = new StringBuilder();
        journal.subList(0, lines).forEach(l -> prefix.append(l).append('\n'));
        String next = journal.get(lines);
        prefix.append(next, 0, next.length() / 2);
        Files.writeString(b.resolve("journal.jsonl"), prefix.toString(), StandardCharsets.UTF_8);
        Set<String> doneBefore = new HashSet<>();
        ExperimentTest.trials(b).forEach(t -> doneBefore.add(t.key()));

        List<String> warnings = new ArrayList<>();
        Fakes.Counting ev = new Fakes.Counting(0);
        Experiment.resume(b, ev, new ProgressListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        }).run(ProgressListener.NONE);

        assertEquals(ExperimentTest.fingerprint(a), ExperimentTest.fingerprint(b));
        assertEquals(1, warnings.size(), "torn line warning: " + warnings);
        for (String k : ev.calls.keySet()) {
            assertFalse(doneBefore.contains(k), "completed " + k + " re-run");
        }
    }

    @Test
    void resume_withDataDir_sendsTheRemainingTrialsThereAndKeepsTheRecordedConfig(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Experiment.create(Fakes.config(a, Map.of("dataset.dir", "/recorded/data")), Fakes.demoSpace(), new Fakes.Counting(0), a)
                .run(ProgressListener.NONE);
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        for (String f : List.of("config.json", "space.json", "provenance.json")) {
            Files.copy(a.resolve(f), b.resolve(f));
        }
        Files.write(b.resolve("journal.jsonl"), Files.readAllLines(a.resolve("journal.jsonl")).subList(0, 6), StandardCharsets.UTF_8);
        String config = Files.readString(b.resolve("config.json"));
        Set<String> dirs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Fakes.Counting ev = new Fakes.Counting(0) {
            @Override
            public dev.jnas.engine.trial.TrialResult evaluate(dev.jnas.engine.trial.TrialRequest request,
                                                             dev.jnas.engine.trial.TrialContext ctx) {
                dirs.add(request.dataset().dir());
                return super.evaluate(request, ctx);
            }
        };
        Experiment e = Experiment.resume(b, ev, ProgressListener.NONE, "/moved/data");
        e.run(ProgressListener.NONE);
        assertEquals(Set.of("/moved/data"), dirs);
        assertEquals("/moved/data", e.config().dataset().dir());
        assertEquals(config, Files.readString(b.resolve("config.json")), "config.json keeps the recorded directory");
    }

    @Test
    void resume_snapshotDisagreesWithJournal_refusesWithMessage(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Experiment.create(Fakes.config(a, Map.of()), Fakes.demoSpace(), new Fakes.Counting(0), a).run(ProgressListener.NONE);
        List<String> journal = Files.readAllLines(a.resolve("journal.jsonl"));
        // A journal shorter than the snapshot cannot come from a crash: the snapshot follows the journal.
        Files.write(a.resolve("journal.jsonl"), journal.subList(0, 6));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Experiment.resume(a, new Fakes.Counting(0)));
        assertEquals(true, e.getMessage().contains("not a prefix"), e.getMessage());
    }

    /** Proposes a fixed list of genomes, repeats included (subclasses may script other asks). */
    static class FixedStrategy implements Strategy {
        final List<Genome> genomes;
        final SearchSpace space;
        final List<String> told = new ArrayList<>();
        int next;
        int inFlight;

        FixedStrategy(SearchSpace space, List<Genome> genomes) {
            this.space = space;
            this.genomes = genomes;
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public Optional<Candidate> ask() {
            if (next >= genomes.size()) {
                return Optional.empty();
            }
            inFlight++;
            Genome g = genomes.get(next);
            return Optional.of(new Candidate(next++, g, space.key(g)));
        }

        @Override
        public void tell(long id, EvaluationResult result) {
            inFlight--;
            told.add(id + " " + result.metrics());
        }

        @Override
        public boolean isFinished() {
            return next >= genomes.size();
        }

        @Override
        public int inFlight() {
            return inFlight;
        }

        @Override
        public Optional<Scored> best() {
            return Optional.empty();
        }

        @Override
        public StrategySnapshot snapshot() {
            return new StrategySnapshot("fixed", Map.of(), "val_accuracy", 0, List.of());
        }
    }

    @Test
    void run_strategyRepeatsKeys_duplicatesAnsweredFromStoreNeverRetrained(@TempDir Path tmp) {
        SearchSpace space = Fakes.demoSpace();
        Genome[] pair = Fakes.twoDistinctGenomes(space);
        Genome g0 = pair[0];
        Genome g1 = pair[1];
        FixedStrategy s = new FixedStrategy(space, List.of(g0, g1, g0, g1, g0));
        Fakes.Counting ev = new Fakes.Counting(0);
        Path d = tmp.resolve("exp");
        for (int workers : new int[] {1}) {
            Experiment.create(Fakes.config(d, Map.of("execution.workers", String.valueOf(workers))), space, ev, d, s)
                    .run(ProgressListener.NONE);
        }
        List<TrialRecord> ts = ExperimentTest.trials(d);
        assertEquals(List.of(TrialStatus.SUCCEEDED, TrialStatus.SUCCEEDED, TrialStatus.DUPLICATE, TrialStatus.DUPLICATE,
                TrialStatus.DUPLICATE), ts.stream().map(TrialRecord::status).toList());
        assertEquals(1, ev.calls.get(space.key(g0)).get());
        assertEquals(1, ev.calls.get(space.key(g1)).get());
        assertEquals(5, s.told.size(), "strategy told about every trial");
        assertEquals(ts.get(0).metrics(), ts.get(2).metrics());
        assertEquals(ts.get(0).metrics(), ts.get(4).metrics());
        assertEquals(s.told.get(0).substring(2), s.told.get(2).substring(2), "duplicate told the stored metrics");
        assertEquals("duplicate of trial 0 (SUCCEEDED)", ts.get(2).reason());
    }
}
