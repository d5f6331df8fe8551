package dev.jnas.nn.optim;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay.
 *
 * <p>Per element, with {@code g' = g + weightDecay * x} and velocity {@code b} (starting at 0):
 * without momentum {@code x -= lr * g'}; with momentum {@code b = momentum * b + g'} and
 * {@code x -= lr * b}, or with Nesterov {@code x -= lr * (g' + momentum * b)} (the PyTorch
 * formulation, no dampening). The grad array is only read. See {@link Optimizer} for call order.
 */
public final class Sgd extends AbstractOptimizer {
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;

    /** Plain SGD without momentum or weight decay. */
    public Sgd(double lr) {
        this(lr, 0, false, 0);
    }

    /** Throws if momentum is outside [0, 1), weight decay is negative, or Nesterov lacks momentum. */
    public Sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
        super(lr);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("sgd: weightDecay must be finite and >= 0, got " + weightDecay);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("sgd: nesterov requires momentum > 0");
        }
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    int buffersPerParam() {
        return momentum == 0 ? 0 : 1;
    }

    @Override
    void update(float[] x, float[] g, float[][] buffers, long t, double lrD) {
        float lr = (float) lrD;
        float wd = weightDecay;
        int n = x.length;
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                x[i] -= lr * (g[i] + wd * x[i]);
            }
            return;
        }
        float mu = momentum;
        float[] b = buffers[0];
        if (nesterov) {
            for (int i = 0; i < n; i++) {
                float gi = g[i] + wd * x[i];
                float bi = mu * b[i] + gi;
                b[i] = bi;
                x[i] -= lr * (gi + mu * bi);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float bi = mu * b[i] + g[i] + wd * x[i];
                b[i] = bi;
                x[i] -= lr * bi;
            }
        }
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String name() {
        return "sgd";
    }
}
