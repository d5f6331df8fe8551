package dev.jnas.nn.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of shape-valid architectures with nested sequential, parallel and cell blocks, for property
 * tests. It tracks the shape itself with the simplest rules (only shape-preserving add branches,
 * H/W-preserving concat branches, shape-preserving or zero cell edges), so a spec it builds must pass
 * analysis with {@link #lastShape()}.
 */
final class RandomArchitectures {
    private static final Activation[] ACTIVATIONS = Activation.values();

    private final SplittableRandom rng;
    private int[] shape;

    RandomArchitectures(SplittableRandom rng) {
        this.rng = rng;
    }

    /** A random architecture on a random input of up to 4x12x12. */
    ArchitectureSpec next() {
        int c = 1 + rng.nextInt(4);
        int h = 1 + rng.nextInt(12);
        int w = rng.nextBoolean() ? h : 1 + rng.nextInt(12);
        shape = new int[] {c, h, w};
        return new ArchitectureSpec(c, h, w, sequence(0, 1 + rng.nextInt(6)));
    }

    /** The output shape of the last generated architecture, as the generator tracked it. */
    int[] lastShape() {
        return shape.clone();
    }

    private SequentialSpec sequence(int depth, int length) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            layers.add(layer(depth));
        }
        return new SequentialSpec(layers);
    }

    private LayerSpec layer(int depth) {
        int pick = rng.nextInt(depth < 3 ? 16 : 12);
        boolean image = shape.length == 3;
        switch (pick) {
            case 0: case 1:
                if (image) {
                    return conv();
                }
                return dense();
            case 2:
                if (image && Math.min(shape[1], shape[2]) >= 1) {
                    return pool();
                }
                return dense();
            case 3: return dense();
            case 4: return new BatchNormSpec();
            case 5: return new ActivationSpec(ACTIVATIONS[rng.nextInt(ACTIVATIONS.length)]);
            case 6: return new DropoutSpec(rng.nextInt(3) == 0 ? 0.5 : rng.nextDouble() * 0.99);
            case 7: return new IdentitySpec();
            case 8:
                shape = new int[] {Arrays.stream(shape).reduce(1, (a, b) -> a * b)};
                return new FlattenSpec();
            case 9:
                if (image) {
                    shape = new int[] {shape[0]};
                    return new GlobalAvgPoolSpec();
                }
                return new IdentitySpec();
            case 10: return new ZeroSpec();
            case 11: case 12: return sequence(depth + 1, 1 + rng.nextInt(3));
            case 13: return parallel(depth + 1);
            default: return cell(depth + 1);
        }
    }

    private LayerSpec conv() {
        for (int attempt = 0; attempt < 10; attempt++) {
            int k = 1 + rng.nextInt(7);
            int stride = 1 + rng.nextInt(2);
            Padding pad = switch (rng.nextInt(3)) {
                case 0 -> Padding.SAME;
                case 1 -> Padding.VALID;
                default -> Padding.of(rng.nextInt(3));
            };
            int oh = pad.outputSize(shape[1], k, stride);
            int ow = pad.outputSize(shape[2], k, stride);
            if (oh >= 1 && ow >= 1) {
                int filters = 1 + rng.nextInt(8);
                shape = new int[] {filters, oh, ow};
                return new Conv2dSpec(filters, k, stride, pad);
            }
        }
        return new IdentitySpec();
    }

    private LayerSpec pool() {
        int size = 1 + rng.nextInt(Math.min(3, Math.min(shape[1], shape[2])));
        int stride = 1 + rng.nextInt(3);
        boolean avg = rng.nextBoolean();
        int pad = avg ? rng.nextInt(size / 2 + 1) : 0;
        shape = new int[] {shape[0], (shape[1] + 2 * pad - size) / stride + 1, (shape[2] + 2 * pad - size) / stride + 1};
        return avg ? new AvgPool2dSpec(size, stride, pad) : new MaxPool2dSpec(size, stride);
    }

    /**
     * A cell of 2..5 nodes whose edges keep the shape (or are zero), each node reached from a random
     * non-empty set of earlier nodes; the edges are listed in random order to exercise the canonical sort.
     */
    private LayerSpec cell(int depth) {
        int[] in = shape;
        int nodes = 2 + rng.nextInt(4);
        List<CellSpec.Edge> edges = new ArrayList<>();
        for (int j = 1; j < nodes; j++) {
            boolean any = false;
            for (int i = 0; i < j; i++) {
                if (rng.nextInt(3) > 0 || (!any && i == j - 1)) {
                    shape = in;
                    edges.add(new CellSpec.Edge(i, j, rng.nextInt(5) == 0 ? new ZeroSpec() : preserving(depth, in)));
                    any = true;
                }
            }
        }
        for (int k = edges.size() - 1; k > 0; k--) {
            int r = rng.nextInt(k + 1);
            edges.set(k, edges.set(r, edges.get(k)));
        }
        shape = in.clone();
        return new CellSpec(nodes, edges);
    }

    private LayerSpec dense() {
        int units = 1 + rng.nextInt(16);
        shape = new int[] {units};
        return new DenseSpec(units);
    }

    private LayerSpec parallel(int depth) {
        boolean add = rng.nextBoolean();
        int n = 2 + rng.nextInt(2);
        int[] in = shape;
        List<LayerSpec> branches = new ArrayList<>();
        int concatenated = 0;
        for (int j = 0; j < n; j++) {
            shape = in;
            LayerSpec b = add ? preserving(depth, in) : widthChanging(in);
            branches.add(b);
            concatenated += shape[0];
        }
        shape = in.clone();
        if (!add) {
            shape[0] = concatenated;
        }
        return new ParallelSpec(branches, add ? ParallelSpec.Merge.ADD : ParallelSpec.Merge.CONCAT);
    }

    /** A branch whose output shape equals {@code in}: possibly a nested sequence of such layers. */
    private LayerSpec preserving(int depth, int[] in) {
        int pick = rng.nextInt(depth < 3 ? 7 : 5);
        switch (pick) {
            case 0: return new IdentitySpec();
            case 1: return new BatchNormSpec();
            case 2: return in.length == 3 ? new Conv2dSpec(in[0], 1 + 2 * rng.nextInt(3), 1, Padding.SAME) : new DenseSpec(in[0]);
            case 3: return new ActivationSpec(ACTIVATIONS[rng.nextInt(ACTIVATIONS.length)]);
            case 4: return new DropoutSpec(rng.nextDouble() * 0.5);
            case 6: return cell(depth + 1);
            default:
                List<LayerSpec> chain = new ArrayList<>();
                int length = 1 + rng.nextInt(3);
                for (int i = 0; i < length; i++) {
                    chain.add(preserving(depth + 1, in));
                }
                return new SequentialSpec(chain);
        }
    }

    /** A branch keeping H and W (image) or rank (flat) but possibly changing channels / features. */
    private LayerSpec widthChanging(int[] in) {
        int width = 1 + rng.nextInt(8);
        if (rng.nextInt(3) == 0) {
            return new IdentitySpec();
        }
        shape = in.length == 3 ? new int[] {width, in[1], in[2]} : new int[] {width};
        LayerSpec main = in.length == 3 ? new Conv2dSpec(width, 1 + rng.nextInt(7), 1, Padding.SAME) : new DenseSpec(width);
        return rng.nextBoolean() ? main : SequentialSpec.of(main, new ActivationSpec(Activation.RELU));
    }
}
