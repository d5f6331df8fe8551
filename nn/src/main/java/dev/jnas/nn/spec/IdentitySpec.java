package dev.jnas.nn.spec;

/** Passes its input through unchanged: the skip branch of a residual block. */
public record IdentitySpec() implements LayerSpec {
    @Override
    public String typeName() {
        return "identity";
    }
}
