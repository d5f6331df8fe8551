package dev.jnas.cli;

import dev.jnas.engine.trial.TrialContext;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The {@link TrialContext} of single trainings outside a search ({@code train}, {@code export}): all
 * cores (or the given kernel threads), never cancelled, one line per epoch when {@code out} is set.
 */
final class CliContext {
    private CliContext() {
    }

    /** {@code threads} kernel threads (0 = all cores); epoch lines go to {@code out} when it is not null. */
    static TrialContext of(int threads, PrintWriter out) {
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return TrialContext.uncancelled(t, (epoch, metrics) -> {
            if (out == null) {
                return;
            }
            StringBuilder sb = new StringBuilder("epoch ").append(epoch + 1);
            metrics.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(String.format(Locale.ROOT,
                    k.equals("learning_rate") ? "%.2e" : k.equals("seconds") ? "%.1f" : "%.4f", v)));
            out.println(sb);
            out.flush();
        });
    }
}
