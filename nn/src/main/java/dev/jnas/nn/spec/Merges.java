package dev.jnas.nn.spec;

import java.util.Arrays;
import java.util.List;

/** Output shape of a parallel merge; used by {@link ArchitectureAnalysis}. */
final class Merges {
    private Merges() {
    }

    static int[] merge(ParallelSpec.Merge merge, List<int[]> outs, String path) {
        int[] first = outs.get(0);
        if (merge == ParallelSpec.Merge.ADD) {
            for (int[] o : outs) {
                if (!Arrays.equals(o, first)) {
                    throw new InvalidArchitectureException(path, "add merge needs equal branch shapes, got " + describe(outs));
                }
            }
            return first.clone();
        }
        long channels = 0;
        for (int[] o : outs) {
            if (o.length != first.length) {
                throw new InvalidArchitectureException(path,
                        "concat merge cannot mix image and flat branches, got " + describe(outs));
            }
            if (o.length == 3 && (o[1] != first[1] || o[2] != first[2])) {
                throw new InvalidArchitectureException(path,
                        "concat merge needs equal height and width, got " + describe(outs));
            }
            channels += o[0];
        }
        int[] out = first.clone();
        out[0] = LayerShapes.checkedInt(channels, path, "concatenated size");
        return out;
    }

    private static String describe(List<int[]> outs) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < outs.size(); j++) {
            sb.append(j == 0 ? "" : ", ").append("branch").append(j).append(' ').append(Arrays.toString(outs.get(j)));
        }
        return sb.toString();
    }
}
