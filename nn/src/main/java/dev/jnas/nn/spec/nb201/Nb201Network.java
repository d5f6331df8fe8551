package dev.jnas.nn.spec.nb201;

import dev.jnas.nn.spec.Activation;
import dev.jnas.nn.spec.ActivationSpec;
import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.AvgPool2dSpec;
import dev.jnas.nn.spec.BatchNormSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.DenseSpec;
import dev.jnas.nn.spec.GlobalAvgPoolSpec;
import dev.jnas.nn.spec.LayerInfo;
import dev.jnas.nn.spec.LayerSpec;
import dev.jnas.nn.spec.Padding;
import dev.jnas.nn.spec.ParallelSpec;
import dev.jnas.nn.spec.SequentialSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The NAS-Bench-201 macro skeleton around a cell (the benchmark's {@code TinyNetwork}), as an
 * {@link ArchitectureSpec}: stem conv 3x3 with C filters + batch norm; N cells at C channels; a residual
 * reduction block to 2C; N cells at 2C; a reduction block to 4C; N cells at 4C; batch norm, ReLU, global
 * average pooling, dense layer of {@code classes} logits. The benchmark uses C = 16, N = 5, 3x32x32 input
 * and 10 classes (CIFAR-10), the defaults of {@link #architecture(Nb201Cell)}.
 *
 * <p>The reduction block is the benchmark's {@code ResNetBasicblock} with stride 2 (checked against its
 * {@code cell_operations.py}): a parallel merged by add of (ReLU, conv 3x3 stride 2 padding 1, BN, ReLU,
 * conv 3x3 stride 1, BN) and the shortcut (avgpool 2x2 stride 2, conv 1x1 with no batch norm after it);
 * no activation follows the sum. Since the shortcut halves by pooling and the main path by a padded
 * stride-2 conv, the input height and width must be multiples of 4.
 *
 * <p>Parameters: the benchmark's convolutions have no bias (affine batch norms follow), ours always do,
 * so {@link dev.jnas.nn.spec.ArchitectureAnalysis#analyze} counts one extra parameter per filter of every
 * conv (304 for the default skeleton's stem and reductions, plus C per conv op in the cells);
 * {@link #benchmarkParameters(Analysis)} subtracts them to compare with the benchmark's tables.
 */
public final class Nb201Network {
    /** The benchmark's stem width C. */
    public static final int DEFAULT_CHANNELS = 16;
    /** The benchmark's cells per stage N. */
    public static final int DEFAULT_CELLS_PER_STAGE = 5;
    /** CIFAR-10's classes. */
    public static final int DEFAULT_CLASSES = 10;

    private static final ActivationSpec RELU = new ActivationSpec(Activation.RELU);

    private Nb201Network() {
    }

    /** The benchmark's network for {@code cell}: C = 16, N = 5, input 3x32x32, 10 classes. */
    public static ArchitectureSpec architecture(Nb201Cell cell) {
        return architecture(cell, DEFAULT_CHANNELS, DEFAULT_CELLS_PER_STAGE, 3, 32, 32, DEFAULT_CLASSES);
    }

    /**
     * The skeleton with stem width {@code channels} (C), {@code cellsPerStage} (N) cells per stage, the given
     * input shape and {@code classes} logits.
     *
     * @throws IllegalArgumentException for non-positive sizes, or a height or width that is not a multiple of 4
     */
    public static ArchitectureSpec architecture(Nb201Cell cell, int channels, int cellsPerStage,
            int inputChannels, int height, int width, int classes) {
        if (cell == null) {
            throw new IllegalArgumentException("nb201 network: cell must not be null");
        }
        if (channels <= 0 || cellsPerStage <= 0 || classes <= 0) {
            throw new IllegalArgumentException("nb201 network: channels, cellsPerStage and classes must be > 0, got "
                    + channels + ", " + cellsPerStage + ", " + classes);
        }
        if (height <= 0 || width <= 0 || height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("nb201 network: input height and width must be positive multiples of 4"
                    + " (two stride-2 reductions with an avgpool shortcut), got " + height + "x" + width);
        }
        List<LayerSpec> body = new ArrayList<>();
        body.add(Conv2dSpec.same(channels, 3));
        body.add(new BatchNormSpec());
        for (int stage = 0; stage < 3; stage++) {
            int c = channels << stage;
            if (stage > 0) {
                body.add(reductionBlock(c));
            }
            for (int i = 0; i < cellsPerStage; i++) {
                body.add(cell.toCellSpec(c));
            }
        }
        body.add(new BatchNormSpec());
        body.add(RELU);
        body.add(new GlobalAvgPoolSpec());
        body.add(new DenseSpec(classes));
        return new ArchitectureSpec(inputChannels, height, width, new SequentialSpec(body));
    }

    /**
     * The benchmark's {@code ResNetBasicblock(in, outChannels, stride 2)}: ReLU-conv3x3(s2)-BN, ReLU-conv3x3-BN,
     * plus the shortcut avgpool 2x2 then conv 1x1, summed; halves H and W, maps any input width to
     * {@code outChannels}.
     */
    public static ParallelSpec reductionBlock(int outChannels) {
        if (outChannels <= 0) {
            throw new IllegalArgumentException("nb201 reduction block: outChannels must be > 0, got " + outChannels);
        }
        SequentialSpec main = SequentialSpec.of(
                RELU, new Conv2dSpec(outChannels, 3, 2, Padding.of(1)), new BatchNormSpec(),
                RELU, new Conv2dSpec(outChannels, 3, 1, Padding.of(1)), new BatchNormSpec());
        SequentialSpec shortcut = SequentialSpec.of(AvgPool2dSpec.of(2), new Conv2dSpec(outChannels, 1, 1, Padding.VALID));
        return new ParallelSpec(List.of(main, shortcut), ParallelSpec.Merge.ADD);
    }

    /**
     * The parameter count the benchmark reports for this network: the analysis total minus one bias per
     * conv filter (every conv of the skeleton and of the NAS-Bench-201 ops is bias-free in the benchmark).
     */
    public static long benchmarkParameters(Analysis analysis) {
        long biases = 0;
        for (LayerInfo row : analysis.layers()) {
            if (row.type().equals("conv2d")) {
                biases += row.outputShape()[0];
            }
        }
        return analysis.parameters() - biases;
    }
}
