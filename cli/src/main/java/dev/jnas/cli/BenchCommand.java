package dev.jnas.cli;

import dev.jnas.tensor.Conv2d;
import dev.jnas.tensor.ConvShape;
import dev.jnas.tensor.Gemm;
import dev.jnas.tensor.Parallel;
import dev.jnas.tensor.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code nas bench gemm|conv}: the hot kernels' speed, measured the way the reference peer scripts
 * measure theirs ({@link CleanSampler}: medians of samples taken while the rest of the machine is idle),
 * with the sample length and count of the peer for that kernel (numpy's SGEMM script, PyTorch's conv one),
 * so a figure here and the peer's from the same minutes make a fair ratio. {@code gemm}: square SGEMM
 * C = A·B, GFLOP/s = 2n³ / time. {@code conv}: the forward convolution of a batch of 64 images of 32
 * channels, 28x28, into 64 filters 3x3 with padding 1 (the peer's shape), or of {@code --conv} given as
 * N,C,H,W,K,R,PAD. The JMH benchmarks in the {@code bench} module are the regression guards; this command
 * is for comparing with peers and machines.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure kernel speed like the peer scripts: medians of samples taken while the machine is otherwise idle.",
                "KERNEL: gemm (square SGEMM, GFLOP/s) or conv (forward convolution, GFLOP/s)."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KERNEL", description = "gemm or conv.")
    String kernel;

    @Option(names = "--sizes", split = ",", paramLabel = "N", description = "gemm: matrix sizes (default: 256,512,1024,2048).")
    List<Integer> sizes = List.of(256, 512, 1024, 2048);

    @Option(names = "--conv", paramLabel = "N,C,H,W,K,R,PAD", description = "conv: the shape (default: 64,32,28,28,64,3,1).")
    String conv = "64,32,28,28,64,3,1";

    @Option(names = "--threads", split = ",", paramLabel = "T", description = "Kernel thread counts (default: 1,2).")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--samples", paramLabel = "N", description = "Clean samples per figure (default: 9 for gemm, as numpy's "
            + "script; 7 for conv, as PyTorch's).")
    Integer samples;

    @Option(names = "--max-tries", paramLabel = "N", description = "Samples taken at most per figure (default: 30).")
    int maxTries = 30;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Warm-up per figure (default: 2; the JIT needs more than a native peer).")
    double warmup = 2;

    @Option(names = "--sample-seconds", paramLabel = "SECONDS", description = "Length of one sample (default: 0.2 for gemm, "
            + "1 for conv, as the peer scripts).")
    Double sampleSeconds;

    @Override
    public Integer call() {
        check();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s; %s, %d float lanes, SIMD %s; %d available processors%n", System.getProperty("java.runtime.version"),
                Simd.SPECIES, Simd.LANES, Simd.enabled() ? "on" : "off", Runtime.getRuntime().availableProcessors());
        out.flush();
        CleanSampler sampler = new CleanSampler(CleanSampler.systemMeter());
        int before = Parallel.threads();
        try {
            for (int t : threads) {
                Parallel.setThreads(t);
                if (kernel.equals("gemm")) {
                    for (int n : sizes) {
                        report(out, String.format(Locale.ROOT, "gemm n=%d threads=%d", n, t), gemm(sampler, n));
                    }
                } else {
                    report(out, String.format(Locale.ROOT, "conv %s threads=%d", conv, t), conv(sampler, convShape()));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
        return Main.OK;
    }

    private void check() {
        if (!kernel.equals("gemm") && !kernel.equals("conv")) {
            throw new UsageException("KERNEL", "must be gemm or conv, got '" + kernel + "'");
        }
        // The peers' own sampling: numpy's SGEMM script takes 9 samples of ~0.2 s, PyTorch's conv script 7 of 1 s.
        if (samples == null) {
            samples = kernel.equals("gemm") ? 9 : 7;
        }
        if (sampleSeconds == null) {
            sampleSeconds = kernel.equals("gemm") ? 0.2 : 1.0;
        }
        for (int n : sizes) {
            if (n < 1 || n > 16384) {
                throw new UsageException("--sizes", "sizes must be 1..16384, got " + n);
            }
        }
        for (int t : threads) {
            if (t < 1 || t > 1024) {
                throw new UsageException("--threads", "thread counts must be 1..1024, got " + t);
            }
        }
        if (samples < 1 || maxTries < samples) {
            throw new UsageException("--samples", "need 1 <= samples <= max-tries, got " + samples + " and " + maxTries);
        }
        if (!(warmup >= 0) || !(sampleSeconds > 0)) {
            throw new UsageException("--warmup", "warm-up must be >= 0 and sample length > 0 seconds");
        }
        if (kernel.equals("conv")) {
            convShape();
        }
    }

    private ConvShape convShape() {
        String[] f = conv.split(",");
        try {
            if (f.length != 7) {
                throw new NumberFormatException("7 numbers expected");
            }
            int[] v = new int[7];
            for (int i = 0; i < 7; i++) {
                v[i] = Integer.parseInt(f[i].trim());
            }
            return new ConvShape(v[0], v[1], v[2], v[3], v[4], v[5], v[5], 1, v[6]);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--conv", "expected N,C,H,W,K,R,PAD (e.g. 64,32,28,28,64,3,1), got '" + conv + "': "
                    + e.getMessage(), e);
        }
    }

    private CleanSampler.Result gemm(CleanSampler sampler, int n) {
        SplittableRandom rng = new SplittableRandom(n);
        float[] a = random(rng, n * n);
        float[] b = random(rng, n * n);
        float[] c = new float[n * n];
        return sampler.measure(() -> Gemm.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false),
                2.0 * n * n * n / 1e9, warmup, sampleSeconds, samples, maxTries);
    }

    private CleanSampler.Result conv(CleanSampler sampler, ConvShape g) {
        SplittableRandom rng = new SplittableRandom(7);
        float[] x = random(rng, g.n() * g.c() * g.h() * g.w());
        float[] w = random(rng, g.k() * g.c() * g.r() * g.s());
        float[] bias = random(rng, g.k());
        float[] y = new float[g.n() * g.k() * g.p() * g.q()];
        double gflop = 2.0 * g.n() * g.k() * g.p() * g.q() * g.c() * g.r() * g.s() / 1e9;
        return sampler.measure(() -> Conv2d.forward(g, x, w, bias, y), gflop, warmup, sampleSeconds, samples, maxTries);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static void report(PrintWriter out, String what, CleanSampler.Result r) {
        out.printf(Locale.ROOT, "%s median=%.1f GFLOP/s min=%.1f max=%.1f (%d %s of %d samples x %d calls)%n", what, r.median(),
                r.min(), r.max(), r.filtered() ? r.clean() : r.tries(), r.filtered() ? "clean" : "unfiltered", r.tries(),
                r.callsPerSample());
        out.flush();
    }
}
