package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Where trials run. {@link #submit} starts a trial asynchronously and calls {@code done} exactly once
 * with the result or the throwable; {@link Future#cancel} on the returned future interrupts it. The
 * engine owns ordering, journal and strategy, so a backend only moves requests and results.
 */
public interface WorkerBackend extends AutoCloseable {
    Future<?> submit(TrialRequest request, TrialContext ctx, BiConsumer<TrialResult, Throwable> done);

    @Override
    void close();

    /** Runs {@code work} on {@code pool} and passes its result or throwable to {@code done} exactly once. */
    static Future<?> runOn(ExecutorService pool, Callable<TrialResult> work, BiConsumer<TrialResult, Throwable> done) {
        return pool.submit(() -> {
            TrialResult r = null;
            Throwable err = null;
            try {
                r = work.call();
            } catch (Throwable t) {
                err = t;
            }
            done.accept(r, err);
        });
    }
}
