package dev.jnas.nn.model;

import dev.jnas.nn.optim.Param;
import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network built from an {@link ArchitectureSpec}: its layers, trainable parameters and state.
 *
 * <p>Call order: {@link #build(ArchitectureSpec, long)} (validates with {@link ArchitectureAnalysis}
 * first, then initialises weights from the seed: He normal before relu-family activations, Glorot uniform
 * otherwise, zero biases, batchnorm gamma 1 / beta 0 — see {@code Init}); per training step
 * {@link #forward(Graph, Var, boolean)} with {@code training = true}, backward on the graph, an optimiser
 * step over {@link #params()}; for inference {@link #predict(Tensor)}. {@link #state()} /
 * {@link #loadState(Map)} expose every tensor to save (parameters and batchnorm running statistics).
 *
 * <p>Inputs are [N,C,H,W] matching the spec's input shape; a flat [N,F] input is accepted when the spec
 * is C=F, H=W=1. Dropout masks of training step t derive from the model seed and t (t counts training
 * forwards), so a run is reproducible from the seed. Not thread-safe: one model per training thread.
 *
 * <p>Parameter names are the layer's analysis path plus {@code /weight}, {@code /bias}, {@code /gamma} or
 * {@code /beta}, e.g. {@code body/0/conv2d/weight}; running statistics add {@code /running_mean} and
 * {@code /running_var}.
 */
public final class Model {
    /** Rows per batch in {@link #predict(Tensor)}. */
    public static final int PREDICT_BATCH = 256;

    private final ArchitectureSpec spec;
    private final long seed;
    private final Analysis analysis;
    private final Layer body;
    private final List<Param> params;
    private final Map<String, Tensor> state;
    private final int[] inputShape;
    private final int classes;
    private final Graph inference = new Graph();
    private long trainingSteps;

    private Model(ArchitectureSpec spec, long seed, Analysis analysis) {
        this.spec = spec;
        this.seed = seed;
        this.analysis = analysis;
        this.body = ModelBuilder.build(spec.body(), analysis, seed);
        List<Param> ps = new ArrayList<>();
        body.params(ps);
        this.params = Collections.unmodifiableList(ps);
        Map<String, Tensor> st = new LinkedHashMap<>();
        body.state(st);
        this.state = Collections.unmodifiableMap(st);
        this.inputShape = new int[] {spec.channels(), spec.height(), spec.width()};
        int[] out = analysis.outputShape();
        if (out.length != 1) {
            throw new IllegalArgumentException("model: the network must end in flat class scores [K], but its output is "
                    + ArchitectureAnalysis.shapeString(out) + "; add flatten/dense or global_avg_pool");
        }
        this.classes = out[0];
    }

    /**
     * Validates {@code spec} (throws {@link dev.jnas.nn.spec.InvalidArchitectureException} naming the
     * layer) and builds it with weights drawn from {@code seed}; also throws if the output is not flat.
     */
    public static Model build(ArchitectureSpec spec, long seed) {
        return new Model(spec, seed, ArchitectureAnalysis.analyze(spec));
    }

    /** Logits [N, K] of input x ([N,C,H,W] or flat [N,F]) on graph g; training selects batchnorm/dropout mode. */
    public Var forward(Graph g, Var x, boolean training) {
        Var in = x;
        Tensor xv = x.value();
        if (xv.rank() == 2 && spec.height() == 1 && spec.width() == 1 && xv.dim(1) == spec.channels()) {
            in = g.reshape(x, xv.dim(0), spec.channels(), 1, 1);
        } else if (xv.rank() != 4 || xv.dim(1) != inputShape[0] || xv.dim(2) != inputShape[1]
                || xv.dim(3) != inputShape[2]) {
            throw new IllegalArgumentException("model.forward: input " + xv.shapeString() + " does not match [N, "
                    + inputShape[0] + ", " + inputShape[1] + ", " + inputShape[2] + "]");
        }
        long step = training ? trainingSteps++ : -1;
        return body.forward(g, in, training, step);
    }

    /**
     * Logits [N, K] for x in inference mode, in batches of {@link #PREDICT_BATCH} on the model's own
     * no-grad graph; the result is a new tensor.
     */
    public Tensor predict(Tensor x) {
        int n = x.dim(0);
        int sample = x.size() / Math.max(1, n);
        Tensor out = Tensor.zeros(n, classes);
        int[] shape = x.shape();
        for (int from = 0; from < n; from += PREDICT_BATCH) {
            int count = Math.min(PREDICT_BATCH, n - from);
            shape[0] = count;
            float[] batch = new float[count * sample];
            System.arraycopy(x.data(), from * sample, batch, 0, batch.length);
            try (var ng = inference.noGrad()) {
                Var y = forward(inference, Var.constant(Tensor.of(batch, shape)), false);
                System.arraycopy(y.value().data(), 0, out.data(), from * classes, count * classes);
            } finally {
                inference.reset();
            }
        }
        return out;
    }

    /** Trainable parameters in execution order, wrapping the live value and gradient tensors. */
    public List<Param> params() {
        return params;
    }

    /** Every saved tensor by unique name (parameters, then per layer its running statistics): live tensors. */
    public Map<String, Tensor> state() {
        return state;
    }

    /**
     * Copies tensors into this model's state by name; every name of {@link #state()} must be present
     * with the same shape, and no others. Throws {@link IllegalArgumentException} naming the tensor.
     */
    public void loadState(Map<String, Tensor> tensors) {
        for (String name : tensors.keySet()) {
            if (!state.containsKey(name)) {
                throw new IllegalArgumentException("model.loadState: unknown tensor '" + name + "'");
            }
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor src = tensors.get(e.getKey());
            if (src == null) {
                throw new IllegalArgumentException("model.loadState: missing tensor '" + e.getKey() + "'");
            }
            if (!src.hasShape(e.getValue().shape())) {
                throw new IllegalArgumentException("model.loadState: tensor '" + e.getKey() + "' has shape "
                        + src.shapeString() + ", expected " + e.getValue().shapeString());
            }
            System.arraycopy(src.data(), 0, e.getValue().data(), 0, src.size());
        }
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return analysis.parameters();
    }

    /** Number of classes K (the output width). */
    public int numClasses() {
        return classes;
    }

    /** The input shape [C, H, W] without batch. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public ArchitectureSpec spec() {
        return spec;
    }

    /** The seed the weights (and dropout streams) were drawn from. */
    public long seed() {
        return seed;
    }

    public Analysis analysis() {
        return analysis;
    }

    /** Keras-style summary table (see {@link Analysis#summary()}). */
    public String summary() {
        return analysis.summary();
    }
}
