package dev.jnas.nn.spec;

/**
 * A whole network: the input shape (channels, height, width; flat feature vectors use height = width = 1)
 * and the body, whose last layer produces the class scores (logits).
 */
public record ArchitectureSpec(int channels, int height, int width, SequentialSpec body) {
    public ArchitectureSpec {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("architecture: input shape must be positive, got "
                    + channels + "x" + height + "x" + width);
        }
        if (body == null) {
            throw new IllegalArgumentException("architecture: body must not be null");
        }
    }
}
