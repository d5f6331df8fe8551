package dev.jnas.cli;

import dev.jnas.engine.config.ConfigException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point of the {@code nas} command ({@code ./nas} runs it from the shaded jar). Call order:
 * {@link #main} parses and runs one subcommand and exits with its code; tests call
 * {@link #commandLine()} and set their own output writers. Exit codes: 0 success, 1 failure (the
 * search or training failed, a file could not be read), 2 usage error (bad option, bad config file;
 * the message names the option or the config field).
 */
public final class Main {
    /** Exit code of a successful command. */
    public static final int OK = 0;
    /** Exit code of a command that failed while running. */
    public static final int FAILURE = 1;
    /** Exit code of a usage error: bad options or a bad configuration. */
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A fresh {@code nas} command line with the project's exit codes and error messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NasCommand());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** {@link #commandLine()} with {@code out} and {@code err} as the command's writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        int code;
        if (ex instanceof UsageException || ex instanceof ConfigException) {
            err.println(name + ": " + ex.getMessage());
            err.println("Try '" + name + " --help' for more information.");
            code = USAGE;
        } else {
            err.println(name + ": error: " + describe(ex));
            code = FAILURE;
        }
        if (System.getenv("NAS_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        Throwable c = t.getCause();
        return c != null && c.getMessage() != null && !m.contains(c.getMessage()) ? m + " (" + c.getMessage() + ")" : m;
    }
}
