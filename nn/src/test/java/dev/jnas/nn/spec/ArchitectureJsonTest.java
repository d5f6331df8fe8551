package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.nn.spec.nb201.Nb201Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documented examples parse to the canonical factories, and optional fields take their defaults. */
class ArchitectureJsonTest {
    private static final Path RESOURCES = Path.of("src/test/resources/architectures");
    private static final Path DOCS = Path.of("../docs");
    private static final Map<String, Supplier<ArchitectureSpec>> EXAMPLES = Map.of(
            "mlp.json", Architectures::peerMlp,
            "lenet5.json", Architectures::lenet5,
            "residual-cnn.json", Architectures::residualCnn,
            "nb201-cell.json", ArchitectureJsonTest::nb201CellDemo);

    /** Stem, the NAS-Bench-201 example cell at 16 channels, BN-ReLU, pooling, 10 logits (7,738 params). */
    private static ArchitectureSpec nb201CellDemo() {
        return new ArchitectureSpec(3, 32, 32, SequentialSpec.of(Conv2dSpec.same(16, 3), new BatchNormSpec(),
                Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")
                        .toCellSpec(16),
                new BatchNormSpec(), new ActivationSpec(Activation.RELU), new GlobalAvgPoolSpec(), new DenseSpec(10)));
    }

    @Test
    void fromFile_examples_equalFactoriesAndCanonicalText() throws IOException {
        for (Map.Entry<String, Supplier<ArchitectureSpec>> e : EXAMPLES.entrySet()) {
            Path file = RESOURCES.resolve(e.getKey());
            ArchitectureSpec expected = e.getValue().get();
            assertEquals(expected, ArchitectureJson.fromFile(file), e.getKey());
            assertEquals(ArchitectureJson.toJson(expected), Files.readString(file), e.getKey() + " is not canonical");
            if (e.getKey().equals("nb201-cell.json")) {
                assertEquals(7738, ArchitectureAnalysis.analyze(expected).parameters());
            }
        }
    }

    @Test
    void docsExamples_identicalToTestResourcesAndQuotedInFormatDoc() throws IOException {
        String doc = Files.readString(DOCS.resolve("architecture-format.md"));
        for (String name : EXAMPLES.keySet()) {
            String text = Files.readString(RESOURCES.resolve(name));
            assertEquals(text, Files.readString(DOCS.resolve("examples").resolve(name)), name);
            assertTrue(doc.contains("```json\n" + text + "```"), name + " is not quoted verbatim in the format doc");
        }
    }

    @Test
    void formatDoc_everyJsonDocumentBlock_parsesAndAnalyzes() throws IOException {
        String doc = Files.readString(DOCS.resolve("architecture-format.md"));
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains("\"format\"")) {
                blocks.add(m.group(1));
            }
        }
        assertTrue(blocks.size() >= 4, "expected the examples plus the defaults example, found " + blocks.size());
        for (String b : blocks) {
            ArchitectureAnalysis.analyze(ArchitectureJson.fromJson(b));
        }
    }

    @Test
    void fromJson_optionalFieldsOmitted_takeDefaults() {
        ArchitectureSpec spec = ArchitectureJson.fromJson("""
                {"format": "jnas-architecture", "version": 1, "input": [3, 9, 9], "layers": [
                  {"type": "conv2d", "filters": 4, "kernel": 3},
                  {"type": "maxpool2d", "size": 2},
                  {"type": "avgpool2d", "size": 3, "stride": 1},
                  {"type": "dropout", "rate": 0}
                ]}""");
        assertEquals(new ArchitectureSpec(3, 9, 9, SequentialSpec.of(new Conv2dSpec(4, 3, 1, Padding.VALID),
                new MaxPool2dSpec(2, 2), new AvgPool2dSpec(3, 1), new DropoutSpec(0.0))), spec);
    }

    @Test
    void fromJson_branchAsSequentialObjectOrList_sameSpec() {
        String asList = "{\"format\": \"jnas-architecture\", \"version\": 1, \"input\": [2, 4, 4], \"layers\": ["
                + "{\"type\": \"parallel\", \"merge\": \"concat\", \"branches\": [[{\"type\": \"identity\"}], {\"type\": \"dense\", \"units\": 3}]}]}";
        String asObject = asList.replace("[[{\"type\": \"identity\"}]",
                "[{\"type\": \"sequential\", \"layers\": [{\"type\": \"identity\"}]}");
        ArchitectureSpec a = ArchitectureJson.fromJson(asList);
        assertEquals(a, ArchitectureJson.fromJson(asObject));
        ParallelSpec p = (ParallelSpec) a.body().layers().get(0);
        assertEquals(SequentialSpec.of(new IdentitySpec()), p.branches().get(0));
        assertEquals(new DenseSpec(3), p.branches().get(1));
    }

    @Test
    void toJson_dropoutRates_roundTripBitExactly() {
        for (double rate : new double[] {0.0, 0.1, 1e-9, 0.30000000000000004, Math.nextDown(1.0)}) {
            ArchitectureSpec spec = new ArchitectureSpec(1, 1, 1, SequentialSpec.of(new DropoutSpec(rate)));
            DropoutSpec back = (DropoutSpec) ArchitectureJson.fromJson(ArchitectureJson.toJson(spec)).body().layers().get(0);
            assertEquals(Double.doubleToLongBits(rate), Double.doubleToLongBits(back.rate()), "rate " + rate);
        }
    }
}
