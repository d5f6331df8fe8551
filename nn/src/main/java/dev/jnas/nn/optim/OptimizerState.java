package dev.jnas.nn.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable deep copy of an optimiser's state: the optimiser name, the global step count and,
 * per parameter name, the number of updates that parameter received and its state buffers (for
 * example momentum, or Adam's first and second moments, in that order).
 *
 * <p>Obtained from {@link Optimizer#snapshot()} and given back to {@link Optimizer#restore}.
 */
public record OptimizerState(String optimizer, long steps, Map<String, ParamState> params) {
    public OptimizerState {
        Map<String, ParamState> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, v));
        params = Collections.unmodifiableMap(copy);
    }

    /** State of one parameter: its update count and a deep copy of its buffers. */
    public record ParamState(long steps, List<float[]> buffers) {
        public ParamState {
            List<float[]> copy = new ArrayList<>(buffers.size());
            for (float[] b : buffers) {
                copy.add(b.clone());
            }
            buffers = Collections.unmodifiableList(copy);
        }

        /** A copy of buffer {@code i} (the record's arrays are never handed out). */
        public float[] buffer(int i) {
            return buffers.get(i).clone();
        }

        @Override
        public List<float[]> buffers() {
            List<float[]> copy = new ArrayList<>(buffers.size());
            for (float[] b : buffers) {
                copy.add(b.clone());
            }
            return Collections.unmodifiableList(copy);
        }
    }
}
