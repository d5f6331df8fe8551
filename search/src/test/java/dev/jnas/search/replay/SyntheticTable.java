package dev.jnas.search.replay;

import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.nn.spec.nb201.Nb201Op;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A made-up NAS-Bench-201-shaped table for tests (no real benchmark data): for every one of the 15,625
 * cells, {@code val_acc} = 70 + 3 x (per-edge op values + pairwise interaction terms on three edge pairs)
 * + small noise, {@code test_acc} = val_acc plus independent noise, and {@code time} = 60 s + 30 s per 3x3
 * conv + 15 s per 1x1 conv + up to 20 s noise (about 100 evaluations per 12,000 s). A constant
 * {@code dataset} text column checks that unnamed columns are ignored. Everything follows from the seed.
 */
final class SyntheticTable {
    static final String HEADER = "arch_str,val_acc,test_acc,time,dataset";
    static final TabularBenchmark.Columns COLUMNS = new TabularBenchmark.Columns("arch_str", "val_acc", "test_acc", "time");
    private static final int[][] PAIRS = {{0, 5}, {1, 3}, {2, 4}};

    final double[] valAcc = new double[Nb201Cell.SIZE];
    final double[] testAcc = new double[Nb201Cell.SIZE];
    final double[] time = new double[Nb201Cell.SIZE];

    SyntheticTable(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int ops = Nb201Op.values().length;
        double[][] edge = new double[Nb201Cell.EDGES][ops];
        for (double[] e : edge) {
            for (int o = 0; o < ops; o++) {
                e[o] = rng.nextDouble();
            }
        }
        double[][][] pair = new double[PAIRS.length][ops][ops];
        for (double[][] p : pair) {
            for (double[] row : p) {
                for (int o = 0; o < ops; o++) {
                    row[o] = 0.6 * (rng.nextDouble() - 0.5);
                }
            }
        }
        for (int i = 0; i < Nb201Cell.SIZE; i++) {
            int[] op = digits(i);
            double s = 0;
            int conv3 = 0;
            int conv1 = 0;
            for (int k = 0; k < Nb201Cell.EDGES; k++) {
                s += edge[k][op[k]];
                conv3 += op[k] == Nb201Op.NOR_CONV_3X3.ordinal() ? 1 : 0;
                conv1 += op[k] == Nb201Op.NOR_CONV_1X1.ordinal() ? 1 : 0;
            }
            for (int p = 0; p < PAIRS.length; p++) {
                s += pair[p][op[PAIRS[p][0]]][op[PAIRS[p][1]]];
            }
            valAcc[i] = 70 + 3 * s + 0.01 * rng.nextDouble();
            testAcc[i] = valAcc[i] + 0.5 * (rng.nextDouble() - 0.5);
            time[i] = 60 + 30 * conv3 + 15 * conv1 + 20 * rng.nextDouble();
        }
    }

    private static int[] digits(int index) {
        int[] d = new int[Nb201Cell.EDGES];
        for (int k = 0; k < Nb201Cell.EDGES; k++) {
            d[k] = index % 5;
            index /= 5;
        }
        return d;
    }

    /** The cell with the largest val_acc. */
    int optimum() {
        int best = 0;
        for (int i = 1; i < valAcc.length; i++) {
            if (valAcc[i] > valAcc[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The CSV line of cell {@code i} (rows in a scrambled but fixed order, so the file order means nothing). */
    String line(int i) {
        return String.format(Locale.ROOT, "%s,%.6f,%.6f,%.3f,synthetic", Nb201Cell.fromIndex(i), valAcc[i], testAcc[i], time[i]);
    }

    /** Writes the header and every row except {@code skip} (-1 for none) to {@code file}. */
    Path write(Path file, int skip) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int j = 0; j < Nb201Cell.SIZE; j++) {
            int i = (int) ((j * 7919L) % Nb201Cell.SIZE);
            if (i != skip) {
                sb.append(line(i)).append('\n');
            }
        }
        try {
            return Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
