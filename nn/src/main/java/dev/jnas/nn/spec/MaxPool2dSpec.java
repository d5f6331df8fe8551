package dev.jnas.nn.spec;

/** Max pooling over square windows of {@code size}, moved by {@code stride}, no padding. */
public record MaxPool2dSpec(int size, int stride) implements LayerSpec {
    public MaxPool2dSpec {
        if (size <= 0) {
            throw new IllegalArgumentException("maxpool2d: size must be > 0, got " + size);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("maxpool2d: stride must be > 0, got " + stride);
        }
    }

    /** Window {@code size}, stride equal to the size. */
    public static MaxPool2dSpec of(int size) {
        return new MaxPool2dSpec(size, size);
    }

    @Override
    public String typeName() {
        return "maxpool2d";
    }
}
