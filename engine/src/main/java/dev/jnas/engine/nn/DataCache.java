package dev.jnas.engine.nn;

import dev.jnas.engine.trial.TrialRequest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads each data set once per process and hands the same {@link TrialData} to every trial that
 * names it (by data-set name and directory). The CLI pre-loads the experiment's set with {@link #put}
 * (it needs the input shape before the search starts); evaluators call {@link #get}. Thread-safe.
 */
public final class DataCache {
    private record Key(String name, String dir) {
    }

    private final Map<Key, TrialData> loaded = new ConcurrentHashMap<>();

    /** The data of {@code ref}, loading it on first use. */
    public TrialData get(TrialRequest.DatasetRef ref) {
        return get(ref.name(), ref.dir());
    }

    /** The data set {@code name} in {@code dir} (null for embedded sets), loading it on first use. */
    public TrialData get(String name, String dir) {
        return loaded.computeIfAbsent(new Key(name, normal(name, dir)),
                k -> TrialData.load(k.name(), k.dir() == null ? null : Path.of(k.dir())));
    }

    /** Registers already-loaded data under {@code name} and {@code dir}. */
    public void put(String name, String dir, TrialData data) {
        loaded.put(new Key(name, normal(name, dir)), Objects.requireNonNull(data));
    }

    private static String normal(String name, String dir) {
        // The embedded set ignores its directory; key it without one so every reference hits the cache.
        return "digits".equals(name) || dir == null ? null : Path.of(dir).toAbsolutePath().normalize().toString();
    }
}
