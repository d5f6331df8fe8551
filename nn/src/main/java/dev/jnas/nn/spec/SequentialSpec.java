package dev.jnas.nn.spec;

import java.util.List;

/** A chain of layers applied one after another. */
public record SequentialSpec(List<LayerSpec> layers) implements LayerSpec {
    public SequentialSpec {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("sequential: needs at least one layer");
        }
        layers = List.copyOf(layers);
    }

    public static SequentialSpec of(LayerSpec... layers) {
        return new SequentialSpec(List.of(layers));
    }

    @Override
    public String typeName() {
        return "sequential";
    }
}
