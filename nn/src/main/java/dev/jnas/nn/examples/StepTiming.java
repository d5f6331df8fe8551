package dev.jnas.nn.examples;

import dev.jnas.nn.model.Model;
import dev.jnas.nn.optim.Optimizer;
import dev.jnas.nn.optim.Sgd;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.Architectures;
import dev.jnas.tensor.Parallel;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Quick training-step timing without JMH (for profiling with JFR):
 * {@code StepTiming MODEL THREADS SECONDS [train|infer]} with MODEL mlp, lenet5 or widecnn; {@code train}
 * (default): batch 64, forward + backward + SGD step, random inputs; {@code infer}: eval-mode forward in
 * no-grad mode at batch 256, as the PyTorch peer measures it. Prints images/s. The JMH guard is {@code dev.jnas.bench.TrainStepBenchmark}.
 */
public final class StepTiming {
    private StepTiming() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "widecnn";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        boolean infer = args.length > 3 && args[3].equals("infer");
        int batch = infer ? 256 : 64;
        Parallel.setThreads(threads);
        ArchitectureSpec spec = switch (name) {
            case "mlp" -> Architectures.peerMlp();
            case "lenet5" -> Architectures.lenet5();
            case "widecnn" -> Architectures.wideCnn();
            default -> throw new IllegalArgumentException("StepTiming: unknown model '" + name
                    + "' (expected mlp, lenet5 or widecnn)");
        };
        Model net = Model.build(spec, 1);
        Graph g = new Graph();
        Optimizer opt = new Sgd(0.01);
        SplittableRandom rng = new SplittableRandom(7);
        Var x = Var.constant(Tensor.uniform(rng, -1, 1, batch, 1, 28, 28));
        int[] labels = rng.ints(batch, 0, 10).toArray();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long warm = System.nanoTime() + (long) (seconds * 0.3e9);
        long steps = 0;
        long t0 = 0;
        while (System.nanoTime() < end) {
            if (t0 == 0 && System.nanoTime() > warm) {
                t0 = System.nanoTime();
                steps = 0;
            }
            if (infer) {
                try (var ng = g.noGrad()) {
                    net.forward(g, x, false);
                }
            } else {
                Var loss = g.crossEntropy(net.forward(g, x, true), labels);
                g.backward(loss);
                opt.step(net.params());
                opt.zeroGrad(net.params());
            }
            g.reset();
            steps++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s %s threads=%d %.1f images/s (%d steps in %.1fs)%n", infer ? "infer" : "train",
                name, threads, steps * batch / s, steps, s);
    }
}
