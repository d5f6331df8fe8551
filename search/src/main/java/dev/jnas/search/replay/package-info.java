/**
 * Tabular-benchmark replay over the NAS-Bench-201 space: {@link dev.jnas.search.replay.TabularBenchmark}
 * reads a CSV table, {@link dev.jnas.search.replay.ReplayRunner} runs many seeded searches per strategy
 * under a simulated-time or evaluation budget, {@link dev.jnas.search.replay.ReplayReport} summarises
 * them; {@link dev.jnas.search.replay.ReplayRequest} bundles one command-line invocation.
 */
package dev.jnas.search.replay;
