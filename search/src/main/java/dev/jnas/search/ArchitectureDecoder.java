package dev.jnas.search;

import dev.jnas.nn.spec.Activation;
import dev.jnas.nn.spec.ActivationSpec;
import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.AvgPool2dSpec;
import dev.jnas.nn.spec.BatchNormSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.DenseSpec;
import dev.jnas.nn.spec.DropoutSpec;
import dev.jnas.nn.spec.FlattenSpec;
import dev.jnas.nn.spec.GlobalAvgPoolSpec;
import dev.jnas.nn.spec.IdentitySpec;
import dev.jnas.nn.spec.LayerSpec;
import dev.jnas.nn.spec.MaxPool2dSpec;
import dev.jnas.nn.spec.ParallelSpec;
import dev.jnas.nn.spec.Padding;
import dev.jnas.nn.spec.SequentialSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a genome into an {@link ArchitectureSpec}, valid by construction: features stages emit only
 * spatial layers and classifier stages only dense layers after a reduction (flatten or global average
 * pooling, global decision {@code reduction}); convolutions use same padding so any kernel fits; a
 * pooling window larger than the current feature map is dropped (recorded as a repair); residual
 * branches keep the channel count so the add merge always matches; the classifier
 * {@code Dense(classes)} is appended last. Only active decisions are read, so inactive ones can never
 * change the result.
 */
final class ArchitectureDecoder {
    private ArchitectureDecoder() {
    }

    /** The active decisions of one slot, read by name with defaults. */
    private record Slot(List<Decision> decisions, int[] values, boolean[] active) {
        Object get(String name, Object fallback) {
            for (int j = 0; j < decisions.size(); j++) {
                if (decisions.get(j).name().equals(name)) {
                    return active[j] ? decisions.get(j).value(values[j]) : fallback;
                }
            }
            return fallback;
        }

        int integer(String name, int fallback) {
            return ((Number) get(name, fallback)).intValue();
        }

        boolean flag(String name) {
            return (Boolean) get(name, Boolean.FALSE);
        }

        double rate(String name) {
            return ((Number) get(name, 0.0)).doubleValue();
        }

        Activation activation() {
            return Activation.parse((String) get("activation", "relu"));
        }
    }

    static DecodeResult decode(SearchSpace space, InputShape in, Genome g) {
        List<LayerSpec> layers = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        int[] chw = {in.channels(), in.height(), in.width()};
        boolean flat = false;
        String reduction = space.definition().globals().stream().anyMatch(d -> d.name().equals("reduction"))
                ? (String) space.value(g, "reduction") : "flatten";
        for (int k = 0; k < space.stageCount(); k++) {
            Stage stage = space.stage(k);
            for (int i = 0; i < space.count(g, k); i++) {
                Slot slot = new Slot(stage.decisions(), space.slotValues(g, k, i), space.slotActive(g, k, i));
                String where = stage.name() + "." + i;
                if (stage.kind() == Stage.Kind.FEATURES) {
                    feature(slot, where, chw, layers, repairs);
                } else {
                    if (!flat) {
                        reduce(reduction, chw, layers);
                        flat = true;
                    }
                    dense(slot, layers);
                }
            }
        }
        if (!flat) {
            reduce(reduction, chw, layers);
        }
        layers.add(new DenseSpec(in.classes()));
        ArchitectureSpec spec = new ArchitectureSpec(in.channels(), in.height(), in.width(), new SequentialSpec(layers));
        try {
            Analysis a = ArchitectureAnalysis.analyze(spec);
            String violation = space.constraints().violation(a.parameters(), a.flops());
            return new DecodeResult(spec, a.parameters(), a.flops(), repairs, violation);
        } catch (IllegalArgumentException e) {
            return new DecodeResult(spec, -1, -1, repairs, "invalid architecture: " + e.getMessage());
        }
    }

    private static void reduce(String reduction, int[] chw, List<LayerSpec> layers) {
        if (reduction.equals("global_avg_pool")) {
            layers.add(new GlobalAvgPoolSpec());
        } else {
            layers.add(new FlattenSpec());
            chw[0] = chw[0] * chw[1] * chw[2];
        }
        chw[1] = 1;
        chw[2] = 1;
    }

    private static void feature(Slot s, String where, int[] chw, List<LayerSpec> layers, List<String> repairs) {
        String type = (String) s.get("type", "conv");
        switch (type) {
            case "conv" -> {
                int stride = s.integer("stride", 1);
                int filters = s.integer("filters", 16);
                layers.add(new Conv2dSpec(filters, s.integer("kernel", 3), stride, Padding.SAME));
                post(s, layers, true);
                chw[0] = filters;
                chw[1] = ceilDiv(chw[1], stride);
                chw[2] = ceilDiv(chw[2], stride);
            }
            case "maxpool", "avgpool" -> {
                int p = s.integer("pool", 2);
                if (p > chw[1] || p > chw[2]) {
                    repairs.add(where + ": " + type + " " + p + " dropped on a " + chw[1] + "x" + chw[2] + " feature map");
                    return;
                }
                layers.add(type.equals("maxpool") ? MaxPool2dSpec.of(p) : AvgPool2dSpec.of(p));
                chw[1] = (chw[1] - p) / p + 1;
                chw[2] = (chw[2] - p) / p + 1;
            }
            case "identity" -> {
                // A skipped slot decodes to nothing, so it shares its key with the shorter chain.
            }
            case "residual" -> {
                int kernel = s.integer("kernel", 3);
                List<LayerSpec> branch = new ArrayList<>();
                branch.add(Conv2dSpec.same(chw[0], kernel));
                if (s.flag("batchnorm")) {
                    branch.add(new BatchNormSpec());
                }
                branch.add(new ActivationSpec(s.activation()));
                branch.add(Conv2dSpec.same(chw[0], kernel));
                if (s.flag("batchnorm")) {
                    branch.add(new BatchNormSpec());
                }
                layers.add(new ParallelSpec(List.of(new IdentitySpec(), new SequentialSpec(branch)), ParallelSpec.Merge.ADD));
                layers.add(new ActivationSpec(s.activation()));
                dropout(s, layers);
            }
            case "parallel" -> {
                int n = s.integer("branches", 2);
                int filters = s.integer("filters", 16);
                List<LayerSpec> branches = new ArrayList<>();
                for (int b = 0; b < n; b++) {
                    int kernel = s.integer(b == 0 ? "kernel" : "kernel_b" + b, 2 * b + 1);
                    List<LayerSpec> branch = new ArrayList<>();
                    branch.add(Conv2dSpec.same(filters, kernel));
                    post(s, branch, false);
                    branches.add(new SequentialSpec(branch));
                }
                boolean add = "add".equals(s.get("merge", "concat"));
                layers.add(new ParallelSpec(branches, add ? ParallelSpec.Merge.ADD : ParallelSpec.Merge.CONCAT));
                dropout(s, layers);
                chw[0] = add ? filters : n * filters;
            }
            default -> throw new IllegalStateException("decode " + where + ": unknown feature type '" + type + "'");
        }
    }

    private static void dense(Slot s, List<LayerSpec> layers) {
        if ("identity".equals(s.get("type", "dense"))) {
            return;
        }
        layers.add(new DenseSpec(s.integer("units", 64)));
        post(s, layers, true);
    }

    /** Batch norm (if chosen), the activation, and dropout (if chosen and wanted here). */
    private static void post(Slot s, List<LayerSpec> layers, boolean withDropout) {
        if (s.flag("batchnorm")) {
            layers.add(new BatchNormSpec());
        }
        layers.add(new ActivationSpec(s.activation()));
        if (withDropout) {
            dropout(s, layers);
        }
    }

    private static void dropout(Slot s, List<LayerSpec> layers) {
        double rate = s.rate("dropout");
        if (rate > 0) {
            layers.add(new DropoutSpec(rate));
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
