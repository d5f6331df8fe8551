package dev.jnas.nn.train;

import dev.jnas.nn.metrics.EvaluationResult;

/**
 * One finished epoch of a {@link Trainer} run: 0-based {@code epoch}, mean training loss over its
 * steps, the validation metrics ({@code null} when the epoch was not validated), the learning rate of
 * its last step, the optimiser steps taken so far, and the seconds the epoch took (training + validation).
 */
public record EpochRecord(int epoch, double trainLoss, EvaluationResult validation, double learningRate,
                          long steps, double seconds) {
}
