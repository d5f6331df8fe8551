package dev.jnas.engine.trial;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What the engine gives an evaluator besides the request: a cancellation flag to poll between batches
 * or epochs (set when the trial's time limit or the experiment's wall-clock budget runs out; return
 * or throw promptly once set), the number of kernel threads the trial may use, and a callback for
 * per-epoch progress.
 */
public interface TrialContext {
    /** True once the engine no longer wants this trial's result. */
    boolean isCancelled();

    /** Kernel threads this trial may use (see {@code CoreSplit}). */
    int kernelThreads();

    /**
     * True when no other trial runs alongside this one (the final scoring after the search), so its
     * {@link #kernelThreads} are all the search's cores rather than one worker's share.
     */
    default boolean exclusive() {
        return false;
    }

    /** Reports the metrics after epoch {@code epoch} (0-based); forwarded to the progress listener. */
    void epochDone(int epoch, Map<String, Double> metrics);

    /**
     * A context that is never cancelled (single trainings, or a child process its parent cancels by
     * killing it), with {@code kernelThreads} threads and {@code epochs} receiving each epoch's metrics.
     */
    static TrialContext uncancelled(int kernelThreads, BiConsumer<Integer, Map<String, Double>> epochs) {
        return new TrialContext() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public int kernelThreads() {
                return kernelThreads;
            }

            @Override
            public void epochDone(int epoch, Map<String, Double> metrics) {
                epochs.accept(epoch, metrics);
            }
        };
    }
}
