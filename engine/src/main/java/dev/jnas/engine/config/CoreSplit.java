package dev.jnas.engine.config;

/**
 * How the cores are split between concurrent trials (workers) and the kernel threads of each trial.
 * Auto workers: one per core on machines with at most 2 cores, otherwise {@code max(2, cores / 4)}. Auto
 * kernel threads: {@code max(1, cores / workers)}. Two single-threaded trials beat one two-threaded trial
 * on throughput (150 digits-sized trials 1.4-1.7x sooner in two sittings; even the wide CNN trains only
 * 1.4x faster on 2 kernel threads than on 1), and with tell order {@code trial} (the default) the worker
 * count does not make the search depend on timing. The final scoring, which runs alone, gets workers x kernel threads.
 */
public record CoreSplit(int workers, int kernelThreads) {
    /** Resolves 0 (auto) values of {@code workers} and {@code kernelThreads} for {@code cores} cores. */
    public static CoreSplit resolve(int workers, int kernelThreads, int cores) {
        int c = Math.max(1, cores);
        int w = workers > 0 ? workers : (c <= 2 ? c : Math.max(2, c / 4));
        int k = kernelThreads > 0 ? kernelThreads : Math.max(1, c / w);
        return new CoreSplit(w, k);
    }

    /** {@link #resolve} for this machine's available processors. */
    public static CoreSplit forThisMachine(int workers, int kernelThreads) {
        return resolve(workers, kernelThreads, Runtime.getRuntime().availableProcessors());
    }
}
