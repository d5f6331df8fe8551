package dev.jnas.engine.nn;

import dev.jnas.engine.ProcessWorkerPool;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real evaluator in a process-backend child JVM trains exactly what it trains in this JVM. */
class ProcessTrainingTest {
    @Test
    void processBackend_realTrainingOnDigits_sameMetricBitsAndEpochsAsInProcess() throws Exception {
        TrialRequest req = TrainingEvaluatorTest.request(4, "adam", 0.01, 2);
        TrainingEvaluatorTest.Ctx local = new TrainingEvaluatorTest.Ctx(-1);
        TrialResult inProcess = new TrainingEvaluator(new DataCache(), 1).evaluate(req, local);

        TrainingEvaluatorTest.Ctx remote = new TrainingEvaluatorTest.Ctx(-1);
        CompletableFuture<TrialResult> got = new CompletableFuture<>();
        try (ProcessWorkerPool pool = new ProcessWorkerPool(TrainingEvaluator.class.getName(), "256m", 1)) {
            pool.submit(req, remote, (r, e) -> {
                if (e != null) {
                    got.completeExceptionally(e);
                } else {
                    got.complete(r);
                }
            });
            TrialResult child = got.get(120, TimeUnit.SECONDS);

            assertEquals(TrialStatus.SUCCEEDED, inProcess.status(), inProcess.reason());
            assertEquals(TrialStatus.SUCCEEDED, child.status(), child.reason());
            assertEquals(inProcess.metrics(), child.metrics());
            assertEquals(withoutTimings(inProcess.history()), withoutTimings(child.history()));
            assertEquals(withoutTimings(local.epochs), withoutTimings(remote.epochs), "epoch progress forwarded from the child");
            assertEquals(2, remote.epochs.size());
        }
    }

    private static List<Map<String, Double>> withoutTimings(List<Map<String, Double>> history) {
        return history.stream().map(m -> {
            Map<String, Double> c = new LinkedHashMap<>(m);
            c.remove("seconds");
            return (Map<String, Double>) c;
        }).toList();
    }
}
