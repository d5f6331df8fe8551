package dev.jnas.nn.spec;

/**
 * An architecture whose layers do not fit together for its input shape, found by
 * {@link ArchitectureAnalysis#analyze(ArchitectureSpec)} before anything is allocated. The message starts
 * with the offending layer's {@link #path()} and names the shapes involved.
 */
public class InvalidArchitectureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /** @param path the layer path, e.g. {@code body/2/parallel/branch1/0/conv2d}; @param detail what does not fit */
    public InvalidArchitectureException(String path, String detail) {
        super(path + ": " + detail);
        this.path = path;
    }

    /** The path of the layer that does not fit, in the form used by {@link LayerInfo#path()}. */
    public String path() {
        return path;
    }
}
