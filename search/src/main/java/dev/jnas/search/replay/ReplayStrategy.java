package dev.jnas.search.replay;

import dev.jnas.search.strategy.StrategyRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One strategy of a replay: a label for the report row, the {@link StrategyRegistry} name, and parameter
 * overrides (checked against the registry when created, so a typo fails before any run).
 *
 * <p>Text form (command line): {@code name} or {@code name:key=value:key=value}, several separated by
 * commas, e.g. {@code evolution,random,evolution:populationSize=20:sampleSize=5}; the label is the text
 * itself. With {@link #parseList(String, boolean) baselines} on, a strategy starts from
 * {@link #NB201_BASELINES} (the parameters of the NAS-Bench-201 paper's baselines: regularized evolution
 * with population 10 and tournament sample 3) before its own overrides; off, from the registry defaults.
 */
public record ReplayStrategy(String label, String strategy, Map<String, Object> params) {
    /** Parameter presets of the NAS-Bench-201 baselines, by strategy name; strategies not listed use their defaults. */
    public static final Map<String, Map<String, Object>> NB201_BASELINES =
            Map.of("evolution", Map.of("populationSize", 10, "sampleSize", 3));

    public ReplayStrategy {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("replay strategy: label must be non-blank");
        }
        params = Map.copyOf(params == null ? Map.of() : params);
        StrategyRegistry.params(strategy, params);
    }

    /** {@code name} with the registry defaults. */
    public static ReplayStrategy of(String name) {
        return new ReplayStrategy(name, name, Map.of());
    }

    /** {@code name} with its NAS-Bench-201 baseline preset (or its defaults if it has none). */
    public static ReplayStrategy baseline(String name) {
        return new ReplayStrategy(name, name, NB201_BASELINES.getOrDefault(name, Map.of()));
    }

    /** This strategy with further overrides, under another label. */
    public ReplayStrategy with(String newLabel, Map<String, Object> overrides) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.putAll(overrides);
        return new ReplayStrategy(newLabel, strategy, p);
    }

    /**
     * Parses the comma-separated text form (see the class comment); values read as integers, decimals,
     * booleans, else strings. Errors name the offending item; labels must be distinct.
     */
    public static List<ReplayStrategy> parseList(String text, boolean baselines) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("replay strategies: empty list; expected e.g. evolution,random");
        }
        List<ReplayStrategy> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String item : text.split(",")) {
            String spec = item.strip();
            String[] parts = spec.split(":");
            String name = parts[0].strip();
            Map<String, Object> p = new LinkedHashMap<>(baselines ? NB201_BASELINES.getOrDefault(name, Map.of()) : Map.of());
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("replay strategy '" + spec + "': parameter '" + parts[i]
                            + "' must be key=value");
                }
                p.put(parts[i].substring(0, eq).strip(), value(parts[i].substring(eq + 1).strip()));
            }
            if (!labels.add(spec)) {
                throw new IllegalArgumentException("replay strategies: '" + spec + "' is listed twice");
            }
            try {
                out.add(new ReplayStrategy(spec, name, p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("replay strategy '" + spec + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Object value(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            // not an integer; try a decimal next
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
