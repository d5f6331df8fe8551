package dev.jnas.nn.spec;

import java.util.Arrays;
import java.util.Objects;

/**
 * Shape-inference result for one layer, one row of {@link Analysis#layers()}.
 *
 * <p>Shapes leave out the batch dimension: {@code [C,H,W]} for image tensors, {@code [F]} for flat ones.
 * {@code path} is the layer's place in the spec, e.g. {@code body/2/parallel/branch1/0/conv2d} (see
 * {@link ArchitectureAnalysis} for the grammar); {@code type} is {@link LayerSpec#typeName()} for leaf
 * layers, {@code add} or {@code concat} for the merge row that closes a parallel block, and {@code sum}
 * for the row of a cell node ({@code P/nodej}, see {@link CellSpec}).
 * {@code parameters} counts learnable scalars, {@code flops} multiply-adds per example.
 * The arrays are copied in and out, so instances are immutable.
 */
public record LayerInfo(String path, String type, int[] inputShape, int[] outputShape, long parameters, long flops) {
    public LayerInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        inputShape = inputShape.clone();
        outputShape = outputShape.clone();
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo l && path.equals(l.path) && type.equals(l.type)
                && Arrays.equals(inputShape, l.inputShape) && Arrays.equals(outputShape, l.outputShape)
                && parameters == l.parameters && flops == l.flops;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, Arrays.hashCode(inputShape), Arrays.hashCode(outputShape), parameters, flops);
    }

    @Override
    public String toString() {
        return path + " (" + type + ") " + Arrays.toString(inputShape) + " -> " + Arrays.toString(outputShape)
                + ", params=" + parameters + ", flops=" + flops;
    }
}
