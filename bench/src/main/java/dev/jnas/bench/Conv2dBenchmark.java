package dev.jnas.bench;

import dev.jnas.tensor.Conv2d;
import dev.jnas.tensor.ConvShape;
import dev.jnas.tensor.Parallel;
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
 * Convolution throughput: the direct scalar reference against the im2col + GEMM path, per pass and
 * thread count. GFLOP/s = {@link ConvShape#flops()} / time (the same count for all three passes).
 * Pass {@code im2col} times only the lowering of the whole batch (one thread), to split the forward
 * time into lowering and GEMM.
 *
 * <p>Shapes are {@code n x c x h x w - k filters r x s, pad [, stride]}: the reference layer, a small one
 * from the default space, and two that the default search ({@code nas search}: the compact space on 8x8
 * digits) produces most, 5x5 stride-2 convolutions down to 4x4 and 2x2 maps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class Conv2dBenchmark {
    @Param({"simd", "scalar"})
    public String impl;

    @Param({"forward", "backwardInput", "backwardWeights", "im2col"})
    public String pass;

    @Param({"1", "2"})
    public int threads;

    @Param({"64x32x28x28-64x3x3p1", "64x16x8x8-32x3x3p1", "64x1x8x8-16x5x5p2s2", "64x16x4x4-32x5x5p2s2"})
    public String shape;

    private ConvShape g;
    private float[] x;
    private float[] w;
    private float[] b;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;
    private float[] db;
    private float[] col;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("[x\\-ps]");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        g = new ConvShape(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v.length > 8 ? v[8] : 1, v[7]);
        var rng = new SplittableRandom(42);
        x = random(rng, g.inputSize());
        w = random(rng, g.weightSize());
        b = random(rng, g.k());
        y = new float[g.outputSize()];
        dy = random(rng, g.outputSize());
        dx = new float[g.inputSize()];
        dw = new float[g.weightSize()];
        db = new float[g.k()];
        col = new float[g.c() * g.r() * g.s() * g.p() * g.q()];
        Parallel.setThreads(threads);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    @Benchmark
    public float run() {
        boolean simd = impl.equals("simd");
        switch (pass) {
            case "forward":
                if (simd) {
                    Conv2d.simdForward(g, x, w, b, y);
                } else {
                    Conv2d.scalarForward(g, x, w, b, y);
                }
                return y[0];
            case "backwardInput":
                if (simd) {
                    Conv2d.simdBackwardInput(g, dy, w, dx);
                } else {
                    Conv2d.scalarBackwardInput(g, dy, w, dx);
                }
                return dx[0];
            case "backwardWeights":
                if (simd) {
                    Conv2d.simdBackwardWeights(g, x, dy, dw, db, false);
                } else {
                    Conv2d.scalarBackwardWeights(g, x, dy, dw, db, false);
                }
                return dw[0];
            case "im2col":
                for (int i = 0; i < g.n(); i++) {
                    Conv2d.im2col(g, x, i, col);
                }
                return col[0];
            default:
                throw new IllegalArgumentException("Conv2dBenchmark: unknown pass " + pass);
        }
    }
}
