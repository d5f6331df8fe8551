package dev.jnas.tensor.autodiff;

import dev.jnas.tensor.Activations;
import dev.jnas.tensor.Tensor;
import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * The tape: records primitives applied to {@link Var}s and runs their backward passes in reverse.
 *
 * <p>Call order per training step: build the forward with the methods below (or the primitives'
 * {@code apply}), {@link #backward(Var)} from a scalar loss (accumulates into the parameters'
 * gradients, then drops the tape and returns intermediate gradient arrays to the pool), read what you
 * need from intermediate values, then {@link #reset()} (returns every intermediate array to the
 * {@link BufferPool}; the next step's forward gets the same arrays back). Inside
 * {@code try (var ng = graph.noGrad()) {...}} nothing is recorded (inference); still call
 * {@link #reset()} afterwards to recycle the outputs. One graph per thread.
 *
 * <p>For primitive implementers: {@link #buffer} (pooled value/saved arrays, live until reset; take them
 * only in forward), {@link #scratch} (pooled temporaries, only in backward),
 * {@link #output}, {@link #needsGrad}, {@link #record} and {@link #gradOf} are the whole contract.
 */
public final class Graph {
    /** The backward half of a recorded primitive: reads its output's gradient, accumulates into its inputs'. */
    @FunctionalInterface
    public interface Backward {
        void run();
    }

    /** Restores the previous grad mode on close. */
    public final class NoGrad implements AutoCloseable {
        private final boolean previous;

        private NoGrad(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            gradEnabled = previous;
        }
    }

    private record Node(Var out, Backward backward) {
    }

    private final BufferPool pool = new BufferPool();
    private final ArrayList<Node> tape = new ArrayList<>();
    private final ArrayList<float[]> values = new ArrayList<>();
    private final ArrayList<float[]> grads = new ArrayList<>();
    private final ArrayList<int[]> ints = new ArrayList<>();
    private final ArrayList<Var> gradHolders = new ArrayList<>();
    private boolean gradEnabled = true;

    /** Enters no-grad mode until the returned scope is closed. */
    public NoGrad noGrad() {
        NoGrad scope = new NoGrad(gradEnabled);
        gradEnabled = false;
        return scope;
    }

    /** True unless inside {@link #noGrad()}. */
    public boolean gradEnabled() {
        return gradEnabled;
    }

    /** Number of recorded primitives not yet consumed by backward. */
    public int tapeSize() {
        return tape.size();
    }

    /** The pool behind this graph's intermediate arrays. */
    public BufferPool pool() {
        return pool;
    }

    // ---- primitive contract -----------------------------------------------------------------

    /** A pooled tensor (contents unspecified) owned by the graph until {@link #reset()}. */
    public Tensor buffer(int... shape) {
        float[] a = pool.take(Tensor.numel(shape));
        values.add(a);
        return Tensor.of(a, shape);
    }

    /** A pooled int array (contents unspecified) owned by the graph until {@link #reset()}, e.g. argmax indices. */
    public int[] intBuffer(int n) {
        int[] a = pool.takeInts(n);
        ints.add(a);
        return a;
    }

    /** A pooled scratch tensor for use inside a backward step; released when backward ends. */
    public Tensor scratch(int... shape) {
        float[] a = pool.take(Tensor.numel(shape));
        grads.add(a);
        return Tensor.of(a, shape);
    }

    /** True if a primitive with these inputs must record its backward. */
    public boolean needsGrad(Var... inputs) {
        if (!gradEnabled) {
            return false;
        }
        for (Var v : inputs) {
            if (v.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** An intermediate Var holding {@code value}; it requires a gradient iff {@code requiresGrad}. */
    public Var output(Tensor value, boolean requiresGrad) {
        return new Var(value, requiresGrad, false);
    }

    /** Appends a backward step for {@code out}; ignored in no-grad mode. */
    public void record(Var out, Backward backward) {
        if (gradEnabled && out.requiresGrad()) {
            tape.add(new Node(out, backward));
        }
    }

    /** The gradient of v, created as zeros from the pool on first use during backward. */
    public Tensor gradOf(Var v) {
        if (v.grad == null) {
            float[] a = pool.takeZeroed(v.value.size());
            grads.add(a);
            gradHolders.add(v);
            v.grad = Tensor.of(a, v.value.shape());
        }
        return v.grad;
    }

    /**
     * v's gradient for a backward kernel that overwrites it completely: like {@link #gradOf} but, when the
     * gradient is created here, skips zero-filling it. Only for callers that write every element.
     */
    Tensor gradForOverwrite(Var v) {
        if (v.grad == null) {
            float[] a = pool.take(v.value.size());
            grads.add(a);
            gradHolders.add(v);
            v.grad = Tensor.of(a, v.value.shape());
        }
        return v.grad;
    }

    // ---- running ----------------------------------------------------------------------------

    /** Backpropagates from a one-element loss (seed gradient 1), then drops the tape. */
    public void backward(Var loss) {
        if (loss.value().size() != 1) {
            throw new IllegalArgumentException("backward: loss must have one element, got shape "
                    + loss.value().shapeString());
        }
        if (!loss.requiresGrad()) {
            throw new IllegalArgumentException("backward: loss does not depend on any parameter");
        }
        gradOf(loss).data()[0] += 1f;
        for (int i = tape.size() - 1; i >= 0; i--) {
            Node node = tape.get(i);
            if (node.out().grad != null) {
                node.backward().run();
            }
        }
        tape.clear();
        for (Var v : gradHolders) {
            v.grad = null;
        }
        gradHolders.clear();
        release(grads);
    }

    /** Returns all intermediate arrays to the pool and clears the tape; earlier intermediates become invalid. */
    public void reset() {
        tape.clear();
        for (Var v : gradHolders) {
            v.grad = null;
        }
        gradHolders.clear();
        release(grads);
        release(values);
        for (int i = ints.size() - 1; i >= 0; i--) {
            pool.giveInts(ints.get(i));
        }
        ints.clear();
    }

    private void release(ArrayList<float[]> arrays) {
        // Reverse order, so that the next step's first request of a size gets this step's first array.
        for (int i = arrays.size() - 1; i >= 0; i--) {
            pool.give(arrays.get(i));
        }
        arrays.clear();
    }

    // ---- convenience front end: one method per primitive -------------------------------------

    /** op(a)·op(b) for 2-D a, b; see {@link MatMulOp}. */
    public Var matmul(Var a, boolean transA, Var b, boolean transB) {
        return MatMulOp.apply(this, a, transA, b, transB);
    }

    /** a·b for 2-D a [m,k], b [k,n]. */
    public Var matmul(Var a, Var b) {
        return MatMulOp.apply(this, a, false, b, false);
    }

    /** a + b (same shape). */
    public Var add(Var a, Var b) {
        return AddOp.apply(this, a, b);
    }

    /** a − b (same shape). */
    public Var sub(Var a, Var b) {
        return SubOp.apply(this, a, b);
    }

    /** a ⊙ b (same shape). */
    public Var mul(Var a, Var b) {
        return MulOp.apply(this, a, b);
    }

    /** s·x. */
    public Var scale(Var x, float s) {
        return ScaleOp.apply(this, x, s);
    }

    /** x + bias broadcast: [N,F] + [F] or [N,C,H,W] + [C]. */
    public Var addBias(Var x, Var bias) {
        return BiasAddOp.apply(this, x, bias);
    }

    /** relu(x). */
    public Var relu(Var x) {
        return ActivationOp.apply(this, Activations.Kind.RELU, 0f, x);
    }

    /** leaky relu with the given negative slope. */
    public Var leakyRelu(Var x, float slope) {
        return ActivationOp.apply(this, Activations.Kind.LEAKY_RELU, slope, x);
    }

    /** tanh(x). */
    public Var tanh(Var x) {
        return ActivationOp.apply(this, Activations.Kind.TANH, 0f, x);
    }

    /** sigmoid(x). */
    public Var sigmoid(Var x) {
        return ActivationOp.apply(this, Activations.Kind.SIGMOID, 0f, x);
    }

    /** gelu(x), exact erf form. */
    public Var gelu(Var x) {
        return ActivationOp.apply(this, Activations.Kind.GELU, 0f, x);
    }

    /** Row-wise softmax of [N,C]. */
    public Var softmax(Var x) {
        return SoftmaxOp.apply(this, x);
    }

    /** Mean cross-entropy of [N,C] logits against labels (fused log-softmax); a scalar. */
    public Var crossEntropy(Var logits, int[] labels) {
        return CrossEntropyOp.apply(this, logits, labels);
    }

    /** Sum of all elements; a scalar. */
    public Var sum(Var x) {
        return SumOp.apply(this, x, false);
    }

    /** Mean of all elements; a scalar. */
    public Var mean(Var x) {
        return SumOp.apply(this, x, true);
    }

    /** A view with another shape (one -1 allowed). */
    public Var reshape(Var x, int... shape) {
        return ReshapeOp.apply(this, x, shape);
    }

    /** [N, ...] → [N, rest]. */
    public Var flatten(Var x) {
        return ReshapeOp.apply(this, x, x.value().dim(0), -1);
    }

    /** Concatenation along dimension 1 (channels or features). */
    public Var concat(Var... xs) {
        return ConcatOp.apply(this, xs);
    }

    /** Channels [start, start + count) of dimension 1. */
    public Var sliceChannels(Var x, int start, int count) {
        return SliceChannelsOp.apply(this, x, start, count);
    }

    /** Split along dimension 1 into the given counts (the inverse of concat). */
    public Var[] split(Var x, int... counts) {
        Var[] out = new Var[counts.length];
        int start = 0;
        for (int i = 0; i < counts.length; i++) {
            out[i] = SliceChannelsOp.apply(this, x, start, counts[i]);
            start += counts[i];
        }
        if (start != x.value().dim(1)) {
            throw new IllegalArgumentException("split: counts sum to " + start + " but dim 1 of "
                    + x.value().shapeString() + " is " + x.value().dim(1));
        }
        return out;
    }

    /** Batch normalisation; see {@link BatchNormOp}. */
    public Var batchNorm(Var x, Var gamma, Var beta, Tensor runningMean, Tensor runningVar,
                         float momentum, float eps, boolean training) {
        return BatchNormOp.apply(this, x, gamma, beta, runningMean, runningVar, momentum, eps, training);
    }

    /** Inverted dropout with probability p in training mode; the identity otherwise. */
    public Var dropout(Var x, float p, SplittableRandom rng, boolean training) {
        return DropoutOp.apply(this, x, p, rng, training);
    }

    /** 2-D convolution of [N,C,H,W] with [K,C,R,S] weights, optional [K] bias; see {@link Conv2dOp}. */
    public Var conv2d(Var x, Var weights, Var bias, int stride, int pad) {
        return Conv2dOp.apply(this, x, weights, bias, stride, pad);
    }

    /** Max pooling over size×size windows; see {@link MaxPool2dOp}. */
    public Var maxPool2d(Var x, int size, int stride) {
        return MaxPool2dOp.apply(this, x, size, stride, 0);
    }

    /** Average pooling over size×size windows; see {@link AvgPool2dOp}. */
    public Var avgPool2d(Var x, int size, int stride) {
        return AvgPool2dOp.apply(this, x, size, stride, 0);
    }

    /** [N,C,H,W] → [N,C] plane means; see {@link GlobalAvgPoolOp}. */
    public Var globalAvgPool(Var x) {
        return GlobalAvgPoolOp.apply(this, x);
    }

    /** Zero padding of [N,C,H,W]; see {@link Pad2dOp}. */
    public Var pad2d(Var x, int top, int bottom, int left, int right) {
        return Pad2dOp.apply(this, x, top, bottom, left, right);
    }
}
