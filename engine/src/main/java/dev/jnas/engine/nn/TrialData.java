package dev.jnas.engine.nn;

import dev.jnas.nn.data.Dataset;
import dev.jnas.nn.data.Datasets;
import dev.jnas.nn.data.Normalizer;
import dev.jnas.nn.data.Split;
import dev.jnas.nn.data.Splits;
import dev.jnas.search.InputShape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One data set loaded for a whole experiment: its train and test parts, standardised per channel with
 * statistics fitted on the train part, and the train/validation splits carved from the train part
 * (cached per validation fraction, so every trial of an experiment validates on the same samples).
 * Build with {@link #load} (or {@link #of} for data already in memory); then every trial calls
 * {@link #trainValidation}; the final scoring uses {@link #train()} and {@link #test()}. Thread-safe.
 */
public final class TrialData {
    /**
     * Seed of the train/validation split: fixed, not derived from the experiment seed, so that runs
     * with different seeds are scored on the same validation samples and stay comparable.
     */
    public static final long VALIDATION_SPLIT_SEED = 0x7A11DA7EL;

    private final String name;
    private final Dataset train;
    private final Dataset test;
    private final Normalizer normalizer;
    private final Map<Double, Split> splits = new ConcurrentHashMap<>();
    private final Map<Integer, List<Split>> folds = new ConcurrentHashMap<>();

    private TrialData(String name, Dataset train, Dataset test, Normalizer normalizer) {
        this.name = name;
        this.train = train;
        this.test = test;
        this.normalizer = normalizer;
    }

    /** Loads {@code name} from {@code dir} ({@link Datasets#load}) and standardises it. */
    public static TrialData load(String name, Path dir) {
        try {
            return of(name, Datasets.load(name, dir));
        } catch (IOException e) {
            throw new UncheckedIOException("data set " + name + ": cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Standardises {@code split} (statistics from its train part) and wraps it. */
    public static TrialData of(String name, Split split) {
        Normalizer n = Normalizer.fit(split.train(), Normalizer.Kind.STANDARDIZE);
        return new TrialData(name, n.apply(split.train()), n.apply(split.test()), n);
    }

    public String name() {
        return name;
    }

    /** The whole (normalised) training part: train + validation. */
    public Dataset train() {
        return train;
    }

    /** The (normalised) test part, used only by the final scoring. */
    public Dataset test() {
        return test;
    }

    /** The standardisation fitted on the train part (saved with exported models). */
    public Normalizer normalizer() {
        return normalizer;
    }

    /** The train part split into train and validation, {@code fraction} of each class held out. */
    public Split trainValidation(double fraction) {
        return splits.computeIfAbsent(fraction, f -> Splits.trainValidation(train, f, VALIDATION_SPLIT_SEED));
    }

    /**
     * The train part dealt into {@code k} stratified cross-validation folds (fixed seed, cached), for
     * scoring finalists with less noise than one validation split gives.
     */
    public List<Split> folds(int k) {
        return folds.computeIfAbsent(k, n -> List.copyOf(Splits.kFold(train, n, VALIDATION_SPLIT_SEED)));
    }

    /** Channels, height, width and class count, as the search spaces want them. */
    public InputShape inputShape() {
        int[] s = train.inputShape();
        int classes = Math.max(train.numClasses(), test.numClasses());
        return s.length == 3 ? new InputShape(s[0], s[1], s[2], classes) : new InputShape(s[0], 1, 1, classes);
    }
}
