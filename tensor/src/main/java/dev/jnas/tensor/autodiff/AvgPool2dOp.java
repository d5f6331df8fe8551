package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Pool2d;
import dev.jnas.tensor.PoolShape;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: average pooling of x [N,C,H,W] over square windows with a stride and symmetric padding.
 * With {@code countPad} (PyTorch's {@code count_include_pad=True}) padded cells count as zeros and the
 * divisor is always size²; without it each output is the mean of its in-bounds cells only (NAS-Bench-201's
 * {@code avg_pool_3x3}). The latter runs the count-pad kernel and rescales each output position by
 * size² / (in-bounds cells), a per-position factor kept for backward.
 * Backward: dy (rescaled likewise) spread evenly over each window.
 */
public final class AvgPool2dOp {
    private AvgPool2dOp() {
    }

    /** Average pool with padded cells counted (count_include_pad = true). */
    public static Var apply(Graph g, Var x, int size, int stride, int pad) {
        return apply(g, x, size, stride, pad, true);
    }

    /** Average pool; {@code countPad} false divides by the in-bounds cells only. */
    public static Var apply(Graph g, Var x, int size, int stride, int pad, boolean countPad) {
        Tensor xv = x.value();
        Ops.rank4("avgpool2d", xv);
        PoolShape shape = new PoolShape(xv.dim(0), xv.dim(1), xv.dim(2), xv.dim(3), size, stride, pad);
        Tensor y = g.buffer(shape.outputShape());
        Pool2d.avgPoolForward(shape, xv.data(), y.data());
        int pq = shape.p() * shape.q();
        float[] factor = null;
        if (!countPad && pad > 0) {
            factor = g.buffer(pq).data();
            fillFactors(shape, factor);
            scale(y.data(), factor, shape.n() * shape.c(), pq);
        }
        final float[] f = factor;
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> {
            float[] dy = out.grad.data();
            if (f != null) {
                float[] s = g.scratch(dy.length).data();
                System.arraycopy(dy, 0, s, 0, dy.length);
                scale(s, f, shape.n() * shape.c(), pq);
                dy = s;
            }
            float[] dx = Ops.overwriteTarget(g, x);
            Pool2d.avgPoolBackward(shape, dy, dx);
            Ops.finishOverwrite(g, x, dx);
        });
        return out;
    }

    /** size² / (in-bounds cells of the window) for each output position. */
    private static void fillFactors(PoolShape s, float[] factor) {
        for (int oy = 0; oy < s.p(); oy++) {
            int y0 = oy * s.strideH() - s.padH();
            int rows = Math.min(s.h(), y0 + s.kh()) - Math.max(0, y0);
            for (int ox = 0; ox < s.q(); ox++) {
                int x0 = ox * s.strideW() - s.padW();
                int cols = Math.min(s.w(), x0 + s.kw()) - Math.max(0, x0);
                factor[oy * s.q() + ox] = (float) (s.kh() * s.kw()) / (rows * cols);
            }
        }
    }

    private static void scale(float[] a, float[] factor, int planes, int pq) {
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * pq;
            for (int i = 0; i < pq; i++) {
                a[base + i] *= factor[i];
            }
        }
    }
}
