package dev.jnas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nas bench}: one median line per figure, option errors named, and the clean-sample rule of the peer scripts. */
class BenchCommandTest {
    private static final Pattern LINE = Pattern.compile(
            "(gemm n=\\d+|conv [\\d,]+) threads=(\\d) median=([\\d.]+) GFLOP/s min=([\\d.]+) max=([\\d.]+) \\((\\d+) (clean|unfiltered) of (\\d+) samples x \\d+ calls\\)");

    @Test
    void bench_gemmTwoSizesTwoThreadCounts_oneMedianLineEachWithinMinMax() {
        Cli r = Cli.run("bench", "gemm", "--sizes", "33,64", "--threads", "1,2", "--samples", "3", "--warmup", "0.05",
                "--sample-seconds", "0.01");
        assertEquals(0, r.code(), r::toString);
        List<String> figures = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            Matcher m = LINE.matcher(l.trim());
            if (m.matches()) {
                figures.add(m.group(1) + " t" + m.group(2));
                double median = Double.parseDouble(m.group(3));
                assertTrue(median > 0 && Double.parseDouble(m.group(4)) <= median && median <= Double.parseDouble(m.group(5)), l);
                assertTrue(Integer.parseInt(m.group(6)) <= Integer.parseInt(m.group(8)), l);
            }
        }
        assertEquals(List.of("gemm n=33 t1", "gemm n=64 t1", "gemm n=33 t2", "gemm n=64 t2"), figures, r::toString);
    }

    @Test
    void bench_convSmallShape_oneLinePerThreadCount() {
        Cli r = Cli.run("bench", "conv", "--conv", "2,3,9,9,17,3,1", "--threads", "1", "--samples", "2", "--warmup", "0",
                "--sample-seconds", "0.01");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> LINE.matcher(l.trim()).matches() && l.startsWith("conv 2,3,9,9,17,3,1 threads=1")),
                r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bench fft|KERNEL|must be gemm or conv",
        "bench gemm --sizes 0|--sizes|1..16384",
        "bench gemm --threads 0|--threads|1..1024",
        "bench gemm --samples 40|--samples|max-tries",
        "bench conv --conv 1,2,3|--conv|N,C,H,W,K,R,PAD",
        "bench conv --conv 1,1,2,2,1,5,0|--conv|N,C,H,W,K,R,PAD",
    })
    void bench_badOption_usageErrorNamingIt(String args, String option, String fragment) {
        Cli r = Cli.run(args.split(" "));
        assertEquals(Main.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains(option) && r.err().contains(fragment), r::toString);
    }

    /** A meter that shows another process using a whole core during the samples listed in {@code busy}. */
    private static CleanSampler.Meter meter(boolean... busy) {
        return new CleanSampler.Meter() {
            private int reads;
            private double machine;

            @Override
            public double machineBusySeconds() {
                // Two reads per sample (before, after): during sample i, the machine gains one busy second when busy[i].
                int sample = reads++ / 2;
                if (reads % 2 == 0 && sample < busy.length && busy[sample]) {
                    machine += 1.0;
                }
                return machine;
            }

            @Override
            public double processCpuSeconds() {
                return 0;
            }
        };
    }

    @Test
    void measure_otherProcessBusyInSomeSamples_thoseDiscardedUntilEnoughClean() {
        CleanSampler s = new CleanSampler(meter(false, true, true, false, true, false, false));
        CleanSampler.Result r = s.measure(() -> { }, 1, 0, 0.001, 4, 30);
        assertTrue(r.filtered());
        assertEquals(4, r.clean());
        assertEquals(7, r.tries(), "samples 1, 2 and 4 were disturbed");
    }

    @Test
    void measure_noProcStat_takesTheFirstSamplesFlaggedUnfiltered() {
        CleanSampler.Meter unknown = new CleanSampler.Meter() {
            @Override
            public double machineBusySeconds() {
                return Double.NaN;
            }

            @Override
            public double processCpuSeconds() {
                return 0;
            }
        };
        CleanSampler.Result r = new CleanSampler(unknown).measure(() -> { }, 1, 0, 0.001, 5, 30);
        assertFalse(r.filtered(), "the machine's load is unknown");
        assertEquals(5, r.tries(), "no sample can be told disturbed, so the first 5 are kept");
    }

    @Test
    void measure_machineNeverQuiet_allSamplesFlaggedUnfiltered() {
        boolean[] busy = new boolean[10];
        java.util.Arrays.fill(busy, true);
        CleanSampler.Result r = new CleanSampler(meter(busy)).measure(() -> { }, 1, 0, 0.001, 3, 10);
        assertFalse(r.filtered());
        assertEquals(0, r.clean());
        assertEquals(10, r.tries());
        assertTrue(r.min() <= r.median() && r.median() <= r.max());
    }
}
