package dev.jnas.engine;

import java.time.Duration;
import java.util.Map;

/**
 * Receives progress of a running {@link Experiment} for display (the CLI renders a progress line or
 * log lines). {@link #trialStarted} and {@link #epochDone} are called from worker threads, the others
 * from the thread that called {@link Experiment#run}; implementations must tolerate that. All
 * methods default to doing nothing.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** Where the search stands after an event. {@code best} may be null; {@code eta} null when unknown. */
    record Progress(int finishedTrials, int maxTrials, TrialRecord best, Duration elapsed, Duration eta) {
    }

    /** The run is starting (fresh or resumed, with {@code alreadyFinished} trials from the journal). */
    default void experimentStarted(java.nio.file.Path dir, int maxTrials, int alreadyFinished) {
    }

    /** A worker began trial {@code trial}. */
    default void trialStarted(int trial, String key) {
    }

    /** Trial {@code trial} finished epoch {@code epoch} (0-based) with {@code metrics}. */
    default void epochDone(int trial, int epoch, Map<String, Double> metrics) {
    }

    /** A trial reached a terminal status. */
    default void trialFinished(TrialRecord trial, Progress progress) {
    }

    /** Something the user should know that does not stop the run (e.g. a torn journal line dropped). */
    default void warning(String message) {
    }

    /** The search loop ended (budget, strategy finished, or time). */
    default void experimentFinished(ExperimentOutcome outcome) {
    }
}
