package dev.jnas.cli;

import dev.jnas.engine.trial.TrialContext;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link TrialContext} of single trainings outside a search ({@code train}, {@code export}): all
 * cores (or the given kernel threads), never cancelled, one line per epoch when {@code out} is set.
 */
final class CliContext implements TrialContext {
    private final int threads;
    private final PrintWriter out;

    CliContext(int threads, PrintWriter out) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.out = out;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public int kernelThreads() {
        return threads;
    }

    @Override
    public void epochDone(int epoch, Map<String, Double> metrics) {
        if (out == null) {
            return;
        }
        StringBuilder sb = new StringBuilder("epoch ").append(epoch + 1);
        metrics.forEach((k, v) -> sb.append("  ").append(k).append(' ')
                .append(String.format(Locale.ROOT, k.equals("learning_rate") ? "%.2e" : k.equals("seconds") ? "%.1f" : "%.4f", v)));
        out.println(sb);
        out.flush();
    }
}
