package dev.jnas.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Divergence detection carries the epoch, step and loss; status helpers. */
class TrainingDivergedExceptionTest {

    @Test
    void check_finiteLoss_returnsIt() {
        assertEquals(0.25, TrainingDivergedException.check(0.25, 0, 0));
    }

    @Test
    void check_nanOrInfinity_throwsWithPosition() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TrainingDivergedException.check(Double.NaN, 3, 1234));
        assertEquals(3, e.epoch());
        assertEquals(1234, e.step());
        assertTrue(Double.isNaN(e.loss()));
        assertTrue(e.getMessage().contains("epoch 3") && e.getMessage().contains("step 1234"), e.getMessage());
        assertThrows(TrainingDivergedException.class,
                () -> TrainingDivergedException.check(Double.POSITIVE_INFINITY, 0, 0));
    }

    @Test
    void status_onlyDivergedHasNoModel() {
        for (TrainingStatus s : TrainingStatus.values()) {
            assertEquals(s != TrainingStatus.DIVERGED, s.producedModel(), s.name());
        }
        assertFalse(TrainingStatus.DIVERGED.producedModel());
    }
}
