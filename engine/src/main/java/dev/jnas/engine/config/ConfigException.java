package dev.jnas.engine.config;

/**
 * A bad experiment configuration: the message names the field path (e.g. {@code budget.maxTrials}),
 * and the file, line and column when the parser knows them. The CLI maps it to exit code 2.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public ConfigException(String path, String message) {
        this(path, message, null);
    }

    public ConfigException(String path, String message, Throwable cause) {
        super("config " + (path == null || path.isEmpty() ? "" : "field '" + path + "': ") + message, cause);
        this.path = path;
    }

    /** The dotted field path at fault, or empty when the whole document is bad. */
    public String path() {
        return path == null ? "" : path;
    }
}
