package dev.jnas.nn.spec;

/** Batch normalisation over channels (4-D input) or features (2-D input). */
public record BatchNormSpec() implements LayerSpec {
    @Override
    public String typeName() {
        return "batchnorm";
    }
}
