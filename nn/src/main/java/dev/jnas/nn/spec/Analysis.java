package dev.jnas.nn.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Result of {@link ArchitectureAnalysis#analyze(ArchitectureSpec)}: one {@link LayerInfo} per leaf layer,
 * per parallel merge and per cell node sum, in execution order; the network's output shape (without batch); and the
 * totals, which equal the sums over {@code layers}. {@code parameters} counts learnable scalars only
 * (batch-norm running statistics are buffers, not parameters); {@code flops} counts multiply-adds per
 * example of the conv2d and dense layers, the only ones with a multiply-add inner loop.
 */
public record Analysis(List<LayerInfo> layers, int[] outputShape, long parameters, long flops) {
    public Analysis {
        layers = List.copyOf(layers);
        outputShape = outputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    /** A Keras-style table of path, type, output shape and parameters, followed by the totals. */
    public String summary() {
        return SummaryTable.render(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Analysis a && layers.equals(a.layers) && Arrays.equals(outputShape, a.outputShape)
                && parameters == a.parameters && flops == a.flops;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layers, Arrays.hashCode(outputShape), parameters, flops);
    }

    @Override
    public String toString() {
        return "Analysis[" + layers.size() + " layers, output=" + Arrays.toString(outputShape)
                + ", parameters=" + parameters + ", flops=" + flops + "]";
    }
}
