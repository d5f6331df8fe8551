package dev.jnas.engine.trial;

/**
 * The only way the engine reaches training: one request in, one result out. Implementations must be
 * safe to call from several worker threads at once (one call per trial). They may throw (the trial
 * becomes FAILED with the exception as reason; {@code TrainingDivergedException} reads as diverged);
 * a NaN objective also fails the trial. The CLI wires the real trainer; tests use fakes. With the
 * process backend ({@code execution.backend: process}) the evaluator runs in child JVMs, which create
 * it by class name: it must then be a public class with a public no-argument constructor.
 *
 * <p>Call order: {@link #evaluate} once per trial during the search; after it, at most once,
 * {@link #evaluateFinal} for the best trial.
 */
public interface TrialEvaluator {
    /** Trains and validates {@code request}'s architecture; polls {@code ctx.isCancelled()}. */
    TrialResult evaluate(TrialRequest request, TrialContext ctx);

    /**
     * Scores the best trial once on the test split, after retraining on train + validation when
     * {@code retrain}; the metrics should be named {@code test_*} (e.g. {@code test_accuracy}).
     * The default says the evaluator has no test split.
     */
    default TrialResult evaluateFinal(TrialRequest best, boolean retrain, TrialContext ctx) {
        throw new UnsupportedOperationException("evaluateFinal: this evaluator has no test split");
    }

    /**
     * Scores {@code request}'s architecture by {@code folds}-fold cross-validation on train +
     * validation; metrics {@code cv_accuracy}, {@code cv_macro_f1}, {@code cv_loss} (fold means). Used to
     * re-rank the search's finalists before the final scoring. The default says the evaluator cannot.
     */
    default TrialResult crossValidate(TrialRequest request, int folds, TrialContext ctx) {
        throw new UnsupportedOperationException("crossValidate: this evaluator cannot cross-validate");
    }
}
