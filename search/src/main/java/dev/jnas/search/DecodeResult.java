package dev.jnas.search;

import dev.jnas.nn.spec.ArchitectureSpec;

import java.util.List;

/**
 * The outcome of decoding a genome: the architecture (classifier appended), its parameter and FLOP
 * counts from {@code nn}'s analysis, the deterministic repairs applied (e.g. a pooling layer dropped
 * because the feature map is already smaller than its window), and why it must not be trained
 * ({@code violation}, null when feasible).
 */
public record DecodeResult(ArchitectureSpec spec, long parameters, long flops, List<String> repairs, String violation) {
    public DecodeResult {
        repairs = List.copyOf(repairs);
    }

    /** True when the architecture is valid and within the space's constraints. */
    public boolean feasible() {
        return violation == null;
    }
}
