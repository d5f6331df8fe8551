package dev.jnas.nn.spec;

/** Global average pooling: [N,C,H,W] to [N,C]. */
public record GlobalAvgPoolSpec() implements LayerSpec {
    @Override
    public String typeName() {
        return "global_avg_pool";
    }
}
