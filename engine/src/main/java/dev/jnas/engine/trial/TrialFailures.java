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

    /**
     * The terminal result of a trial from what its worker returned after {@code millis} ms: FAILED when it threw
     * ({@link #thrown}), returned nothing, reported a failure, or lacks a finite objective {@code metric}
     * (diverged); else SUCCEEDED, with the request's cost and the measured time filled in where missing.
     */
    public static TrialResult classify(TrialRequest req, TrialResult r, Throwable error, long millis, String metric) {
        if (error != null) {
            return thrown(req, error, millis);
        }
        if (r == null) {
            return TrialResult.of(TrialStatus.FAILED, "evaluator returned no result", millis, req.parameters(), req.flops());
        }
        if (r.status() != TrialStatus.SUCCEEDED) {
            return new TrialResult(TrialStatus.FAILED, r.metrics(), r.history(), r.millis() > 0 ? r.millis() : millis,
                    r.reason() == null ? "evaluator reported " + r.status() : r.reason(), r.parameters(), r.flops());
        }
        Double v = r.metrics().get(metric);
        if (v == null || !Double.isFinite(v)) {
            return new TrialResult(TrialStatus.FAILED, r.metrics(), r.history(), r.millis(),
                    v == null ? "objective metric '" + metric + "' missing from result" : "diverged: objective " + metric + " is " + v,
                    r.parameters(), r.flops());
        }
        return new TrialResult(TrialStatus.SUCCEEDED, r.metrics(), r.history(), r.millis() > 0 ? r.millis() : millis, null,
                r.parameters() > 0 ? r.parameters() : req.parameters(), r.flops() > 0 ? r.flops() : req.flops());
    }
}
