package dev.jnas.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads, completes and validates {@link ExperimentConfig}s. Call order: {@link #load(Path)} (or
 * {@link #parse(String, boolean)}); then optionally {@link #withOverrides} with the CLI's
 * {@code path=value} pairs; {@link #toJson} writes the effective config into the experiment
 * directory. Unknown fields, wrong types and out-of-range values are {@link ConfigException}s naming
 * the field path (and line/column for file errors).
 */
public final class ConfigLoader {
    private static final ObjectMapper JSON = mapper(new ObjectMapper());
    private static final ObjectMapper YAML = mapper(new ObjectMapper(new YAMLFactory()));
    // First pass only: absent fields are legal there (defaults fill them), so nulls for primitives are too.
    private static final ObjectMapper JSON_LENIENT = JSON.copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final ObjectMapper YAML_LENIENT = YAML.copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    static final List<String> BACKENDS = List.of("threads", "process");
    static final List<String> TELL_ORDERS = List.of("trial", "completion");
    static final List<String> DATASETS = List.of("digits", "mnist", "fashion-mnist", "kmnist", "cifar10", "idx", "csv");

    private ConfigLoader() {
    }

    private static ObjectMapper mapper(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Loads a {@code .json}, {@code .yaml} or {@code .yml} file; errors name the file. */
    public static ExperimentConfig load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text, name.endsWith(".yaml") || name.endsWith(".yml"));
        } catch (ConfigException e) {
            throw new ConfigException(e.path(), file + ": " + e.getMessage().replaceFirst("^config (field '[^']*': )?", ""), e);
        }
    }

    /** Parses config text (YAML when {@code yaml}, else JSON), fills defaults for absent fields, validates. */
    public static ExperimentConfig parse(String text, boolean yaml) {
        if (text == null || text.isBlank()) {
            return validate(ExperimentConfig.defaults());
        }
        ObjectMapper m = yaml ? YAML : JSON;
        JsonNode user;
        try {
            // First pass against the record types: unknown fields and wrong types, with line and column.
            (yaml ? YAML_LENIENT : JSON_LENIENT).readValue(text, ExperimentConfig.class);
            user = m.readTree(text);
        } catch (JsonMappingException e) {
            throw new ConfigException(pathOf(e), brief(e) + at(fieldLocation(text, e)), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", "syntax error: " + e.getOriginalMessage() + at(e.getLocation()), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            return validate(ExperimentConfig.defaults());
        }
        if (!user.isObject()) {
            throw new ConfigException("", "the document must be an object of sections, got " + user.getNodeType());
        }
        ObjectNode merged = JSON.valueToTree(ExperimentConfig.defaults());
        merge(merged, (ObjectNode) user);
        return fromTree(merged);
    }

    /**
     * A copy with {@code overrides} applied: keys are dotted field paths ({@code budget.maxTrials},
     * {@code search.strategyParams.populationSize}), values are parsed as YAML scalars (so
     * {@code 20} is a number, {@code true} a boolean). Unknown paths are rejected.
     */
    public static ExperimentConfig withOverrides(ExperimentConfig config, Map<String, String> overrides) {
        ObjectNode tree = JSON.valueToTree(config);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            ObjectNode node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                if (!(child instanceof ObjectNode o)) {
                    throw new ConfigException(e.getKey(), "no such section '" + parts[i] + "'; sections are " + fieldNames(node));
                }
                node = o;
            }
            String leaf = parts[parts.length - 1];
            boolean openMap = parts.length == 3 && parts[1].equals("strategyParams");
            if (!node.has(leaf) && !openMap) {
                throw new ConfigException(e.getKey(), "no such field; fields here are " + fieldNames(node));
            }
            JsonNode value;
            try {
                value = e.getValue() == null ? JSON.nullNode() : YAML.readTree(e.getValue());
            } catch (JsonProcessingException ex) {
                throw new ConfigException(e.getKey(), "bad value '" + e.getValue() + "'", ex);
            }
            node.set(leaf, value == null || value.isMissingNode() ? JSON.nullNode() : value);
        }
        return fromTree(tree);
    }

    /** The config as pretty JSON that {@link #parse} reads back to an equal config. */
    public static String toJson(ExperimentConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config: cannot write JSON", e);
        }
    }

    private static ExperimentConfig fromTree(ObjectNode tree) {
        try {
            return validate(JSON.treeToValue(tree, ExperimentConfig.class));
        } catch (JsonMappingException e) {
            throw new ConfigException(pathOf(e), brief(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", e.getOriginalMessage(), e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode user) {
        Iterator<Map.Entry<String, JsonNode>> it = user.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode b = base.get(e.getKey());
            if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode uo && !e.getKey().equals("strategyParams")) {
                merge(bo, uo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Semantic checks after defaults are filled; each names its field. */
    static ExperimentConfig validate(ExperimentConfig c) {
        require(c.dataset() != null && c.search() != null && c.objective() != null && c.constraints() != null
                && c.budget() != null && c.training() != null && c.execution() != null, "", "a section is null");
        require(c.dataset().name() != null && DATASETS.contains(c.dataset().name()), "dataset.name",
                "must be one of " + DATASETS + ", got '" + c.dataset().name() + "'");
        require(!List.of("idx", "csv").contains(c.dataset().name()) || c.dataset().dir() != null, "dataset.dir",
                "is required for data set '" + c.dataset().name() + "'");
        double vf = c.dataset().validationFraction();
        require(vf > 0 && vf < 1, "dataset.validationFraction", "must be in (0, 1), got " + vf);
        require(notBlank(c.search().space()), "search.space", "must name a built-in space or a JSON file");
        require(notBlank(c.search().strategy()), "search.strategy", "must be non-blank");
        require(notBlank(c.objective().metric()), "objective.metric", "must be non-blank");
        require(List.of("maximize", "minimize").contains(c.objective().direction()), "objective.direction",
                "must be maximize or minimize, got '" + c.objective().direction() + "'");
        require(c.constraints().maxParameters() >= 0, "constraints.maxParameters", "must be >= 0 (0 = no limit)");
        require(c.constraints().maxFlops() >= 0, "constraints.maxFlops", "must be >= 0 (0 = no limit)");
        require(c.budget().maxTrials() >= 1, "budget.maxTrials", "must be >= 1, got " + c.budget().maxTrials());
        require(c.budget().epochsPerTrial() >= 1, "budget.epochsPerTrial", "must be >= 1, got " + c.budget().epochsPerTrial());
        require(c.budget().finalEpochs() >= 0, "budget.finalEpochs", "must be >= 0 (0 = epochsPerTrial), got " + c.budget().finalEpochs());
        require(c.budget().finalists() >= 1, "budget.finalists", "must be >= 1 (1 = no re-ranking), got " + c.budget().finalists());
        require(c.budget().finalistFolds() >= 2, "budget.finalistFolds", "must be >= 2, got " + c.budget().finalistFolds());
        String fm = c.budget().finalistMetric();
        require(fm == null || List.of("cv_accuracy", "cv_macro_f1", "cv_loss").contains(fm), "budget.finalistMetric",
                "must be cv_accuracy, cv_macro_f1 or cv_loss (or null: the objective's), got '" + fm + "'");
        require(fm != null || c.budget().finalists() == 1 || List.of("val_accuracy", "val_macro_f1", "val_loss")
                        .contains(c.objective().metric()), "budget.finalistMetric",
                "is needed for objective '" + c.objective().metric() + "' (no cross-validated counterpart)");
        Durations.parse("budget.timeBudget", c.budget().timeBudget());
        Durations.parse("budget.trialTimeLimit", c.budget().trialTimeLimit());
        require(notBlank(c.training().optimizer()), "training.optimizer", "must be non-blank");
        require(c.training().learningRate() > 0, "training.learningRate", "must be > 0, got " + c.training().learningRate());
        require(c.training().weightDecay() >= 0, "training.weightDecay", "must be >= 0");
        require(c.training().batchSize() >= 1, "training.batchSize", "must be >= 1, got " + c.training().batchSize());
        require(c.training().earlyStoppingPatience() >= 0, "training.earlyStoppingPatience", "must be >= 0 (0 = off)");
        require(c.training().augmentShift() >= 0, "training.augmentShift", "must be >= 0 pixels (0 = off), got "
                + c.training().augmentShift());
        require(c.execution().workers() >= 0, "execution.workers", "must be >= 0 (0 = auto), got " + c.execution().workers());
        require(c.execution().kernelThreads() >= 0, "execution.kernelThreads", "must be >= 0 (0 = auto)");
        require(notBlank(c.execution().outputDir()), "execution.outputDir", "must be non-blank");
        require(c.execution().snapshotEvery() >= 1, "execution.snapshotEvery", "must be >= 1");
        require(TELL_ORDERS.contains(c.execution().tellOrder()), "execution.tellOrder",
                "must be one of " + TELL_ORDERS + ", got '" + c.execution().tellOrder() + "'");
        require(c.execution().inFlight() >= 0, "execution.inFlight", "must be >= 0 (0 = auto), got " + c.execution().inFlight());
        require(BACKENDS.contains(c.execution().backend()), "execution.backend",
                "must be one of " + BACKENDS + ", got '" + c.execution().backend() + "'");
        if (c.execution().trialMemory() != null) {
            MemorySize.parse("execution.trialMemory", c.execution().trialMemory());
            require(c.execution().processBackend(), "execution.trialMemory",
                    "is only enforced by the process backend; set execution.backend to process or leave trialMemory unset");
        }
        return c;
    }

    private static void require(boolean ok, String path, String message) {
        if (!ok) {
            throw new ConfigException(path, message);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String brief(JsonMappingException e) {
        String msg = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
        int cut = msg.indexOf(" (class ");
        msg = cut > 0 ? msg.substring(0, cut) : msg;
        return msg.lines().findFirst().orElse(msg);
    }

    /**
     * YAML parsers report the position after the offending value; for an unknown field the line of
     * its key is more useful, so look for the first line that starts with that key.
     */
    private static JsonLocation fieldLocation(String text, JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            String[] lines = text.split("\n", -1);
            java.util.regex.Pattern key = java.util.regex.Pattern.compile("^\\s*[\"']?" + java.util.regex.Pattern.quote(u.getPropertyName())
                    + "[\"']?\\s*:");
            for (int i = 0; i < lines.length; i++) {
                java.util.regex.Matcher m = key.matcher(lines[i]);
                if (m.find()) {
                    return new JsonLocation(null, -1, i + 1, lines[i].indexOf(u.getPropertyName().charAt(0)) + 1);
                }
            }
        }
        return e.getLocation();
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder("[");
        node.fieldNames().forEachRemaining(n -> sb.append(sb.length() > 1 ? ", " : "").append(n));
        return sb.append(']').toString();
    }
}
