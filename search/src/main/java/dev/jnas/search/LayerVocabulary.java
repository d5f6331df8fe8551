package dev.jnas.search;

import dev.jnas.nn.spec.Activation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision names a decoded stage understands and the values each accepts, checked when a space
 * is built so that decoding never meets a value the layer specs reject.
 */
final class LayerVocabulary {
    private static final Map<String, String> FEATURES = Map.ofEntries(
            Map.entry("type", "one of " + Stage.FEATURE_TYPES.stream().sorted().toList()),
            Map.entry("filters", "an integer >= 1"), Map.entry("kernel", "an integer in 1..7"),
            Map.entry("kernel_b1", "an integer in 1..7"), Map.entry("kernel_b2", "an integer in 1..7"),
            Map.entry("kernel_b3", "an integer in 1..7"), Map.entry("stride", "an integer >= 1"),
            Map.entry("pool", "an integer >= 1"), Map.entry("activation", "an activation name"),
            Map.entry("batchnorm", "a boolean"), Map.entry("dropout", "a number in [0, 1)"),
            Map.entry("branches", "an integer in 2..4"), Map.entry("merge", "concat or add"));
    private static final Map<String, String> CLASSIFIER = Map.of(
            "type", "one of " + Stage.CLASSIFIER_TYPES.stream().sorted().toList(), "units", "an integer >= 1",
            "activation", "an activation name", "batchnorm", "a boolean", "dropout", "a number in [0, 1)");

    private LayerVocabulary() {
    }

    static void check(String stage, Stage.Kind kind, List<Decision> decisions) {
        Map<String, String> vocab = kind == Stage.Kind.FEATURES ? FEATURES : CLASSIFIER;
        for (Decision d : decisions) {
            String expected = vocab.get(d.name());
            if (expected == null) {
                throw new IllegalArgumentException("stage '" + stage + "' (" + kind.jsonName() + "): unknown decision '"
                        + d.name() + "'; expected one of " + vocab.keySet().stream().sorted().toList());
            }
            for (Object v : d.choices()) {
                if (!accepts(kind, d.name(), v)) {
                    throw new IllegalArgumentException("stage '" + stage + "' (" + kind.jsonName() + "): decision '"
                            + d.name() + "' has choice " + v + "; expected " + expected);
                }
            }
        }
    }

    private static boolean accepts(Stage.Kind kind, String name, Object v) {
        return switch (name) {
            case "type" -> (kind == Stage.Kind.FEATURES ? Stage.FEATURE_TYPES : Stage.CLASSIFIER_TYPES).contains(v);
            case "filters", "units", "stride", "pool" -> v instanceof Integer i && i >= 1;
            case "kernel", "kernel_b1", "kernel_b2", "kernel_b3" -> v instanceof Integer i && i >= 1 && i <= 7;
            case "branches" -> v instanceof Integer i && i >= 2 && i <= 4;
            case "activation" -> v instanceof String s && isActivation(s);
            case "batchnorm" -> v instanceof Boolean;
            case "dropout" -> v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1;
            case "merge" -> Set.of("concat", "add").contains(v);
            default -> false;
        };
    }

    private static boolean isActivation(String s) {
        try {
            Activation.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
