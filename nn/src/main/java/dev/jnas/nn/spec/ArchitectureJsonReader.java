package dev.jnas.nn.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Parses the JSON form; {@link ArchitectureJson#fromJson(String)} is the public entry point. */
final class ArchitectureJsonReader {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> ROOT_FIELDS = Set.of("format", "version", "input", "layers");

    private ArchitectureJsonReader() {
    }

    static ArchitectureSpec read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ArchitectureFormatException(at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                    "syntax error: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ArchitectureFormatException(ArchitectureFormatException.ROOT, "empty document");
        }
        String path = ArchitectureFormatException.ROOT;
        requireObject(root, path);
        onlyFields(root, ROOT_FIELDS, "");
        String format = string(root, "format", "");
        if (!format.equals(ArchitectureJson.FORMAT)) {
            throw new ArchitectureFormatException("format", "expected \"" + ArchitectureJson.FORMAT + "\", got \"" + format + "\"");
        }
        int version = integer(required(root, "version", ""), "version");
        if (version != ArchitectureJson.VERSION) {
            throw new ArchitectureFormatException("version", "unsupported version " + version
                    + "; this reader knows version " + ArchitectureJson.VERSION);
        }
        JsonNode input = required(root, "input", "");
        if (!input.isArray() || input.size() != 3) {
            throw new ArchitectureFormatException("input", "expected [channels, height, width], got " + input);
        }
        int[] dims = new int[3];
        for (int i = 0; i < 3; i++) {
            dims[i] = positive(input.get(i), "input[" + i + "]");
        }
        return new ArchitectureSpec(dims[0], dims[1], dims[2], layerList(required(root, "layers", ""), "layers"));
    }

    static SequentialSpec layerList(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ArchitectureFormatException(path, "expected a non-empty array of layers, got " + describe(node));
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            layers.add(layer(node.get(i), path + "[" + i + "]"));
        }
        return new SequentialSpec(layers);
    }

    static LayerSpec layer(JsonNode node, String path) {
        requireObject(node, path);
        String type = string(node, "type", path + ".");
        String at = path + ".";
        return switch (type) {
            case "conv2d" -> {
                onlyFields(node, Set.of("type", "filters", "kernel", "stride", "padding"), at);
                int kernel = positive(required(node, "kernel", at), at + "kernel");
                if (kernel > 7) {
                    throw new ArchitectureFormatException(at + "kernel", "must be in 1..7, got " + kernel);
                }
                yield new Conv2dSpec(positive(required(node, "filters", at), at + "filters"), kernel,
                        node.has("stride") ? positive(node.get("stride"), at + "stride") : 1,
                        node.has("padding") ? padding(node.get("padding"), at + "padding") : Padding.VALID);
            }
            case "dense" -> {
                onlyFields(node, Set.of("type", "units"), at);
                yield new DenseSpec(positive(required(node, "units", at), at + "units"));
            }
            case "maxpool2d" -> {
                onlyFields(node, Set.of("type", "size", "stride"), at);
                int size = positive(required(node, "size", at), at + "size");
                yield new MaxPool2dSpec(size, node.has("stride") ? positive(node.get("stride"), at + "stride") : size);
            }
            case "avgpool2d" -> {
                onlyFields(node, Set.of("type", "size", "stride", "padding"), at);
                int size = positive(required(node, "size", at), at + "size");
                int stride = node.has("stride") ? positive(node.get("stride"), at + "stride") : size;
                int padding = node.has("padding") ? integer(node.get("padding"), at + "padding") : 0;
                if (padding < 0 || padding > size / 2) {
                    throw new ArchitectureFormatException(at + "padding", "expected an integer in 0.." + size / 2
                            + " (at most size/2), got " + padding);
                }
                yield new AvgPool2dSpec(size, stride, padding);
            }
            case "activation" -> {
                onlyFields(node, Set.of("type", "function"), at);
                String name = string(node, "function", at);
                try {
                    yield new ActivationSpec(Activation.parse(name));
                } catch (IllegalArgumentException e) {
                    throw new ArchitectureFormatException(at + "function", e.getMessage());
                }
            }
            case "dropout" -> {
                onlyFields(node, Set.of("type", "rate"), at);
                JsonNode rate = required(node, "rate", at);
                if (!rate.isNumber() || !(rate.doubleValue() >= 0 && rate.doubleValue() < 1)) {
                    throw new ArchitectureFormatException(at + "rate", "expected a number in [0, 1), got " + describe(rate));
                }
                yield new DropoutSpec(rate.doubleValue());
            }
            case "batchnorm", "flatten", "global_avg_pool", "identity", "zero" -> {
                onlyFields(node, Set.of("type"), at);
                yield switch (type) {
                    case "batchnorm" -> new BatchNormSpec();
                    case "flatten" -> new FlattenSpec();
                    case "global_avg_pool" -> new GlobalAvgPoolSpec();
                    case "zero" -> new ZeroSpec();
                    default -> new IdentitySpec();
                };
            }
            case "sequential" -> {
                onlyFields(node, Set.of("type", "layers"), at);
                yield layerList(required(node, "layers", at), at + "layers");
            }
            case "parallel" -> parallel(node, path);
            case "cell" -> CellJsonReader.cell(node, at);
            default -> throw new ArchitectureFormatException(at + "type", "unknown layer type \"" + type + "\"; expected one of "
                    + "conv2d, dense, maxpool2d, avgpool2d, global_avg_pool, activation, batchnorm, dropout, flatten, "
                    + "identity, zero, sequential, parallel, cell");
        };
    }

    private static LayerSpec parallel(JsonNode node, String path) {
        String at = path + ".";
        onlyFields(node, Set.of("type", "merge", "branches"), at);
        String merge = string(node, "merge", at);
        ParallelSpec.Merge m;
        if (merge.equals("add")) {
            m = ParallelSpec.Merge.ADD;
        } else if (merge.equals("concat")) {
            m = ParallelSpec.Merge.CONCAT;
        } else {
            throw new ArchitectureFormatException(at + "merge", "expected \"add\" or \"concat\", got \"" + merge + "\"");
        }
        JsonNode branches = required(node, "branches", at);
        if (!branches.isArray() || branches.size() < 2) {
            throw new ArchitectureFormatException(at + "branches", "expected an array of at least two branches, got "
                    + describe(branches));
        }
        List<LayerSpec> list = new ArrayList<>();
        for (int j = 0; j < branches.size(); j++) {
            JsonNode b = branches.get(j);
            String bp = at + "branches[" + j + "]";
            // A branch is a layer list (a sequential) or a single layer object.
            list.add(b.isArray() ? layerList(b, bp) : layer(b, bp));
        }
        return new ParallelSpec(list, m);
    }

    private static Padding padding(JsonNode node, String path) {
        if (node.isTextual()) {
            if (node.textValue().equals("same")) {
                return Padding.SAME;
            }
            if (node.textValue().equals("valid")) {
                return Padding.VALID;
            }
        } else if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
            return Padding.of(node.intValue());
        }
        throw new ArchitectureFormatException(path, "expected \"same\", \"valid\" or an integer >= 0, got " + describe(node));
    }

    static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ArchitectureFormatException(path, "expected an object, got " + describe(node));
        }
    }

    static void onlyFields(JsonNode node, Set<String> allowed, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new ArchitectureFormatException(at + name, "unknown field \"" + name + "\"; allowed here: "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    static JsonNode required(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new ArchitectureFormatException(at + field, "missing required field \"" + field + "\"");
        }
        return v;
    }

    private static String string(JsonNode node, String field, String at) {
        JsonNode v = required(node, field, at);
        if (!v.isTextual()) {
            throw new ArchitectureFormatException(at + field, "expected a string, got " + describe(v));
        }
        return v.textValue();
    }

    static int integer(JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ArchitectureFormatException(path, "expected an integer, got " + describe(v));
        }
        return v.intValue();
    }

    static int positive(JsonNode v, String path) {
        int n = integer(v, path);
        if (n <= 0) {
            throw new ArchitectureFormatException(path, "expected an integer > 0, got " + n);
        }
        return n;
    }

    static String describe(JsonNode v) {
        String text = v.toString();
        String kind = v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return kind + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
