package dev.jnas.nn.optim;

/**
 * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay.
 *
 * <p>Each step first shrinks the parameter, {@code x *= 1 - lr * weightDecay}, then applies the
 * plain Adam update of {@link Adam} with the unmodified gradient, so the decay is not rescaled by
 * the adaptive denominator (PyTorch's formulation). See {@link Optimizer} for call order.
 */
public final class AdamW extends AbstractOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** AdamW with betas (0.9, 0.999), eps 1e-8 and weight decay 0.01. */
    public AdamW(double lr) {
        this(lr, 0.9, 0.999, 1e-8, 0.01);
    }

    /** Throws if a beta is outside [0, 1), eps is not positive, or weight decay is negative. */
    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(lr);
        Adam.checkHyper("adamw", beta1, beta2, eps, weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    int buffersPerParam() {
        return 2;
    }

    @Override
    void update(float[] x, float[] g, float[][] buffers, long t, double lr) {
        if (weightDecay != 0) {
            float shrink = (float) (1 - lr * weightDecay);
            for (int i = 0; i < x.length; i++) {
                x[i] *= shrink;
            }
        }
        Adam.moments(x, g, buffers[0], buffers[1], t, lr, beta1, beta2, eps, 0f);
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String name() {
        return "adamw";
    }
}
