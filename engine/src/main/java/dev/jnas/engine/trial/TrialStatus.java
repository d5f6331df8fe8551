package dev.jnas.engine.trial;

/**
 * The life of a trial: PENDING (asked, queued) then RUNNING (on a worker), ending in one of
 * SUCCEEDED, FAILED (threw, diverged to NaN, exceeded its time or memory limit), PRUNED (broke a
 * constraint, never trained), DUPLICATE (its canonical key was already evaluated; answered from the
 * stored result) or CANCELLED (in flight when the wall-clock budget ran out).
 */
public enum TrialStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, PRUNED, DUPLICATE, CANCELLED;

    /** True for the statuses that end a trial. */
    public boolean terminal() {
        return this != PENDING && this != RUNNING;
    }
}
