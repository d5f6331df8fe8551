package dev.jnas.nn.spec;

/**
 * Outputs zeros of its input's shape: NAS-Bench-201's {@code none} operation, the "no connection" choice on
 * a {@link CellSpec} edge. It has no parameters and no FLOPs; a model builder may skip computing its input
 * (see {@link CellSpec#isZeroNode(int)}).
 */
public record ZeroSpec() implements LayerSpec {
    @Override
    public String typeName() {
        return "zero";
    }
}
