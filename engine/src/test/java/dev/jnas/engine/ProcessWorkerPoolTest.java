package dev.jnas.engine;

import dev.jnas.engine.config.ConfigException;
import dev.jnas.engine.journal.JournalReader;
import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process backend with real child JVMs (about half a second each): every failure a child can
 * have becomes a FAILED trial naming its cause and the search runs on to its budget; results that
 * the thread backend can produce too are journaled identically by both; resume re-runs in a child.
 */
class ProcessWorkerPoolTest {
    private static Map<String, String> process(String maxTrials, String... more) {
        Map<String, String> o = new java.util.LinkedHashMap<>(Map.of("budget.maxTrials", maxTrials, "execution.backend", "process"));
        for (int i = 0; i < more.length; i += 2) {
            o.put(more[i], more[i + 1]);
        }
        return o;
    }

    @Test
    void search_misbehavingTrialsInChildJvms_eachFailsNamingItsCauseAndSearchRunsToBudget(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("exp");
        var config = Fakes.config(dir, process("8", "execution.trialMemory", "48m", "budget.trialTimeLimit", "6s"));
        ExperimentOutcome o = Experiment.create(config, Fakes.demoSpace(), new ChildEvaluators.Misbehaving(), dir)
                .run(ProgressListener.NONE);

        assertEquals("max-trials", o.stopReason());
        List<TrialRecord> all = ExperimentTest.trials(dir);
        assertEquals(8, all.size());
        Set<Integer> seen = new HashSet<>();
        for (TrialRecord t : all) {
            if (t.status() == TrialStatus.DUPLICATE) {
                continue;
            }
            int kind = t.trial() % 8;
            seen.add(kind);
            String why = "trial " + t.trial() + ": " + t.status() + " " + t.reason();
            switch (kind) {
                case 1 -> assertEquals("out of memory: trial heap limit 48m exceeded (Java heap space)", t.reason(), why);
                case 2 -> assertTrue(t.reason().startsWith("trial process wrote no result, exit code 3; stderr: "), why);
                case 3 -> assertEquals("exceeded trial time limit 6s", t.reason(), why);
                case 4 -> assertTrue(t.reason().startsWith("trial process wrote a bad result (trial JSON: bad TrialResult")
                        && t.reason().contains("exit code 0"), why);
                case 5 -> assertEquals("diverged: training diverged: loss Infinity at epoch 1, step 9", t.reason(), why);
                default -> {
                    assertEquals(TrialStatus.SUCCEEDED, t.status(), why);
                    assertEquals(Fakes.score(Experiment.requestFor(dir, t)), t.metric("val_accuracy"), why);
                }
            }
            if (kind >= 1 && kind <= 5) {
                assertEquals(TrialStatus.FAILED, t.status(), why);
            }
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), seen, "every behaviour ran once at least (seed-dependent)");
        assertNoTrialChildLeft();
    }

    @Test
    void search_benignTrials_processAndThreadBackendsJournalIdenticalOutcomes(@TempDir Path tmp) {
        Path threads = tmp.resolve("threads");
        Path children = tmp.resolve("process");
        Experiment.create(Fakes.config(threads, Map.of("budget.maxTrials", "4")), Fakes.demoSpace(),
                new ChildEvaluators.Benign(), threads).run(ProgressListener.NONE);
        Experiment.create(Fakes.config(children, process("4")), Fakes.demoSpace(), new ChildEvaluators.Benign(), children)
                .run(ProgressListener.NONE);
        assertSameOutcomes(ExperimentTest.trials(threads), ExperimentTest.trials(children));
        assertTrue(ExperimentTest.trials(children).stream().anyMatch(t -> t.reason() != null && t.reason().startsWith("diverged: ")));
    }

    @Test
    void resume_processBackendWithTrialInFlight_rerunsItInAChildAndEndsAsUninterrupted(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Experiment.create(Fakes.config(a, process("3")), Fakes.demoSpace(), new ChildEvaluators.Benign(), a).run(ProgressListener.NONE);
        List<String> journal = Files.readAllLines(a.resolve("journal.jsonl"));
        int lastFinished = -1;
        for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i).contains("\"event\":\"finished\"")) {
                lastFinished = i;
            }
        }
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        for (String f : List.of("config.json", "space.json", "provenance.json")) {
            Files.copy(a.resolve(f), b.resolve(f));
        }
        // As if killed while the last trial was running: its start lines stay, its finished line is gone.
        Files.write(b.resolve("journal.jsonl"), journal.subList(0, lastFinished));
        assertEquals(2, ExperimentTest.trials(b).size());

        ExperimentOutcome o = Experiment.resume(b, new ChildEvaluators.Benign()).run(ProgressListener.NONE);

        assertEquals("max-trials", o.stopReason());
        assertSameOutcomes(ExperimentTest.trials(a), ExperimentTest.trials(b));
    }

    @Test
    void submit_sequentialTrials_reuseTheChildUntilOneFailsThenStartAFreshOne() throws Exception {
        try (ProcessWorkerPool pool = new ProcessWorkerPool(ChildEvaluators.Pid.class.getName(), "32m", 1)) {
            double[] pid = new double[4];
            for (int trial = 0; trial < 4; trial++) {
                TrialResult r = submitAndWait(pool, new TrialRequest(trial, "k" + trial, Map.of(), "{}", 10, 20, null, 1, 1, null));
                if (trial == 1) {
                    assertEquals(TrialStatus.FAILED, r.status());
                    assertTrue(r.reason().startsWith("trial process wrote no result, exit code 3"), r.reason());
                } else {
                    pid[trial] = r.metrics().get("pid");
                }
            }
            assertTrue(pid[0] != ProcessHandle.current().pid(), "trial ran in this JVM");
            assertTrue(pid[2] != pid[0], "the trial after a failure must not reuse the failed child");
            assertEquals(pid[2], pid[3], "a healthy child serves the next trial");
        }
    }

    private static TrialResult submitAndWait(ProcessWorkerPool pool, TrialRequest req) throws Exception {
        CompletableFuture<TrialResult> got = new CompletableFuture<>();
        pool.submit(req, new NoCtx(), (r, e) -> {
            if (e != null) {
                got.completeExceptionally(e);
            } else {
                got.complete(r);
            }
        });
        return got.get(60, TimeUnit.SECONDS);
    }

    @Test
    void submit_unknownEvaluatorClass_failsWithExitCodeAndStderrTail() throws Exception {
        TrialRequest req = new TrialRequest(0, "k", Map.of(), "{}", 10, 20, null, 1, 1, null);
        try (ProcessWorkerPool pool = new ProcessWorkerPool("dev.jnas.NoSuchEvaluator", "32m", 1)) {
            TrialResult r = submitAndWait(pool, req);
            assertEquals(TrialStatus.FAILED, r.status());
            assertTrue(r.reason().startsWith("trial process wrote no result, exit code 1; stderr: ")
                    && r.reason().contains("cannot create evaluator dev.jnas.NoSuchEvaluator"), r.reason());
            assertEquals(10, r.parameters());
        }
    }

    @Test
    void create_processBackendWithEvaluatorAChildCannotCreate_isConfigErrorNamingBackend(@TempDir Path tmp) {
        Path dir = tmp.resolve("exp");
        ConfigException e = assertThrows(ConfigException.class, () -> Experiment.create(Fakes.config(dir, process("2")),
                Fakes.demoSpace(), new Fakes.Counting(0), dir));
        assertEquals("execution.backend", e.path());
        assertTrue(e.getMessage().contains("public no-argument constructor"), e.getMessage());
    }

    @Test
    void command_processBackend_capsHeapExitsOnOomAndPassesKernelThreads() {
        try (ProcessWorkerPool pool = new ProcessWorkerPool(ChildEvaluators.Benign.class.getName(), "96m", 3)) {
            List<String> c = pool.command();
            for (String flag : List.of("--add-modules=jdk.incubator.vector", "-Xmx96m", "-XX:+ExitOnOutOfMemoryError",
                    "-Dnas.threads=3", TrialWorkerMain.class.getName(), ChildEvaluators.Benign.class.getName())) {
                assertTrue(c.contains(flag), flag + " missing from " + c);
            }
            assertEquals("3", c.get(c.size() - 1));
        }
    }

    static void assertSameOutcomes(List<TrialRecord> expected, List<TrialRecord> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            TrialRecord x = expected.get(i);
            TrialRecord y = actual.get(i);
            String where = "trial " + x.trial();
            assertEquals(x.trial(), y.trial(), where);
            assertEquals(x.key(), y.key(), where);
            assertEquals(x.status(), y.status(), where);
            assertEquals(x.reason(), y.reason(), where);
            assertEquals(x.metrics(), y.metrics(), where);
            assertEquals(x.history(), y.history(), where);
            assertEquals(x.parameters(), y.parameters(), where);
        }
    }

    private static void assertNoTrialChildLeft() throws InterruptedException {
        List<ProcessHandle> left = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            left.clear();
            ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().orElse("").contains(TrialWorkerMain.class.getName()))
                    .forEach(left::add);
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        assertTrue(left.isEmpty(), "trial children still alive: " + left);
    }

    private static final class NoCtx implements TrialContext {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public int kernelThreads() {
            return 1;
        }

        @Override
        public void epochDone(int epoch, Map<String, Double> metrics) {
        }
    }
}
