package dev.jnas.bench;

import dev.jnas.tensor.Pool2d;
import dev.jnas.tensor.PoolShape;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pooling throughput on 64x64x28x28: 2x2 stride-2 max pool (with argmax, as in training), 2x2 average
 * pool and global average pool, scalar reference against the Vector API kernels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Pool2dBenchmark {
    @Param({"simd", "scalar"})
    public String impl;

    @Param({"max", "avg", "globalAvg"})
    public String op;

    private PoolShape g;
    private float[] x;
    private float[] y;
    private float[] gy;
    private int[] argmax;

    @Setup(Level.Trial)
    public void setUp() {
        g = new PoolShape(64, 64, 28, 28, 2, 2, 0);
        var rng = new SplittableRandom(42);
        x = new float[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        y = new float[g.outputSize()];
        gy = new float[g.n() * g.c()];
        argmax = new int[g.outputSize()];
    }

    @Benchmark
    public float run() {
        boolean simd = impl.equals("simd");
        int planes = g.n() * g.c();
        int hw = g.h() * g.w();
        switch (op) {
            case "max":
                if (simd) {
                    Pool2d.simdMaxPoolForward(g, x, y, argmax);
                } else {
                    Pool2d.scalarMaxPoolForward(g, x, y, argmax);
                }
                return y[0];
            case "avg":
                if (simd) {
                    Pool2d.simdAvgPoolForward(g, x, y);
                } else {
                    Pool2d.scalarAvgPoolForward(g, x, y);
                }
                return y[0];
            case "globalAvg":
                if (simd) {
                    Pool2d.simdGlobalAvgPoolForward(planes, hw, x, gy);
                } else {
                    Pool2d.scalarGlobalAvgPoolForward(planes, hw, x, gy);
                }
                return gy[0];
            default:
                throw new IllegalArgumentException("Pool2dBenchmark: unknown op " + op);
        }
    }
}
