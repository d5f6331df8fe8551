package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The local backend: runs each submitted trial on its own daemon thread of a cached pool; the
 * {@link Experiment} keeps at most {@code workers} in flight. A trial that ignores cancellation keeps
 * its thread until it returns, but the experiment has already recorded it and moved on. A distributed
 * backend would implement the same {@link WorkerBackend} contract.
 */
public final class LocalWorkerPool implements WorkerBackend {
    private final TrialEvaluator evaluator;
    private final ExecutorService pool;

    public LocalWorkerPool(TrialEvaluator evaluator) {
        this.evaluator = evaluator;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jnas-trial-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Future<?> submit(TrialRequest request, TrialContext ctx, BiConsumer<TrialResult, Throwable> done) {
        return WorkerBackend.runOn(pool, () -> evaluator.evaluate(request, ctx), done);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
