package dev.jnas.cli;

import dev.jnas.engine.nn.TrialData;
import dev.jnas.nn.data.DatasetDownloader;
import dev.jnas.nn.data.DatasetUnavailableException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The data-set options shared by {@code search}, {@code train} and {@code space}: {@code --dataset},
 * {@code --data-dir} and {@code --download}. Null fields mean "not given" (a config file or the
 * command's default decides). {@link #load} resolves and loads the set once.
 */
public final class DataOptions {
    /** Data-set names the CLI accepts. */
    public static final List<String> NAMES = List.of("digits", "mnist", "fashion-mnist", "kmnist", "cifar10", "idx", "csv");

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Data set: digits (embedded), mnist, fashion-mnist, kmnist, cifar10, idx, csv.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the data set's files (MNIST IDX layout for mnist/fashion-mnist/kmnist/idx, "
                    + "CIFAR-10 binary batches, or train.csv/test.csv).")
    Path dataDir;

    @Option(names = "--download",
            description = "Download mnist, fashion-mnist or cifar10 into ~/.jnas/datasets first (checked by SHA-256) "
                    + "when --data-dir is not given.")
    boolean download;

    /** The data-set name given, or {@code fallback}; an unknown name is a usage error naming --dataset. */
    String name(String fallback) {
        String n = dataset == null ? fallback : dataset.trim().toLowerCase(java.util.Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new UsageException("--dataset", "unknown data set '" + dataset + "'; expected one of " + NAMES);
        }
        return n;
    }

    /**
     * The directory to read {@code name} from: {@code --data-dir}, else {@code fallback}, else (with
     * {@code --download}) the download cache after fetching; null for the embedded digits.
     */
    String directory(String name, String fallback, PrintWriter out) {
        if (dataDir != null) {
            if (!Files.exists(dataDir)) {
                throw new UsageException("--data-dir", dataDir + " does not exist");
            }
            return dataDir.toString();
        }
        if (fallback != null || "digits".equals(name)) {
            return fallback;
        }
        if (download) {
            if (!DatasetDownloader.KNOWN.contains(name)) {
                throw new UsageException("--download", "can fetch only " + DatasetDownloader.KNOWN + ", not '" + name + "'");
            }
            out.println("downloading " + name + " into " + DatasetDownloader.defaultCacheDir() + " ...");
            out.flush();
            try {
                return new DatasetDownloader(DatasetDownloader.defaultCacheDir(), Duration.ofMinutes(2)).fetch(name).toString();
            } catch (DatasetUnavailableException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("download of " + name + " failed: " + e.getMessage(), e);
            }
        }
        throw new UsageException("--data-dir", "data set '" + name + "' needs its files: pass --data-dir DIR"
                + (DatasetDownloader.KNOWN.contains(name) ? " or --download" : ""));
    }

    /** Loads {@code name} from {@code dir}, printing what it loaded; a missing directory is a usage error. */
    static TrialData load(String name, String dir, PrintWriter out) {
        long t0 = System.nanoTime();
        TrialData d;
        try {
            d = TrialData.load(name, dir == null ? null : Path.of(dir));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data-dir", e.getMessage(), e);
        }
        var in = d.inputShape();
        out.printf(java.util.Locale.ROOT, "data set %s: %d train, %d test samples, %dx%dx%d, %d classes (%.1fs)%n", name,
                d.train().size(), d.test().size(), in.channels(), in.height(), in.width(), in.classes(),
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        return d;
    }
}
