package dev.jnas.engine;

import dev.jnas.engine.journal.JournalReader;
import dev.jnas.engine.journal.JournalRecord;
import dev.jnas.engine.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts a real search in a child JVM, SIGKILLs it mid-search, resumes in-process and checks the journal. */
class KillResumeTest {
    private static final int BUDGET = 30;

    @Test
    void resume_afterSigkillMidSearch_runsBudgetExactlyWithoutRepeatingCompletedTrials(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("exp");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), KillResumeChild.class.getName(), dir.toString(),
                String.valueOf(BUDGET), "50")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (finishedCount(dir) < 5 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        int before = finishedCount(dir);
        assertTrue(before >= 5 && before < BUDGET, "child should be killed mid-search, finished " + before
                + "; log: " + Files.readString(tmp.resolve("child.log")));
        Set<String> doneKeys = new HashSet<>();
        for (JournalRecord r : JournalReader.read(dir.resolve("journal.jsonl"), w -> { })) {
            if (r.event().equals(JournalRecord.FINISHED)) {
                doneKeys.add(r.key());
            }
        }

        Fakes.Counting evaluator = new Fakes.Counting(0);
        ExperimentOutcome o = Experiment.resume(dir, evaluator).run(ProgressListener.NONE);

        List<TrialRecord> all = TrialHistory.of(JournalReader.read(dir.resolve("journal.jsonl"), w -> { })).finished();
        assertEquals(BUDGET, all.size(), "finished trials after resume");
        assertEquals("max-trials", o.stopReason());
        Set<Integer> trials = new HashSet<>();
        Set<String> trained = new HashSet<>();
        for (TrialRecord t : all) {
            assertTrue(trials.add(t.trial()), "trial " + t.trial() + " finished twice");
            if (t.status() == TrialStatus.SUCCEEDED) {
                assertTrue(trained.add(t.key()), "key " + t.key() + " trained twice");
            }
        }
        for (String k : evaluator.calls.keySet()) {
            assertFalse(doneKeys.contains(k), "completed trial " + k + " was evaluated again after resume");
        }
        assertEquals(BUDGET - before, evaluator.calls.values().stream().mapToInt(a -> a.get()).sum(),
                "evaluations after resume = budget - finished before the kill");
    }

    private static int finishedCount(Path dir) {
        Path j = dir.resolve("journal.jsonl");
        if (!Files.exists(j)) {
            return 0;
        }
        return (int) JournalReader.read(j, w -> { }).stream().filter(r -> r.event().equals(JournalRecord.FINISHED)).count();
    }

}
