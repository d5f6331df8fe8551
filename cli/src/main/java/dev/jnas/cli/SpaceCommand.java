package dev.jnas.cli;

import dev.jnas.engine.Spaces;
import dev.jnas.engine.config.ConfigException;
import dev.jnas.search.DecodeResult;
import dev.jnas.search.Genome;
import dev.jnas.search.InputShape;
import dev.jnas.search.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code nas space}: describes a search space for a data set's input shape (every decision with its
 * choices and conditions, the size exactly and as log10) and with {@code --sample N} draws N genomes
 * from {@code --seed}, printing each genome, its canonical key, cost and the architecture it decodes to.
 */
@Command(name = "space", mixinStandardHelpOptions = true, description = "Describe a search space and sample genomes from it.")
public final class SpaceCommand implements Callable<Integer> {
    /** Input shapes of the named data sets, so describing a space needs no data files. */
    static final Map<String, InputShape> KNOWN_SHAPES = Map.of(
            "digits", new InputShape(1, 8, 8, 10),
            "mnist", new InputShape(1, 28, 28, 10),
            "fashion-mnist", new InputShape(1, 28, 28, 10),
            "kmnist", new InputShape(1, 28, 28, 10),
            "cifar10", new InputShape(3, 32, 32, 10));

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "default",
            description = "default, demo, or a search-space JSON file (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0", description = "Draw N genomes.")
    int sample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--show-arch", description = "Also print each sample's architecture summary table.")
    boolean showArch;

    @Override
    public Integer call() {
        if (sample < 0) {
            throw new UsageException("--sample", "must be >= 0, got " + sample);
        }
        PrintWriter out = spec.commandLine().getOut();
        String name = data.name("digits");
        InputShape in = KNOWN_SHAPES.get(name);
        if (in == null) {
            in = DataOptions.load(name, data.directory(name, null, out), out).inputShape();
        }
        SearchSpace s;
        try {
            s = Spaces.resolve(space, in);
        } catch (ConfigException e) {
            throw new UsageException("--space", e.getMessage().replaceFirst("^config field 'search.space': ", ""), e);
        }
        out.print(s.describe());
        out.printf(Locale.ROOT, "size: exactly %s genomes, log10 %.3f%n", s.size(), s.log10Size());
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < sample; i++) {
            Genome g = s.sample(rng);
            DecodeResult d = s.decode(g);
            out.printf(Locale.ROOT, "%nsample %d: %s%n  key %s%n  %,d parameters, %,d FLOPs%s%n", i + 1, g.toJson(), s.key(g),
                    d.parameters(), d.flops(), d.feasible() ? "" : ", infeasible: " + d.violation());
            out.println("  " + s.describe(g).replace("\n", "\n  ").stripTrailing());
            if (showArch && d.spec() != null) {
                out.print(dev.jnas.nn.spec.ArchitectureAnalysis.summary(d.spec()));
            }
        }
        out.flush();
        return Main.OK;
    }
}
