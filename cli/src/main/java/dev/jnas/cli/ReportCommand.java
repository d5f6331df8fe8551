package dev.jnas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jnas.engine.report.ExperimentResults;
import dev.jnas.engine.report.HtmlReport;
import dev.jnas.engine.report.Report;
import dev.jnas.engine.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nas report DIR...}: the top trials of each experiment as a table, or {@code --json} the
 * machine-readable summary (one object, or an array for several directories), and with
 * {@code --html FILE} a self-contained HTML report comparing all the directories given.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Summarise one or more experiment directories.")
public final class ReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Experiment directories.")
    List<Path> dirs;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Trials to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print the summary as JSON instead of the table.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
    Path html;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new UsageException("--top", "must be >= 1, got " + top);
        }
        List<ExperimentResults> results = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isRegularFile(d.resolve("config.json"))) {
                throw new UsageException("DIR", d + " is not an experiment directory (no config.json)");
            }
            try {
                results.add(ExperimentResults.load(d));
            } catch (UncheckedIOException e) {
                throw new IllegalStateException("cannot read " + d + ": " + e.getMessage(), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            if (results.size() == 1) {
                out.println(Report.json(results.get(0)));
            } else {
                List<Summary> all = results.stream().map(Summary::of).toList();
                out.println(JSON.writeValueAsString(all));
            }
        } else {
            for (ExperimentResults r : results) {
                out.print(Report.table(r, top));
            }
        }
        if (html != null) {
            HtmlReport.write(results, html);
            (json ? spec.commandLine().getErr() : out).println("HTML report: " + html.toAbsolutePath());
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return Main.OK;
    }
}
