package dev.jnas.engine;

import dev.jnas.engine.trial.TrialStatus;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a run ended: the directory, why it stopped ({@code max-trials}, {@code time-budget},
 * {@code strategy-finished}), trial counts by status, the best trial (null when none succeeded) and
 * the total experiment time in milliseconds (across resumed sessions).
 */
public record ExperimentOutcome(Path dir, String stopReason, Map<TrialStatus, Long> counts, TrialRecord best,
                                long elapsedMillis) {
}
