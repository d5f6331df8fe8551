package dev.jnas.nn.optim;

import java.util.SplittableRandom;

/**
 * A seeded convex quadratic {@code f(x) = ½ xᵀAx - bᵀx} with {@code A = MᵀM/n + I} (so its
 * eigenvalues lie in [1, 1 + ‖M‖²/n]), its analytic gradient and its exact minimiser, for
 * optimiser convergence tests.
 */
final class Quadratic {
    final int n;
    final double[][] a;
    final double[] b;

    Quadratic(SplittableRandom rng, int n) {
        this.n = n;
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextDouble() * 2 - 1;
            }
        }
        a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += m[k][i] * m[k][j];
                }
                a[i][j] = s / n + (i == j ? 1 : 0);
            }
        }
        b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rng.nextDouble() * 4 - 2;
        }
    }

    /** Writes {@code A x - b + l2 * x} into {@code g}. */
    void gradient(float[] x, float[] g, double l2) {
        for (int i = 0; i < n; i++) {
            double s = -b[i] + l2 * x[i];
            for (int j = 0; j < n; j++) {
                s += a[i][j] * x[j];
            }
            g[i] = (float) s;
        }
    }

    /** Gershgorin bound on the largest eigenvalue. */
    double maxEigenBound() {
        double best = 0;
        for (double[] row : a) {
            double s = 0;
            for (double v : row) {
                s += Math.abs(v);
            }
            best = Math.max(best, s);
        }
        return best;
    }

    /** Solves {@code (A + l2 I) x = b} by Gaussian elimination with partial pivoting. */
    double[] minimiser(double l2) {
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][i] += l2;
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
