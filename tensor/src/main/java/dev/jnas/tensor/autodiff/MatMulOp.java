package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Gemm;
import dev.jnas.tensor.Tensor;

/**
 * Primitive: matrix product C = op(A)·op(B) of 2-D Vars via {@link Gemm#gemm}, op = optional transpose.
 * Backward: dA += dC·op(B)ᵀ (or its transpose when A was transposed), dB += op(A)ᵀ·dC (likewise),
 * each one accumulating gemm call.
 */
public final class MatMulOp {
    private MatMulOp() {
    }

    /** op(a)·op(b); throws if a or b is not 2-D or the inner dimensions differ. */
    public static Var apply(Graph g, Var a, boolean transA, Var b, boolean transB) {
        Tensor av = a.value();
        Tensor bv = b.value();
        if (av.rank() != 2 || bv.rank() != 2) {
            throw new IllegalArgumentException("matmul: need 2-D inputs, got " + av.shapeString() + " and "
                    + bv.shapeString());
        }
        int m = transA ? av.dim(1) : av.dim(0);
        int k = transA ? av.dim(0) : av.dim(1);
        int n = transB ? bv.dim(0) : bv.dim(1);
        if ((transB ? bv.dim(1) : bv.dim(0)) != k) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + av.shapeString()
                    + (transA ? "ᵀ" : "") + " · " + bv.shapeString() + (transB ? "ᵀ" : ""));
        }
        int lda = av.dim(1);
        int ldb = bv.dim(1);
        Tensor y = g.buffer(m, n);
        Gemm.gemm(transA, transB, m, n, k, av.data(), 0, lda, bv.data(), 0, ldb, y.data(), 0, n, false);
        Var out = g.output(y, g.needsGrad(a, b));
        g.record(out, () -> {
            float[] dy = out.grad.data();
            if (a.requiresGrad()) {
                float[] da = g.gradOf(a).data();
                if (!transA) {
                    Gemm.gemm(false, !transB, m, k, n, dy, 0, n, bv.data(), 0, ldb, da, 0, k, true);
                } else {
                    Gemm.gemm(transB, true, k, m, n, bv.data(), 0, ldb, dy, 0, n, da, 0, m, true);
                }
            }
            if (b.requiresGrad()) {
                float[] db = g.gradOf(b).data();
                if (!transB) {
                    Gemm.gemm(!transA, false, k, n, m, av.data(), 0, lda, dy, 0, n, db, 0, n, true);
                } else {
                    Gemm.gemm(true, transA, n, k, m, dy, 0, n, av.data(), 0, lda, db, 0, k, true);
                }
            }
        });
        return out;
    }
}
