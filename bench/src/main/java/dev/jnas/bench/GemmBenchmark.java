package dev.jnas.bench;

import dev.jnas.tensor.Gemm;
import dev.jnas.tensor.Parallel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square SGEMM C = A·B (n×n, row-major) through {@link Gemm#scalarGemm} or {@link Gemm#simdGemm}.
 *
 * <p>Reports average time per multiply; GFLOP/s = 2·n³ / time (e.g. n = 1024 at 20 ms/op is
 * 2·1024³ / 0.020 s = 107 GFLOP/s). {@code threads} sets {@link Parallel#setThreads} for the trial.
 * Run: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar GemmBenchmark
 * -p impl=simd -p n=1024}. The scalar reference is slow at large n (n = 1024 takes seconds per op, n = 2048 about 8× that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"64", "128", "256", "512", "1024", "2048"})
    public int n;

    @Param({"scalar", "simd"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private float[] a;
    private float[] b;
    private float[] c;

    /** Random inputs in [-1, 1), fixed seed; the thread count for this trial. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
            b[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        Parallel.setThreads(threads);
    }

    /** One n×n×n multiply; returns C so the work cannot be discarded. */
    @Benchmark
    public float[] gemm() {
        if ("scalar".equals(impl)) {
            Gemm.scalarGemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        } else {
            Gemm.simdGemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        }
        return c;
    }
}
