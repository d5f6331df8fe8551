package dev.jnas.nn.train;

import dev.jnas.nn.metrics.EvaluationResult;

/**
 * One finished epoch of a {@link Trainer} run: 0-based {@code epoch}, mean training loss over its
 * steps, the validation metrics ({@code null} when the epoch was not validated), the learning rate of
 * its last step, the optimiser steps taken so far, the seconds the epoch took (training + validation), and
 * the number of arrays the run's graph pool has had to allocate so far (constant after the first epoch
 * when buffers are reused).
 */
public record EpochRecord(int epoch, double trainLoss, EvaluationResult validation, double learningRate,
                          long steps, double seconds, long bufferAllocations) {
}
