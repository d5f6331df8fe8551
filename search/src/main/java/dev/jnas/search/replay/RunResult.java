package dev.jnas.search.replay;

/**
 * The outcome of one simulated search: its seed, how many evaluations it made and their summed cost,
 * the chosen cell (best reward seen; the earliest among ties) with its reward and report metric, and
 * whether that reward equals the table's maximum.
 */
public record RunResult(long seed, int evaluations, double simulatedSeconds, int bestCell, String bestArchitecture,
                        double bestReward, double report, boolean foundOptimum) {
}
