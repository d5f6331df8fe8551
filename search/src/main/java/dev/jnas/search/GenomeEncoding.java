package dev.jnas.search;

/**
 * How a space whose genomes stand for a fixed encoding (a cell of a benchmark, for instance) keys and
 * decodes them, in place of the layer-stage decoder. A {@link SearchSpace} built with an encoding
 * ({@link SearchSpace#SearchSpace(SpaceDefinition, GenomeEncoding)}) still owns the decisions, sizes,
 * sampling and operators, so every strategy runs over it unchanged; only {@link SearchSpace#key},
 * {@link SearchSpace#decode} and feasibility come from here.
 *
 * <p>Contract: {@link #key} must be cheap (strategies call it for every proposal) and equal exactly for
 * genomes the encoding treats as the same candidate; {@link #decode} may be expensive and is called only
 * when an architecture is really needed. Every genome of an encoded space is feasible.
 */
public interface GenomeEncoding {
    /** The canonical key of a validated genome of {@code space}. */
    String key(SearchSpace space, Genome g);

    /** The trainable architecture of a validated genome of {@code space}. */
    DecodeResult decode(SearchSpace space, Genome g);
}
