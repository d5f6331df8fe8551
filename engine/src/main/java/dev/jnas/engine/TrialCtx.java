package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The context the engine hands an evaluator for one trial ({@link SearchLoop}) or for the final scoring
 * ({@link Experiment#scoreFinal}, {@code exclusive}): its kernel threads, a cancellation flag the engine sets,
 * and per-epoch progress forwarded to the listener.
 */
final class TrialCtx implements TrialContext {
    final AtomicBoolean cancelled = new AtomicBoolean();
    private final int kernelThreads;
    private final int trial;
    private final ProgressListener listener;
    private final boolean exclusive;

    TrialCtx(int kernelThreads, int trial, ProgressListener listener) {
        this(kernelThreads, trial, listener, false);
    }

    TrialCtx(int kernelThreads, int trial, ProgressListener listener, boolean exclusive) {
        this.kernelThreads = kernelThreads;
        this.trial = trial;
        this.listener = listener;
        this.exclusive = exclusive;
    }

    @Override
    public boolean exclusive() {
        return exclusive;
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    @Override
    public int kernelThreads() {
        return kernelThreads;
    }

    @Override
    public void epochDone(int epoch, Map<String, Double> metrics) {
        listener.epochDone(trial, epoch, metrics);
    }
}
