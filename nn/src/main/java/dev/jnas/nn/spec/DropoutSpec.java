package dev.jnas.nn.spec;

/** Inverted dropout, active in training mode only. */
public record DropoutSpec(double rate) implements LayerSpec {
    public DropoutSpec {
        if (!(rate >= 0.0 && rate < 1.0)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public String typeName() {
        return "dropout";
    }
}
