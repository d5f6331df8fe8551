package dev.jnas.nn.spec;

/** Average pooling over square windows of {@code size}, moved by {@code stride}, no padding. */
public record AvgPool2dSpec(int size, int stride) implements LayerSpec {
    public AvgPool2dSpec {
        if (size <= 0) {
            throw new IllegalArgumentException("avgpool2d: size must be > 0, got " + size);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("avgpool2d: stride must be > 0, got " + stride);
        }
    }

    /** Window {@code size}, stride equal to the size. */
    public static AvgPool2dSpec of(int size) {
        return new AvgPool2dSpec(size, size);
    }

    @Override
    public String typeName() {
        return "avgpool2d";
    }
}
