package dev.jnas.engine.trial;

import dev.jnas.nn.train.TrainingDivergedException;

/**
 * The FAILED result for a trial whose evaluator threw, shared by the engine (thread backend) and the
 * child JVM of the process backend so that both record exactly the same reason: a
 * {@link TrainingDivergedException} reads {@code diverged: ...}, an {@link OutOfMemoryError}
 * {@code out of memory: ...}, anything else {@code threw <Type>: <message>}.
 */
public final class TrialFailures {
    private TrialFailures() {
    }

    /** The FAILED result for {@code request} after {@code t} was thrown {@code millis} ms into the trial. */
    public static TrialResult thrown(TrialRequest request, Throwable t, long millis) {
        String reason;
        if (t instanceof TrainingDivergedException d) {
            reason = "diverged: " + d.getMessage();
        } else if (t instanceof OutOfMemoryError) {
            reason = "out of memory: " + t.getMessage();
        } else {
            reason = "threw " + t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return TrialResult.of(TrialStatus.FAILED, reason, millis, request.parameters(), request.flops());
    }
}
