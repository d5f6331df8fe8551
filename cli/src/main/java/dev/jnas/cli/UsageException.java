package dev.jnas.cli;

/**
 * A usage error found after parsing (an option value that parses but makes no sense, a missing
 * file named by an option): the CLI prints the message, which names the option, and exits with 2.
 */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String option, String message) {
        super("option '" + option + "': " + message);
    }

    public UsageException(String option, String message, Throwable cause) {
        super("option '" + option + "': " + message, cause);
    }
}
