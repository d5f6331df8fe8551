package dev.jnas.nn.spec;

import java.util.List;
import java.util.Locale;

/**
 * Branches applied to the same input, merged by concatenation along channels or by element-wise
 * addition. A residual block is a parallel of an {@link IdentitySpec} and a branch, merged by add.
 */
public record ParallelSpec(List<LayerSpec> branches, Merge merge) implements LayerSpec {
    /** How branch outputs are joined. */
    public enum Merge {
        CONCAT, ADD;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ParallelSpec {
        if (branches == null || branches.size() < 2) {
            throw new IllegalArgumentException("parallel: needs at least two branches");
        }
        if (merge == null) {
            throw new IllegalArgumentException("parallel: merge must not be null");
        }
        branches = List.copyOf(branches);
    }

    @Override
    public String typeName() {
        return "parallel";
    }
}
