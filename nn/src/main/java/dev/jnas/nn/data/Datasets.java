package dev.jnas.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Entry points by name: the embedded {@code digits} set and {@link #load(String, Path)} for every
 * supported format. Everything returns a {@link Split} of train and test; carve a validation set out
 * of the training part with {@link Splits#trainValidation}.
 */
public final class Datasets {
    /** Names accepted by {@link #load}. */
    public static final List<String> NAMES = List.of("digits", "mnist", "fashion-mnist", "kmnist", "idx",
            "cifar10", "csv");

    /** Seed of the fixed held-out test quarter used by {@link #digitsSplit()} and single-file {@code csv}. */
    public static final long TEST_SPLIT_SEED = 0x5EEDD161L;
    /** Fraction held out as a test set where a source has no test set of its own. */
    public static final double TEST_FRACTION = 0.25;

    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** KMNIST classes, romanised (o, ki, su, tsu, na, ha, ma, ya, re, wo). */
    public static final List<String> KMNIST_CLASSES = List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re",
            "wo");

    private static final String DIGITS_RESOURCE = "digits.csv.gz";

    private Datasets() {
    }

    /**
     * The embedded UCI optical digits (scikit-learn's {@code load_digits}): 1797 images
     * {@code [1797,1,8,8]}, pixels 0..16 scaled by 1/16 to [0,1], labels 0..9.
     */
    public static Dataset digits() {
        try (InputStream in = Datasets.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("digits: resource " + DIGITS_RESOURCE + " missing from the class path");
            }
            return CsvReader.read(in, "classpath:dev/jnas/nn/data/" + DIGITS_RESOURCE,
                    CsvOptions.defaults().withImageShape(1, 8, 8).withDivisor(16f));
        } catch (IOException e) {
            throw new IllegalStateException("digits: cannot read embedded resource: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #digits()} split into train and a fixed test set: a stratified held-out quarter
     * ({@link #TEST_FRACTION}) drawn with {@link #TEST_SPLIT_SEED} by {@link Splits#trainTest}.
     */
    public static Split digitsSplit() {
        return Splits.trainTest(digits(), TEST_FRACTION, TEST_SPLIT_SEED);
    }

    /**
     * Loads a data set by name from {@code dataDir}:
     * <ul>
     * <li>{@code digits}: embedded; {@code dataDir} ignored (may be null); see {@link #digitsSplit()}</li>
     * <li>{@code mnist}, {@code fashion-mnist}, {@code kmnist}: a directory in MNIST IDX layout, with the
     * data set's class names</li>
     * <li>{@code idx}: the same layout, classes numbered 0..largest label</li>
     * <li>{@code cifar10}: a CIFAR-10 binary directory (see {@link CifarReader#readDirectory})</li>
     * <li>{@code csv}: a directory with {@code train.csv} and {@code test.csv} (each optionally {@code .gz}),
     * or one file split like digits; label last, comma, header auto-detected, flat rows</li>
     * </ul>
     *
     * @throws IllegalArgumentException for an unknown name (listing {@link #NAMES}) or a missing directory
     */
    public static Split load(String name, Path dataDir) throws IOException {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("load: unknown data set '" + name + "'; accepted: "
                    + String.join(", ", NAMES));
        }
        if (key.equals("digits")) {
            return digitsSplit();
        }
        if (dataDir == null || !Files.exists(dataDir)) {
            throw new IllegalArgumentException("load: data set '" + key + "' needs its files: pass --data-dir <path>"
                    + (dataDir == null ? "" : " (" + dataDir + " does not exist)")
                    + (DatasetDownloader.KNOWN.contains(key) ? ", or download it first with DatasetDownloader" : ""));
        }
        switch (key) {
            case "mnist":
                return IdxReader.readDirectory(dataDir, Dataset.numberedClasses(10));
            case "fashion-mnist":
                return IdxReader.readDirectory(dataDir, FASHION_MNIST_CLASSES);
            case "kmnist":
                return IdxReader.readDirectory(dataDir, KMNIST_CLASSES);
            case "idx":
                return IdxReader.readDirectory(dataDir, null);
            case "cifar10":
                return CifarReader.readDirectory(dataDir);
            default:
                return loadCsv(dataDir);
        }
    }

    private static Split loadCsv(Path dataDir) throws IOException {
        CsvOptions opts = CsvOptions.defaults().withHeader(CsvOptions.Header.AUTO);
        if (Files.isRegularFile(dataDir)) {
            return Splits.trainTest(CsvReader.read(dataDir, opts), TEST_FRACTION, TEST_SPLIT_SEED);
        }
        Dataset train = CsvReader.read(DataFiles.require(dataDir, "train.csv", "csv"), opts);
        Dataset test = CsvReader.read(DataFiles.require(dataDir, "test.csv", "csv"), opts);
        int classes = Math.max(train.numClasses(), test.numClasses());
        // Each file numbers classes up to its own largest label; align both to the union.
        List<String> names = Dataset.numberedClasses(classes);
        return new Split(new Dataset(train.features(), train.labels(), names),
                new Dataset(test.features(), test.labels(), names));
    }
}
