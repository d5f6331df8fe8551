package dev.jnas.nn.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared bookkeeping for the optimisers: learning rate, step counter, and per-parameter state
 * slots keyed by parameter name. Subclasses implement only the element-wise update.
 */
abstract class AbstractOptimizer implements Optimizer {
    /** Per-parameter state; {@code stamp} is the global step that last touched it. */
    private static final class Slot {
        final float[][] buffers;
        int size;
        long steps;
        long stamp;

        Slot(float[][] buffers, int size) {
            this.buffers = buffers;
            this.size = size;
        }
    }

    private final Map<String, Slot> slots = new HashMap<>();
    private double lr;
    private long steps;

    AbstractOptimizer(double lr) {
        setLearningRate(lr);
    }

    /** How many state arrays of the parameter's size each parameter needs. */
    abstract int buffersPerParam();

    /**
     * Updates {@code x} in place from {@code g}; {@code t} is this parameter's 1-based update
     * count, used for bias correction.
     */
    abstract void update(float[] x, float[] g, float[][] buffers, long t, double lr);

    @Override
    public final void step(List<Param> params) {
        steps++;
        // Indexed loop: avoids an iterator per step on the hot path.
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Slot s = slots.get(p.name());
            if (s == null) {
                s = new Slot(new float[buffersPerParam()][p.size()], p.size());
                slots.put(p.name(), s);
            } else if (s.size < 0) {
                s.size = p.size();
            } else if (s.size != p.size()) {
                throw new IllegalArgumentException(name() + ".step: param '" + p.name() + "' has "
                        + p.size() + " elements but its state has " + s.size);
            }
            if (s.stamp == steps) {
                throw new IllegalArgumentException(name() + ".step: param name '" + p.name()
                        + "' appears twice in one step; names must be unique");
            }
            s.stamp = steps;
            s.steps++;
            update(p.value().data(), p.grad().data(), s.buffers, s.steps, lr);
        }
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name() + ": learning rate must be finite and >= 0, got " + lr);
        }
        this.lr = lr;
    }

    @Override
    public final long stepCount() {
        return steps;
    }

    @Override
    public final OptimizerState snapshot() {
        Map<String, OptimizerState.ParamState> out = new LinkedHashMap<>();
        slots.forEach((k, s) -> out.put(k, new OptimizerState.ParamState(s.steps, List.of(s.buffers))));
        return new OptimizerState(name(), steps, out);
    }

    @Override
    public final void restore(OptimizerState state) {
        if (!name().equals(state.optimizer())) {
            throw new IllegalArgumentException(name() + ".restore: state was taken from optimizer '"
                    + state.optimizer() + "'");
        }
        Map<String, Slot> fresh = new HashMap<>();
        for (Map.Entry<String, OptimizerState.ParamState> e : state.params().entrySet()) {
            List<float[]> bufs = new ArrayList<>(e.getValue().buffers());
            if (bufs.size() != buffersPerParam()) {
                throw new IllegalArgumentException(name() + ".restore: param '" + e.getKey() + "' has "
                        + bufs.size() + " buffers, expected " + buffersPerParam());
            }
            // Without buffers the size is unknown until the param is next seen.
            Slot s = new Slot(bufs.toArray(new float[0][]), bufs.isEmpty() ? -1 : bufs.get(0).length);
            s.steps = e.getValue().steps();
            fresh.put(e.getKey(), s);
        }
        slots.clear();
        slots.putAll(fresh);
        steps = state.steps();
    }
}
