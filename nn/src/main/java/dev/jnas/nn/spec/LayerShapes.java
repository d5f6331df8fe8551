package dev.jnas.nn.spec;

import java.util.Arrays;

/** Shape, parameter and FLOP rules of the leaf layers; see {@link ArchitectureAnalysis} for the rules in prose. */
final class LayerShapes {
    record Result(int[] out, long parameters, long flops) {
    }

    private LayerShapes() {
    }

    static Result infer(LayerSpec spec, String path, int[] in) {
        if (spec instanceof Conv2dSpec c) {
            return conv(c, path, in);
        }
        if (spec instanceof MaxPool2dSpec m) {
            return new Result(pool("maxpool2d", m.size(), m.stride(), 0, path, in), 0, 0);
        }
        if (spec instanceof AvgPool2dSpec a) {
            return new Result(pool("avgpool2d", a.size(), a.stride(), a.padding(), path, in), 0, 0);
        }
        if (spec instanceof DenseSpec d) {
            long features = features(in);
            long params = Math.multiplyExact(features, (long) d.units()) + d.units();
            return new Result(new int[] {d.units()}, params, features * d.units());
        }
        if (spec instanceof GlobalAvgPoolSpec) {
            requireImage("global_avg_pool", path, in);
            return new Result(new int[] {in[0]}, 0, 0);
        }
        if (spec instanceof FlattenSpec) {
            return new Result(new int[] {checkedInt(features(in), path, "flattened size")}, 0, 0);
        }
        if (spec instanceof BatchNormSpec) {
            return new Result(in.clone(), 2L * in[0], 0);
        }
        if (spec instanceof ActivationSpec || spec instanceof DropoutSpec || spec instanceof IdentitySpec
                || spec instanceof ZeroSpec) {
            return new Result(in.clone(), 0, 0);
        }
        throw new IllegalStateException("no shape rule for " + spec.typeName());
    }

    private static Result conv(Conv2dSpec c, String path, int[] in) {
        requireImage("conv2d", path, in);
        int k = c.kernel();
        Padding pad = c.padding();
        int oh = pad.outputSize(in[1], k, c.stride());
        int ow = pad.outputSize(in[2], k, c.stride());
        if (oh < 1 || ow < 1) {
            int ph = in[1] + pad.before(k) + pad.after(k);
            int pw = in[2] + pad.before(k) + pad.after(k);
            throw new InvalidArchitectureException(path, "conv2d kernel " + k + "x" + k + " is larger than the padded input "
                    + ph + "x" + pw + " (input " + Arrays.toString(in) + ", padding " + pad + ")");
        }
        long weights = (long) c.filters() * in[0] * k * k;
        return new Result(new int[] {c.filters(), oh, ow}, weights + c.filters(), weights * oh * ow);
    }

    private static int[] pool(String type, int size, int stride, int padding, String path, int[] in) {
        requireImage(type, path, in);
        int ph = in[1] + 2 * padding;
        int pw = in[2] + 2 * padding;
        if (size > ph || size > pw) {
            throw new InvalidArchitectureException(path, type + " window " + size + "x" + size
                    + " would shrink input " + Arrays.toString(in) + (padding > 0 ? " (padding " + padding + ")" : "")
                    + " below 1x1");
        }
        return new int[] {in[0], (ph - size) / stride + 1, (pw - size) / stride + 1};
    }

    private static void requireImage(String type, String path, int[] in) {
        if (in.length != 3) {
            throw new InvalidArchitectureException(path, type + " needs a [C,H,W] input but got the flat tensor "
                    + Arrays.toString(in) + "; place it before the flatten/dense/global_avg_pool layer");
        }
    }

    private static long features(int[] in) {
        long n = 1;
        for (int d : in) {
            n *= d;
        }
        return n;
    }

    static int checkedInt(long value, String path, String what) {
        if (value > Integer.MAX_VALUE) {
            throw new InvalidArchitectureException(path, what + " " + value + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
