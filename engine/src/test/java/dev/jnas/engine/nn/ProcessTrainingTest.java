package dev.jnas.engine.nn;

import dev.jnas.engine.ProcessWorkerPool;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
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
            assertSameTraining(inProcess.metrics(), child.metrics());
            assertEquals(inProcess.history().size(), child.history().size());
            for (int e = 0; e < child.history().size(); e++) {
                assertSameTraining(inProcess.history().get(e), child.history().get(e));
                assertSameTraining(local.epochs.get(e), remote.epochs.get(e));
            }
            assertEquals(2, remote.epochs.size(), "epoch progress forwarded from the child");
        }
    }

    /**
     * Same metrics, bit for bit, on every JDK: the kernels reduce vector lanes in a fixed order
     * ({@code Simd.sumLanes}); with {@code reduceLanes(ADD)} JDK 25's compiled and interpreted code
     * summed in different orders and the losses differed in their last bits.
     */
    private static void assertSameTraining(Map<String, Double> expected, Map<String, Double> actual) {
        Map<String, Double> x = new LinkedHashMap<>(expected);
        Map<String, Double> y = new LinkedHashMap<>(actual);
        x.remove("seconds");
        y.remove("seconds");
        assertEquals(x, y);
    }
}
