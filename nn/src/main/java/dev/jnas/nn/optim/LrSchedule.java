package dev.jnas.nn.optim;

import java.util.Locale;

/**
 * A learning-rate schedule: a pure function from a 0-based step (an iteration or an epoch,
 * whichever unit the caller counts in, used consistently) and the base rate to the rate to use.
 *
 * <p>Call order: before each optimiser step (or epoch) the trainer does
 * {@code opt.setLearningRate(schedule.lr(step, baseLr))}.
 */
public sealed interface LrSchedule permits LrSchedule.Constant, LrSchedule.StepDecay, LrSchedule.Cosine {
    /** The rate at 0-based {@code step}; {@code step} must be {@code >= 0}. */
    double lr(int step, double baseLr);

    /** The same rate at every step. */
    record Constant() implements LrSchedule {
        @Override
        public double lr(int step, double baseLr) {
            checkStep(step);
            return baseLr;
        }
    }

    /** {@code baseLr * gamma^(step / every)} (integer division): multiply by gamma every {@code every} steps. */
    record StepDecay(int every, double gamma) implements LrSchedule {
        public StepDecay {
            if (every <= 0) {
                throw new IllegalArgumentException("step decay: every must be > 0, got " + every);
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("step decay: gamma must be in (0, 1], got " + gamma);
            }
        }

        @Override
        public double lr(int step, double baseLr) {
            checkStep(step);
            return baseLr * Math.pow(gamma, step / every);
        }
    }

    /**
     * Linear warm-up then cosine decay. For {@code step < warmup}: {@code baseLr * (step + 1) / warmup}
     * (so step 0 is not 0). Then with {@code p = (step - warmup) / (total - warmup)} clamped to
     * [0, 1]: {@code min + (baseLr - min) * (1 + cos(pi p)) / 2} where {@code min = minFactor * baseLr};
     * steps at or past {@code total} get {@code min}.
     */
    record Cosine(int warmup, int total, double minFactor) implements LrSchedule {
        public Cosine {
            if (warmup < 0 || total <= warmup) {
                throw new IllegalArgumentException("cosine: need 0 <= warmup < total, got warmup " + warmup
                        + ", total " + total);
            }
            if (!(minFactor >= 0 && minFactor <= 1)) {
                throw new IllegalArgumentException("cosine: minFactor must be in [0, 1], got " + minFactor);
            }
        }

        @Override
        public double lr(int step, double baseLr) {
            checkStep(step);
            if (step < warmup) {
                return baseLr * (step + 1) / warmup;
            }
            double p = Math.min(1.0, (double) (step - warmup) / (total - warmup));
            double min = minFactor * baseLr;
            return min + (baseLr - min) * 0.5 * (1 + Math.cos(Math.PI * p));
        }
    }

    /** The constant schedule. */
    static LrSchedule constant() {
        return new Constant();
    }

    /**
     * Parses {@code constant}, {@code step:EVERY:GAMMA} or {@code cosine:WARMUP:TOTAL[:MINFACTOR]}
     * (case-insensitive; MINFACTOR defaults to 0). Throws {@link IllegalArgumentException} naming
     * the text and the accepted forms.
     */
    static LrSchedule parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return new Constant();
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        return new StepDecay(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]));
                    }
                    break;
                case "cosine":
                    if (parts.length == 3 || parts.length == 4) {
                        double min = parts.length == 4 ? Double.parseDouble(parts[3]) : 0;
                        return new Cosine(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), min);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lr schedule: bad number in '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("lr schedule: cannot parse '" + text
                + "'; expected constant, step:EVERY:GAMMA or cosine:WARMUP:TOTAL[:MINFACTOR]");
    }

    private static void checkStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("lr schedule: step must be >= 0, got " + step);
        }
    }
}
