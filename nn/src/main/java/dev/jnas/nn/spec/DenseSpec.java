package dev.jnas.nn.spec;

/** Fully connected layer with bias; a 4-D input is flattened automatically. */
public record DenseSpec(int units) implements LayerSpec {
    public DenseSpec {
        if (units <= 0) {
            throw new IllegalArgumentException("dense: units must be > 0, got " + units);
        }
    }

    @Override
    public String typeName() {
        return "dense";
    }
}
