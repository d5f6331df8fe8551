package dev.jnas.engine.trial;

import java.util.Map;

/**
 * One unit of work for a {@link TrialEvaluator}, plain data (JSON via {@link TrialJson}) so that a
 * remote backend can ship it: the trial number, canonical key, genome (decision name to choice index),
 * the decoded architecture in {@code nn}'s documented JSON form, its parameter and FLOP counts, the
 * resolved training settings, the trial seed, the fidelity (epochs) and the data-set reference.
 */
public record TrialRequest(int trial, String key, Map<String, Integer> genome, String architectureJson,
                           long parameters, long flops, TrainingSettings training, long seed, int epochs,
                           DatasetRef dataset) {
    public TrialRequest {
        genome = genome == null ? Map.of() : Map.copyOf(genome);
    }

    /** The same request at another fidelity (e.g. the longer final training of the best architecture). */
    public TrialRequest withEpochs(int newEpochs) {
        return new TrialRequest(trial, key, genome, architectureJson, parameters, flops, training, seed, newEpochs, dataset);
    }

    /**
     * Training settings after the genome's own training decisions are applied to the config's recipe;
     * {@code augmentShift}/{@code augmentFlip} are the random image shift (pixels) and mirror of
     * {@link dev.jnas.nn.train.Augmentation}.
     */
    public record TrainingSettings(String optimizer, double learningRate, double weightDecay, int batchSize,
                                   int earlyStoppingPatience, int augmentShift, boolean augmentFlip) {
        /** Settings without augmentation. */
        public TrainingSettings(String optimizer, double learningRate, double weightDecay, int batchSize,
                                int earlyStoppingPatience) {
            this(optimizer, learningRate, weightDecay, batchSize, earlyStoppingPatience, 0, false);
        }
    }

    /** Which data to train on: a data-set name, its directory (null for embedded sets) and the validation share. */
    public record DatasetRef(String name, String dir, double validationFraction) {
    }
}
