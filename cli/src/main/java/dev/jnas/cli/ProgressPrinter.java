package dev.jnas.cli;

import dev.jnas.engine.ExperimentOutcome;
import dev.jnas.engine.ProgressListener;
import dev.jnas.engine.TrialRecord;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a running search. On a terminal ({@code System.console() != null}) one status line is
 * rewritten in place ({@code \r}) with trials done / budget, best so far, the running trial's epoch
 * and the ETA, and only finished trials that improve the best are kept as permanent lines; otherwise
 * (a pipe, a log file, a test) every finished trial is one plain log line with the same figures.
 * Worker threads call {@link #epochDone}, so every method is synchronized.
 */
final class ProgressPrinter implements ProgressListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final String metric;
    private int maxTrials;
    private int finished;
    private TrialRecord best;
    private Duration eta;
    private long started = System.nanoTime();
    private int statusWidth;

    ProgressPrinter(PrintWriter out, boolean terminal, String metric) {
        this.out = out;
        this.terminal = terminal;
        this.metric = metric;
    }

    /**
     * True when standard output is an interactive terminal: {@code System.console() != null}, and on
     * JDK 22+ (where a console exists even when redirected) also {@code Console.isTerminal()}, called
     * reflectively because the code targets release 17.
     */
    static boolean stdoutIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized void experimentStarted(Path dir, int max, int alreadyFinished) {
        this.maxTrials = max;
        this.finished = alreadyFinished;
        this.started = System.nanoTime();
        line("experiment " + dir + ": budget " + max + " trials"
                + (alreadyFinished > 0 ? ", " + alreadyFinished + " already finished" : ""));
    }

    @Override
    public synchronized void trialStarted(int trial, String key) {
        status("trial " + trial + " starting");
    }

    @Override
    public synchronized void epochDone(int trial, int epoch, Map<String, Double> metrics) {
        Double v = metrics.get(metric);
        status("trial " + trial + " epoch " + (epoch + 1) + (v == null ? "" : " " + metric + " " + fmt(v)));
    }

    @Override
    public synchronized void trialFinished(TrialRecord t, Progress p) {
        finished = p.finishedTrials();
        maxTrials = p.maxTrials();
        eta = p.eta();
        boolean improved = p.best() != null && (best == null || p.best().trial() != best.trial());
        best = p.best();
        String what = String.format(Locale.ROOT, "trial %d %s%s, %,d params, %.1fs", t.trial(), t.status(),
                Double.isNaN(t.metric(metric)) ? (t.reason() == null ? "" : " (" + t.reason() + ")")
                        : " " + metric + " " + fmt(t.metric(metric)), t.parameters(), t.millis() / 1000.0);
        if (!terminal) {
            line(what + " | " + summary(p.elapsed()));
        } else if (improved) {
            line(what + " | new best");
            status("");
        } else {
            status("");
        }
    }

    @Override
    public synchronized void warning(String message) {
        line("warning: " + message);
    }

    @Override
    public synchronized void experimentFinished(ExperimentOutcome o) {
        clearStatus();
        line(String.format(Locale.ROOT, "search finished (%s) after %s: %s", o.stopReason(),
                duration(Duration.ofMillis(o.elapsedMillis())), o.counts()));
    }

    private String summary(Duration elapsed) {
        String b = best == null ? "best -" : "best " + fmt(best.metric(metric)) + " (trial " + best.trial() + ")";
        return String.format(Locale.ROOT, "%d/%d trials, %s, elapsed %s, ETA %s", finished, maxTrials, b,
                duration(elapsed), eta == null ? "?" : duration(eta));
    }

    private void status(String running) {
        if (!terminal) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        String s = "[" + summary(elapsed) + "]" + (running.isEmpty() ? "" : " " + running);
        int pad = Math.max(0, statusWidth - s.length());
        out.print("\r" + s + " ".repeat(pad));
        out.flush();
        statusWidth = s.length();
    }

    private void clearStatus() {
        if (terminal && statusWidth > 0) {
            out.print("\r" + " ".repeat(statusWidth) + "\r");
            statusWidth = 0;
        }
    }

    private void line(String s) {
        clearStatus();
        out.println(s);
        out.flush();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
