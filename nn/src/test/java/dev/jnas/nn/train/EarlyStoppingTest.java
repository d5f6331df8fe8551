package dev.jnas.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Early-stopping decisions on hand-written sequences and against a direct simulation. */
class EarlyStoppingTest {

    @Test
    void maxMode_plateau_stopsAfterPatienceAndKeepsBestEpoch() {
        EarlyStopping es = new EarlyStopping("accuracy", EarlyStopping.Mode.MAX, 2, 0.0);
        assertTrue(es.update(0.5));
        assertTrue(es.update(0.7));
        assertFalse(es.update(0.7), "equal is not better");
        assertFalse(es.shouldStop());
        assertFalse(es.update(0.6));
        assertTrue(es.shouldStop());
        assertEquals(1, es.bestEpoch());
        assertEquals(0.7, es.bestValue());
        assertEquals(4, es.epochs());
    }

    @Test
    void minMode_minDelta_smallGainsDoNotCount() {
        EarlyStopping es = new EarlyStopping("loss", EarlyStopping.Mode.MIN, 1, 0.01);
        assertTrue(es.update(1.0));
        assertFalse(es.update(0.995), "gain of 0.005 is below minDelta");
        assertTrue(es.shouldStop());
        assertTrue(es.update(0.98));
        assertFalse(es.shouldStop(), "an improvement resets the count");
        assertEquals(2, es.bestEpoch());
    }

    @Test
    void patienceZero_firstNonImprovement_stops() {
        EarlyStopping es = new EarlyStopping("accuracy", EarlyStopping.Mode.MAX, 0, 0);
        assertFalse(es.shouldStop(), "no updates yet");
        es.update(0.3);
        assertFalse(es.shouldStop());
        es.update(0.2);
        assertTrue(es.shouldStop());
    }

    @Test
    void nanValues_neverImprove() {
        EarlyStopping es = EarlyStopping.on("val_loss", 2, 0);
        assertEquals(EarlyStopping.Mode.MIN, es.mode());
        assertFalse(es.update(Double.NaN));
        assertEquals(-1, es.bestEpoch());
        assertTrue(es.update(3.0));
        assertFalse(es.update(Double.NaN));
        assertFalse(es.update(Double.NaN));
        assertTrue(es.shouldStop());
        assertEquals(1, es.bestEpoch());
    }

    @Test
    void modeForMetric_andInvalidArguments() {
        assertEquals(EarlyStopping.Mode.MAX, EarlyStopping.Mode.forMetric("macro_f1"));
        assertEquals(EarlyStopping.Mode.MIN, EarlyStopping.Mode.forMetric("loss"));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss", EarlyStopping.Mode.MIN, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("", EarlyStopping.Mode.MIN, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.on("loss", 1, Double.NaN));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void randomSequence_matchesDirectSimulation(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean max = rng.nextBoolean();
        int patience = rng.nextInt(5);
        double minDelta = rng.nextInt(3) * 0.05;
        EarlyStopping es = new EarlyStopping("m", max ? EarlyStopping.Mode.MAX : EarlyStopping.Mode.MIN, patience,
                minDelta);
        double[] values = new double[30];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(rng.nextDouble() * 20) / 20.0;
        }
        int stopAt = -1;
        for (int i = 0; i < values.length && stopAt < 0; i++) {
            es.update(values[i]);
            if (es.shouldStop()) {
                stopAt = i;
            }
        }
        // Direct simulation: best index so far; stop when the last `max(1, patience)` epochs after it did not improve.
        int bestIdx = 0;
        int expectedStop = -1;
        for (int i = 1; i < values.length; i++) {
            double d = max ? values[i] - values[bestIdx] : values[bestIdx] - values[i];
            if (d > minDelta) {
                bestIdx = i;
            } else if (i - bestIdx >= Math.max(1, patience)) {
                expectedStop = i;
                break;
            }
        }
        assertEquals(expectedStop, stopAt, "stop epoch");
        int lastSeen = stopAt < 0 ? values.length - 1 : stopAt;
        int expectedBest = 0;
        for (int i = 1; i <= lastSeen; i++) {
            double d = max ? values[i] - values[expectedBest] : values[expectedBest] - values[i];
            if (d > minDelta) {
                expectedBest = i;
            }
        }
        assertEquals(expectedBest, es.bestEpoch());
    }
}
