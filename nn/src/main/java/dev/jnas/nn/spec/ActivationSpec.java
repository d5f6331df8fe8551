package dev.jnas.nn.spec;

/** An element-wise activation layer. */
public record ActivationSpec(Activation function) implements LayerSpec {
    public ActivationSpec {
        if (function == null) {
            throw new IllegalArgumentException("activation: function must not be null");
        }
    }

    @Override
    public String typeName() {
        return "activation";
    }
}
