package dev.jnas.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times a workload the way the reference peer scripts ({@code ../shared/peers}) time theirs, so that our
 * figure and the peer's are the same statistic: after a warm-up, samples of about {@code sampleSeconds}
 * each, kept only when other processes used under 0.1 cores meanwhile (the machine's busy time from
 * {@code /proc/stat} minus this process's CPU time), until {@code samples} clean ones or {@code maxTries}
 * tries; the median of the clean samples (of all of them, flagged, when none was clean).
 *
 * <p>Call order: construct with a {@link Meter} ({@link #systemMeter()} on a real machine), then
 * {@link #measure} per workload.
 */
final class CleanSampler {
    /** Where the CPU times come from; {@link Double#NaN} busy time means the machine's load is unknown. */
    interface Meter {
        /** CPU seconds all processes of the machine have used so far (user, nice, system, irq, softirq, steal). */
        double machineBusySeconds();

        /** CPU seconds this process has used so far. */
        double processCpuSeconds();
    }

    /** One workload's figures: rate per second of the clean samples, how many were clean, calls per sample. */
    record Result(double median, double min, double max, int clean, int tries, int callsPerSample, boolean filtered) {
    }

    /** Other processes' share of the machine (in cores) above which a sample is discarded, as in the peer scripts. */
    static final double MAX_OTHER_CORES = 0.10;

    private final Meter meter;

    CleanSampler(Meter meter) {
        this.meter = meter;
    }

    /**
     * Runs {@code work} for {@code warmupSeconds} (which also sets the calls per sample), then samples it;
     * each call does {@code unitsPerCall} units (flops, images), so the result is in units per second.
     */
    Result measure(Runnable work, double unitsPerCall, double warmupSeconds, double sampleSeconds, int samples, int maxTries) {
        long start = System.nanoTime();
        int warmCalls = 0;
        do {
            work.run();
            warmCalls++;
        } while ((System.nanoTime() - start) / 1e9 < warmupSeconds);
        double perCall = (System.nanoTime() - start) / 1e9 / warmCalls;
        int calls = (int) Math.max(1, Math.round(sampleSeconds / perCall));
        List<Double> clean = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        int tries = 0;
        boolean known = true;
        while (clean.size() < samples && tries < maxTries) {
            double busy0 = meter.machineBusySeconds();
            double own0 = meter.processCpuSeconds();
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                work.run();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double other = (meter.machineBusySeconds() - busy0 - (meter.processCpuSeconds() - own0)) / wall;
            double rate = unitsPerCall * calls / wall;
            tries++;
            all.add(rate);
            known &= !Double.isNaN(other);
            if (Double.isNaN(other) || other < MAX_OTHER_CORES) {
                clean.add(rate);
            }
        }
        boolean filtered = known && !clean.isEmpty();
        List<Double> kept = clean.isEmpty() ? all : clean;
        Collections.sort(kept);
        int n = kept.size();
        double median = n % 2 == 1 ? kept.get(n / 2) : (kept.get(n / 2 - 1) + kept.get(n / 2)) / 2;
        return new Result(median, kept.get(0), kept.get(n - 1), clean.size(), tries, calls, filtered);
    }

    /** The meter of this machine: {@code /proc/stat} (Linux; NaN elsewhere) and the JVM's process CPU time. */
    static Meter systemMeter() {
        Path stat = Path.of("/proc/stat");
        var os = ManagementFactory.getOperatingSystemMXBean();
        return new Meter() {
            @Override
            public double machineBusySeconds() {
                try {
                    String[] f = Files.readAllLines(stat).get(0).trim().split("\\s+");
                    long ticks = 0;
                    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                        ticks += Long.parseLong(f[i]);
                    }
                    // USER_HZ: 100 on every Linux the JVM runs on (the kernel ABI fixes it for /proc).
                    return ticks / 100.0;
                } catch (IOException | RuntimeException e) {
                    return Double.NaN;
                }
            }

            @Override
            public double processCpuSeconds() {
                if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                    return sun.getProcessCpuTime() / 1e9;
                }
                return Double.NaN;
            }
        };
    }
}
