package dev.jnas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code nas} command: only dispatches to its subcommands; run without one it prints
 * the usage and returns 2.
 */
@Command(name = "nas", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Neural architecture search in pure Java.",
        subcommands = {SearchCommand.class, ResumeCommand.class, ReportCommand.class, ExportCommand.class,
                TrainCommand.class, SpaceCommand.class, ReplayCommand.class, BenchCommand.class, VersionCommand.class},
        footer = {"", "Start with: nas search   (the embedded digits data set, under a minute on 2 cores)"})
public final class NasCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }
}
