package dev.jnas.bench;

import dev.jnas.tensor.Activations;
import dev.jnas.tensor.Softmax;
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
 * Element-wise activation forward over {@code n} floats (1M by default, as in the ReLU
 * benchmark), scalar reference against the Vector API path; bandwidth = 8n bytes / time.
 * {@code softmax128} is a row-wise softmax over rows of 128 floats (the exp-heavy softmax kernel).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ActivationsBenchmark {
    @Param({"simd", "scalar"})
    public String impl;

    @Param({"relu", "gelu", "tanh", "sigmoid", "softmax128"})
    public String fn;

    @Param({"1048576"})
    public int n;

    private float[] x;
    private float[] y;

    @Setup(Level.Trial)
    public void setUp() {
        var rng = new SplittableRandom(42);
        x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 8 - 4);
        }
        y = new float[n];
    }

    @Benchmark
    public float forward() {
        boolean simd = impl.equals("simd");
        switch (fn) {
            case "relu" -> {
                if (simd) Activations.simdRelu(x, 0, y, 0, n); else Activations.scalarRelu(x, 0, y, 0, n);
            }
            case "gelu" -> {
                if (simd) Activations.simdGelu(x, 0, y, 0, n); else Activations.scalarGelu(x, 0, y, 0, n);
            }
            case "tanh" -> {
                if (simd) Activations.simdTanh(x, 0, y, 0, n); else Activations.scalarTanh(x, 0, y, 0, n);
            }
            case "sigmoid" -> {
                if (simd) Activations.simdSigmoid(x, 0, y, 0, n); else Activations.scalarSigmoid(x, 0, y, 0, n);
            }
            case "softmax128" -> {
                for (int o = 0; o < n; o += 128) {
                    if (simd) Softmax.simdSoftmaxRow(x, o, y, o, 128, false);
                    else Softmax.scalarSoftmaxRow(x, o, y, o, 128, false);
                }
            }
            default -> throw new IllegalArgumentException("ActivationsBenchmark: unknown fn " + fn);
        }
        return y[n - 1];
    }
}
