package dev.jnas.nn.spec.nb201;

import dev.jnas.nn.spec.Activation;
import dev.jnas.nn.spec.ActivationSpec;
import dev.jnas.nn.spec.AvgPool2dSpec;
import dev.jnas.nn.spec.BatchNormSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.IdentitySpec;
import dev.jnas.nn.spec.LayerSpec;
import dev.jnas.nn.spec.SequentialSpec;
import dev.jnas.nn.spec.ZeroSpec;

/**
 * The five NAS-Bench-201 edge operations, in the benchmark's order (the ordinal is the op's index in its
 * operation list). Each keeps the shape {@code [C,H,W]} of its input; {@link #toLayerSpec(int)} gives the
 * spec an edge of a cell with {@code C} channels uses.
 */
public enum Nb201Op {
    /** {@code none}: zeros ({@link ZeroSpec}). */
    NONE("none"),
    /** {@code skip_connect}: identity ({@link IdentitySpec}). */
    SKIP_CONNECT("skip_connect"),
    /** {@code nor_conv_1x1}: ReLU, conv 1x1 stride 1 with C filters, batch norm. */
    NOR_CONV_1X1("nor_conv_1x1"),
    /** {@code nor_conv_3x3}: ReLU, conv 3x3 stride 1 same padding with C filters, batch norm. */
    NOR_CONV_3X3("nor_conv_3x3"),
    /** {@code avg_pool_3x3}: average pool 3x3, stride 1, padding 1, padding not counted in the mean. */
    AVG_POOL_3X3("avg_pool_3x3");

    private final String benchmarkName;

    Nb201Op(String benchmarkName) {
        this.benchmarkName = benchmarkName;
    }

    /** The name in architecture strings, e.g. {@code nor_conv_3x3}. */
    public String benchmarkName() {
        return benchmarkName;
    }

    /** The op with this architecture-string name, or null if there is none. */
    static Nb201Op byName(String name) {
        for (Nb201Op op : values()) {
            if (op.benchmarkName.equals(name)) {
                return op;
            }
        }
        return null;
    }

    /**
     * The layer spec of this op on a {@code channels}-channel feature map. Our conv2d has a bias (NAS-Bench-201's
     * has none, its batch norm being affine), so each conv op has {@code channels} more parameters than the
     * benchmark's; see {@link Nb201Network#benchmarkParameters}.
     */
    public LayerSpec toLayerSpec(int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException("nb201 op " + benchmarkName + ": channels must be > 0, got " + channels);
        }
        return switch (this) {
            case NONE -> new ZeroSpec();
            case SKIP_CONNECT -> new IdentitySpec();
            case NOR_CONV_1X1 -> reluConvBn(channels, 1);
            case NOR_CONV_3X3 -> reluConvBn(channels, 3);
            case AVG_POOL_3X3 -> new AvgPool2dSpec(3, 1, 1);
        };
    }

    private static SequentialSpec reluConvBn(int channels, int kernel) {
        return SequentialSpec.of(new ActivationSpec(Activation.RELU), Conv2dSpec.same(channels, kernel), new BatchNormSpec());
    }
}
