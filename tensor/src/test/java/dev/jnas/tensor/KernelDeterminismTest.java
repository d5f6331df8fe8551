package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exp-based SIMD kernels give the same bits cold (interpreted: the Vector API's Java fallback) and
 * after C2 has compiled them. {@code lanewise(EXP)} / {@code lanewise(TANH)} failed this: the interpreter
 * computes {@code Math.exp} per lane, C2 calls SVML, and a few lanes in a thousand differ in the last bit.
 *
 * <p>Each case loads a fresh copy of the tensor classes, so the kernel starts interpreted even when other
 * tests in this JVM have already compiled the shared copy.
 */
class KernelDeterminismTest {
    private static final int BIG = 4096;
    private static final int SMALL = 256;
    private static final int WARM_CALLS = 20_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tanh", "sigmoid", "gelu", "softmax", "logSumExp"})
    void kernel_coldThenCompiled_sameBits(String kernel) throws Exception {
        Method m = freshKernel(kernel);
        SplittableRandom rng = new SplittableRandom(20_261_130L);
        float[] x = inputs(rng, BIG);
        float[] cold = run(m, kernel, x);
        float[] small = inputs(rng, SMALL);
        for (int i = 0; i < WARM_CALLS; i++) {
            run(m, kernel, small);
        }
        float[] warm = run(m, kernel, x);
        int differ = 0;
        int first = -1;
        for (int i = 0; i < cold.length; i++) {
            if (Float.floatToRawIntBits(cold[i]) != Float.floatToRawIntBits(warm[i])) {
                differ++;
                first = first < 0 ? i : first;
            }
        }
        assertEquals(0, differ, kernel + ": " + differ + " of " + cold.length + " outputs differ between the cold and"
                + " the compiled kernel" + (first < 0 ? "" : ", first at " + first + ": " + cold[first] + " vs "
                + warm[first]));
    }

    private static float[] inputs(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 20 - 10);
        }
        return x;
    }

    /** The kernel's method in a fresh class loader (its own, never-run copy of the tensor classes). */
    private static Method freshKernel(String kernel) throws Exception {
        URL classes = Activations.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        String owner = kernel.equals("softmax") || kernel.equals("logSumExp") ? "Softmax" : "Activations";
        Class<?> c = Class.forName("dev.jnas.tensor." + owner, true, loader);
        return switch (kernel) {
            case "tanh" -> c.getMethod("simdTanh", float[].class, int.class, float[].class, int.class, int.class);
            case "sigmoid" -> c.getMethod("simdSigmoid", float[].class, int.class, float[].class, int.class, int.class);
            case "gelu" -> c.getMethod("simdGelu", float[].class, int.class, float[].class, int.class, int.class);
            case "softmax" -> c.getMethod("simdSoftmaxRow", float[].class, int.class, float[].class, int.class,
                    int.class, boolean.class);
            default -> c.getMethod("simdLogSumShifted", float[].class, int.class, int.class, float.class);
        };
    }

    /** Applies the kernel to x; softmax over rows of 64, log Σ exp over rows of 64 (one output per row). */
    private static float[] run(Method m, String kernel, float[] x) throws Exception {
        switch (kernel) {
            case "softmax" -> {
                float[] y = new float[x.length];
                for (int o = 0; o < x.length; o += 64) {
                    m.invoke(null, x, o, y, o, 64, false);
                }
                return y;
            }
            case "logSumExp" -> {
                float[] y = new float[x.length / 64];
                for (int r = 0; r < y.length; r++) {
                    y[r] = (float) m.invoke(null, x, r * 64, 64, 0f);
                }
                return y;
            }
            default -> {
                float[] y = new float[x.length];
                m.invoke(null, x, 0, y, 0, x.length);
                return y;
            }
        }
    }
}
