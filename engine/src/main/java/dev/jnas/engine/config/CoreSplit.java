package dev.jnas.engine.config;

/**
 * How the cores are split between concurrent trials (workers) and the kernel threads of each trial.
 * Auto workers: 1 on machines with at most 2 cores (one large candidate uses every core better than two
 * competing ones), otherwise {@code max(1, cores / 4)}. Auto kernel threads: {@code max(1, cores / workers)}.
 */
public record CoreSplit(int workers, int kernelThreads) {
    /** Resolves 0 (auto) values of {@code workers} and {@code kernelThreads} for {@code cores} cores. */
    public static CoreSplit resolve(int workers, int kernelThreads, int cores) {
        int c = Math.max(1, cores);
        int w = workers > 0 ? workers : (c <= 2 ? 1 : Math.max(1, c / 4));
        int k = kernelThreads > 0 ? kernelThreads : Math.max(1, c / w);
        return new CoreSplit(w, k);
    }

    /** {@link #resolve} for this machine's available processors. */
    public static CoreSplit forThisMachine(int workers, int kernelThreads) {
        return resolve(workers, kernelThreads, Runtime.getRuntime().availableProcessors());
    }
}
