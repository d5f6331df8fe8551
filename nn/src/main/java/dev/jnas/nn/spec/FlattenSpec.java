package dev.jnas.nn.spec;

/** Flattens [N,C,H,W] to [N,C*H*W]. */
public record FlattenSpec() implements LayerSpec {
    @Override
    public String typeName() {
        return "flatten";
    }
}
