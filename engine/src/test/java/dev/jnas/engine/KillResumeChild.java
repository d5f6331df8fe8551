package dev.jnas.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * The child-JVM main of {@link KillResumeTest}: runs a demo-space experiment in {@code args[0]}
 * whose fake evaluator sleeps {@code args[2]} ms per trial, with {@code args[1]} trials. It is killed
 * mid-search; it never finishes on purpose.
 */
public final class KillResumeChild {
    private KillResumeChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        var config = Fakes.config(dir, Map.of("budget.maxTrials", args[1]));
        Experiment.create(config, Fakes.demoSpace(), new Fakes.Counting(Long.parseLong(args[2])), dir).run(ProgressListener.NONE);
    }
}
