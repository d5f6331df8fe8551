package dev.jnas.nn.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Canonical architectures as ready-made specs: a configurable MLP, the three peer models of the PyTorch
 * benchmark ({@code shared/peers/torch/bench_torch.py}: MLP 784-256-128-10, LeNet-5, the wider CNN) with
 * identical layer shapes and parameter counts, a small CNN for 1x8x8 digits, and a small residual CNN.
 * Each call returns a new (immutable, value-equal) spec; pass it to {@link ArchitectureAnalysis#analyze}.
 */
public final class Architectures {
    private static final ActivationSpec RELU = new ActivationSpec(Activation.RELU);

    private Architectures() {
    }

    /**
     * A multi-layer perceptron: flatten, then for each hidden width a dense layer and ReLU, then a dense
     * layer of {@code classes} logits.
     */
    public static ArchitectureSpec mlp(int channels, int height, int width, int classes, int... hidden) {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new FlattenSpec());
        for (int h : hidden) {
            layers.add(new DenseSpec(h));
            layers.add(RELU);
        }
        layers.add(new DenseSpec(classes));
        return new ArchitectureSpec(channels, height, width, new SequentialSpec(layers));
    }

    /** The torch peer MLP on 1x28x28: 784-256-128-10 with ReLU; 235,146 parameters. */
    public static ArchitectureSpec peerMlp() {
        return mlp(1, 28, 28, 10, 256, 128);
    }

    /**
     * LeNet-5 as in the torch peer, on 1x28x28: conv 6@5x5 pad 2, ReLU, maxpool 2, conv 16@5x5, ReLU,
     * maxpool 2, flatten (400), dense 120, ReLU, dense 84, ReLU, dense 10; 61,706 parameters.
     */
    public static ArchitectureSpec lenet5() {
        return new ArchitectureSpec(1, 28, 28, SequentialSpec.of(
                new Conv2dSpec(6, 5, 1, Padding.of(2)), RELU, MaxPool2dSpec.of(2),
                new Conv2dSpec(16, 5, 1, Padding.VALID), RELU, MaxPool2dSpec.of(2),
                new FlattenSpec(),
                new DenseSpec(120), RELU, new DenseSpec(84), RELU, new DenseSpec(10)));
    }

    /**
     * The torch peer's wider CNN on 1x28x28: conv 32@3x3 pad 1, ReLU, conv 32@3x3 pad 1, ReLU, maxpool 2,
     * conv 64@3x3 pad 1, ReLU, maxpool 2, flatten (3136), dense 128, ReLU, dense 10; 430,890 parameters.
     */
    public static ArchitectureSpec wideCnn() {
        return new ArchitectureSpec(1, 28, 28, SequentialSpec.of(
                new Conv2dSpec(32, 3, 1, Padding.of(1)), RELU,
                new Conv2dSpec(32, 3, 1, Padding.of(1)), RELU, MaxPool2dSpec.of(2),
                new Conv2dSpec(64, 3, 1, Padding.of(1)), RELU, MaxPool2dSpec.of(2),
                new FlattenSpec(),
                new DenseSpec(128), RELU, new DenseSpec(10)));
    }

    /**
     * A small CNN for 1x8x8 digit images: conv 16@3x3 same, ReLU, maxpool 2 (16x4x4), conv 32@3x3 same,
     * ReLU, maxpool 2 (32x2x2), flatten (128), dense 10; 6,090 parameters.
     */
    public static ArchitectureSpec digitsCnn() {
        return new ArchitectureSpec(1, 8, 8, SequentialSpec.of(
                Conv2dSpec.same(16, 3), RELU, MaxPool2dSpec.of(2),
                Conv2dSpec.same(32, 3), RELU, MaxPool2dSpec.of(2),
                new FlattenSpec(), new DenseSpec(10)));
    }

    /**
     * A small residual CNN on 1x28x28: a 16-filter stem, two residual blocks (identity + conv-bn-relu-conv-bn,
     * merged by add, then ReLU) separated by a stride-2 32-filter conv, global average pooling and 10 logits.
     */
    public static ArchitectureSpec residualCnn() {
        return new ArchitectureSpec(1, 28, 28, SequentialSpec.of(
                Conv2dSpec.same(16, 3), new BatchNormSpec(), RELU,
                residualBlock(16), RELU,
                new Conv2dSpec(32, 3, 2, Padding.SAME), new BatchNormSpec(), RELU,
                residualBlock(32), RELU,
                new GlobalAvgPoolSpec(), new DenseSpec(10)));
    }

    /** Identity plus conv-bn-relu-conv-bn with {@code filters} 3x3 same convolutions, merged by add. */
    public static ParallelSpec residualBlock(int filters) {
        return new ParallelSpec(List.of(new IdentitySpec(), SequentialSpec.of(
                Conv2dSpec.same(filters, 3), new BatchNormSpec(), RELU,
                Conv2dSpec.same(filters, 3), new BatchNormSpec())), ParallelSpec.Merge.ADD);
    }
}
