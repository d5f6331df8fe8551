package dev.jnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A variable-length run of layers: between {@code minCount} and {@code maxCount} slots, each slot
 * holding its own copy of the template {@code decisions} (conditions refer to decisions of the same
 * slot). In a genome the count is decision {@code <stage>.count} and slot {@code i}'s decisions are
 * {@code <stage>.<i>.<decision>}.
 *
 * <p>The kind fixes what the decoder may build, so that impossible chains cannot be expressed:
 * a {@code features} stage holds spatial layers only (types conv, maxpool, avgpool, identity,
 * residual, parallel); a {@code classifier} stage holds flat layers only (dense, identity) and always
 * comes after the features; a {@code generic} stage carries decisions that are not decoded into layers
 * (toy spaces, tests).
 */
public record Stage(String name, Kind kind, int minCount, int maxCount, List<Decision> decisions) {
    /** Layer types a features stage may use. */
    public static final Set<String> FEATURE_TYPES = Set.of("conv", "maxpool", "avgpool", "identity", "residual", "parallel");
    /** Layer types a classifier stage may use. */
    public static final Set<String> CLASSIFIER_TYPES = Set.of("dense", "identity");

    /** What a stage's slots decode into. */
    public enum Kind {
        FEATURES, CLASSIFIER, GENERIC;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.jsonName().equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("stage kind '" + s + "' unknown; expected features, classifier or generic");
        }
    }

    public Stage {
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("stage: name must be non-blank without '.', got '" + name + "'");
        }
        if (kind == null) {
            kind = Kind.GENERIC;
        }
        if (minCount < 0 || maxCount < minCount) {
            throw new IllegalArgumentException("stage '" + name + "': need 0 <= minCount <= maxCount, got "
                    + minCount + ".." + maxCount);
        }
        if (maxCount > 4096) {
            throw new IllegalArgumentException("stage '" + name + "': maxCount " + maxCount + " exceeds 4096");
        }
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        for (Decision d : decisions) {
            if (d.name().equals("count")) {
                throw new IllegalArgumentException("stage '" + name + "': 'count' is reserved for the number of slots");
            }
        }
        if (kind != Kind.GENERIC) {
            LayerVocabulary.check(name, kind, decisions);
        }
    }

    /** A features stage. */
    public static Stage features(String name, int minCount, int maxCount, Decision... decisions) {
        return new Stage(name, Kind.FEATURES, minCount, maxCount, List.of(decisions));
    }

    /** A classifier (dense head) stage. */
    public static Stage classifier(String name, int minCount, int maxCount, Decision... decisions) {
        return new Stage(name, Kind.CLASSIFIER, minCount, maxCount, List.of(decisions));
    }

    /** A stage whose decisions are not decoded into layers. */
    public static Stage generic(String name, int minCount, int maxCount, Decision... decisions) {
        return new Stage(name, Kind.GENERIC, minCount, maxCount, List.of(decisions));
    }
}
