package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Tensor;

/** Shape checks shared by the primitives; messages name the operation and the shapes. */
final class Ops {
    private Ops() {
    }

    static void sameShape(String op, Var a, Var b) {
        if (!a.value().hasShape(b.shape())) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.value().shapeString() + " vs "
                    + b.value().shapeString());
        }
    }

    static void rank2or4(String op, Tensor t) {
        if (t.rank() != 2 && t.rank() != 4) {
            throw new IllegalArgumentException(op + ": need [N,F] or [N,C,H,W], got " + t.shapeString());
        }
    }

    /** Elements per channel: H·W for rank 4, 1 for rank 2. */
    static int spatial(Tensor t) {
        return t.rank() == 4 ? t.dim(2) * t.dim(3) : 1;
    }

    /** Throws unless v is a [c] vector. */
    static void perChannel(String op, String name, Tensor v, int c, Tensor x) {
        if (v.rank() != 1 || v.dim(0) != c) {
            throw new IllegalArgumentException(op + ": " + name + " " + v.shapeString() + " does not match dim 1 of "
                    + x.shapeString());
        }
    }

    /**
     * Where a backward kernel that <em>overwrites</em> its output should write x's gradient: straight into
     * it when x has no gradient yet this pass (skipping the zero fill: the kernel writes every element), else into a scratch array that
     * {@link #finishOverwrite} then adds in. Pass the result to finishOverwrite after the kernel ran.
     */
    static float[] overwriteTarget(Graph g, Var x) {
        return x.grad == null ? g.gradForOverwrite(x).data() : g.scratch(x.value().shape()).data();
    }

    /** Adds a scratch result from {@link #overwriteTarget} into x's gradient (no-op if written directly). */
    static void finishOverwrite(Graph g, Var x, float[] target) {
        float[] gx = g.gradOf(x).data();
        if (target != gx) {
            dev.jnas.tensor.Elementwise.axpy(1f, target, 0, gx, 0, gx.length);
        }
    }

    /** Throws unless t is [n,c,h,w]. */
    static void rank4(String op, Tensor t) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException(op + ": need input [N,C,H,W], got " + t.shapeString());
        }
    }
}
