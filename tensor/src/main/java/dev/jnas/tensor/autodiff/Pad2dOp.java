package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Tensor;
import java.util.Arrays;

/**
 * Primitive: zero padding of x [N,C,H,W] by {@code top, bottom, left, right} rows/columns, giving
 * [N,C,H+top+bottom,W+left+right]. Used before a convolution whose padding is asymmetric (e.g.
 * {@code same} padding with an even kernel). Backward: dx += the interior window of dy.
 */
public final class Pad2dOp {
    private Pad2dOp() {
    }

    /** Pads with zeros; every amount must be &gt;= 0. */
    public static Var apply(Graph g, Var x, int top, int bottom, int left, int right) {
        Tensor xv = x.value();
        Ops.rank4("pad2d", xv);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("pad2d: amounts must be >= 0, got top " + top + ", bottom " + bottom
                    + ", left " + left + ", right " + right + " for " + xv.shapeString());
        }
        int planes = xv.dim(0) * xv.dim(1);
        int h = xv.dim(2);
        int w = xv.dim(3);
        int ph = h + top + bottom;
        int pw = w + left + right;
        Tensor y = g.buffer(xv.dim(0), xv.dim(1), ph, pw);
        float[] src = xv.data();
        float[] dst = y.data();
        Arrays.fill(dst, 0f);
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(src, (pl * h + r) * w, dst, (pl * ph + r + top) * pw + left, w);
            }
        }
        Var out = g.output(y, g.needsGrad(x));
        g.record(out, () -> {
            float[] dy = out.grad.data();
            float[] dx = g.gradOf(x).data();
            for (int pl = 0; pl < planes; pl++) {
                for (int r = 0; r < h; r++) {
                    int o = (pl * h + r) * w;
                    int i = (pl * ph + r + top) * pw + left;
                    for (int c = 0; c < w; c++) {
                        dx[o + c] += dy[i + c];
                    }
                }
            }
        });
        return out;
    }
}
