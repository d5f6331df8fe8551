package dev.jnas.search;

/** The task a decoded network serves: input channels x height x width, and the number of classes. */
public record InputShape(int channels, int height, int width, int classes) {
    public InputShape {
        if (channels <= 0 || height <= 0 || width <= 0 || classes < 2) {
            throw new IllegalArgumentException("input: need positive channels/height/width and classes >= 2, got "
                    + channels + "x" + height + "x" + width + ", classes " + classes);
        }
    }
}
