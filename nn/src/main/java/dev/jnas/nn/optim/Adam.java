package dev.jnas.nn.optim;

/**
 * Adam (Kingma and Ba) with bias correction and optional coupled L2 weight decay.
 *
 * <p>Per element, with {@code g' = g + weightDecay * x}, moments {@code m, v} starting at 0 and
 * {@code t} the parameter's 1-based update count: {@code m = b1 m + (1-b1) g'},
 * {@code v = b2 v + (1-b2) g'^2}, {@code x -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
 * The decay is folded into the gradient and therefore rescaled by the adaptive denominator; use
 * {@link AdamW} for decoupled decay. See {@link Optimizer} for call order.
 */
public final class Adam extends AbstractOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** Adam with the usual defaults betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Throws if a beta is outside [0, 1), eps is not positive, or weight decay is negative. */
    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(lr);
        checkHyper("adam", beta1, beta2, eps, weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    static void checkHyper(String op, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException(op + ": beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(op + ": beta2 must be in [0, 1), got " + beta2);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(op + ": eps must be finite and > 0, got " + eps);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(op + ": weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    @Override
    int buffersPerParam() {
        return 2;
    }

    @Override
    void update(float[] x, float[] g, float[][] buffers, long t, double lr) {
        moments(x, g, buffers[0], buffers[1], t, lr, beta1, beta2, eps, (float) weightDecay);
    }

    /**
     * The shared Adam kernel: {@code l2} is added to the gradient as {@code l2 * x} (0 for AdamW,
     * which decays {@code x} before calling this).
     */
    static void moments(float[] x, float[] g, float[] m, float[] v, long t, double lr,
            double beta1, double beta2, double eps, float l2) {
        // Bias corrections in double: 1 - beta^t loses digits in float for beta2 near 1.
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float e = (float) eps;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            float gi = g[i] + l2 * x[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            x[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + e);
        }
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
        return "adam";
    }
}
