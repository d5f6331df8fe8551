package dev.jnas.bench;

import dev.jnas.nn.model.Model;
import dev.jnas.nn.optim.Optimizer;
import dev.jnas.nn.optim.Sgd;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.Architectures;
import dev.jnas.tensor.Parallel;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
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
 * One training step (forward, cross-entropy, backward, SGD lr 0.01 step, zero grads, graph reset) at batch
 * 64 on random non-zero inputs in [-1, 1) for the three peer models of {@code shared/peers/torch/bench_torch.py}
 * (MLP 784-256-128-10, LeNet-5, the wider CNN), at 1 and 2 threads. Reports steps/s; images/s = 64 × steps/s,
 * to compare with the torch peer's "train ... (batch 64)" lines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainStepBenchmark {
    static final int BATCH = 64;

    @Param({"mlp", "lenet5", "widecnn"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    private Model net;
    private Graph graph;
    private Optimizer sgd;
    private Var x;
    private int[] labels;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        ArchitectureSpec spec = switch (model) {
            case "mlp" -> Architectures.peerMlp();
            case "lenet5" -> Architectures.lenet5();
            case "widecnn" -> Architectures.wideCnn();
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        net = Model.build(spec, 1);
        graph = new Graph();
        sgd = new Sgd(0.01);
        SplittableRandom rng = new SplittableRandom(7);
        x = Var.constant(Tensor.uniform(rng, -1, 1, BATCH, 1, 28, 28));
        labels = rng.ints(BATCH, 0, 10).toArray();
    }

    /** Returns the loss so the step cannot be optimised away. */
    @Benchmark
    public float step() {
        return step(net, graph, sgd, x, labels);
    }

    static float step(Model net, Graph g, Optimizer opt, Var x, int[] labels) {
        Var loss = g.crossEntropy(net.forward(g, x, true), labels);
        float l = loss.value().item();
        g.backward(loss);
        opt.step(net.params());
        opt.zeroGrad(net.params());
        g.reset();
        return l;
    }
}
