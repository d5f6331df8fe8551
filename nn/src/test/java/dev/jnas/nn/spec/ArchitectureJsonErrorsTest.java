package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad documents fail with the JSON path (content errors) or line and column (syntax errors). */
class ArchitectureJsonErrorsTest {
    private static final String HEAD = "{\"format\": \"jnas-architecture\", \"version\": 1, \"input\": [1, 8, 8], \"layers\": ";

    private static ArchitectureFormatException reject(String json) {
        return assertThrows(ArchitectureFormatException.class, () -> ArchitectureJson.fromJson(json));
    }

    private static ArchitectureFormatException rejectLayers(String layers) {
        return reject(HEAD + layers + "}");
    }

    private static void assertPath(String path, ArchitectureFormatException e, String... words) {
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("at " + path + ":"), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void fromJson_syntaxError_namesLineAndColumn() {
        ArchitectureFormatException e = reject("{\n  \"format\": \"jnas-architecture\",\n  \"version\": 1,,\n}");
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(16, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column 16"), e.getMessage());
    }

    @Test
    void fromJson_unterminatedAndTrailingAndDuplicate_areSyntaxErrors() {
        assertTrue(reject(HEAD + "[{\"type\": \"flatten\"}]").line() > 0);
        assertTrue(reject(HEAD + "[{\"type\": \"flatten\"}]} {}").line() > 0);
        ArchitectureFormatException dup = reject("{\"format\": \"jnas-architecture\",\n\"format\": \"x\"}");
        assertEquals(2, dup.line(), dup.getMessage());
        assertTrue(dup.getMessage().contains("format"), dup.getMessage());
    }

    @Test
    void fromJson_emptyOrNonObject_namesRoot() {
        assertPath("$", reject(""), "empty");
        assertPath("$", reject("[1, 2]"), "object");
    }

    @Test
    void fromJson_unknownType_namesTypePath() {
        assertPath("layers[1].type", rejectLayers("[{\"type\": \"flatten\"}, {\"type\": \"conv3d\"}]"), "conv3d", "conv2d");
    }

    @Test
    void fromJson_missingField_namesField() {
        assertPath("layers[0].filters", rejectLayers("[{\"type\": \"conv2d\", \"kernel\": 3}]"), "missing");
        assertPath("layers[0].type", rejectLayers("[{\"units\": 3}]"), "missing");
        assertPath("input", reject("{\"format\": \"jnas-architecture\", \"version\": 1, \"layers\": []}"), "missing");
    }

    @Test
    void fromJson_wrongTypedField_namesFieldAndValue() {
        ArchitectureFormatException e = rejectLayers(
                "[{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 3}, {\"type\": \"flatten\"}, {\"type\": \"conv2d\", \"filters\": \"32\", \"kernel\": 3}]");
        assertPath("layers[3].filters", e, "integer", "\"32\"");
        assertPath("layers[0].units", rejectLayers("[{\"type\": \"dense\", \"units\": 2.5}]"), "2.5");
        assertPath("layers[0].rate", rejectLayers("[{\"type\": \"dropout\", \"rate\": \"high\"}]"), "number");
        assertPath("input[2]", reject("{\"format\": \"jnas-architecture\", \"version\": 1, \"input\": [1, 8, null], \"layers\": []}"));
    }

    @Test
    void fromJson_badValues_nameField() {
        assertPath("layers[0].kernel", rejectLayers("[{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 9}]"), "1..7", "9");
        assertPath("layers[0].filters", rejectLayers("[{\"type\": \"conv2d\", \"filters\": 0, \"kernel\": 3}]"), "> 0");
        assertPath("layers[0].padding", rejectLayers("[{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3, \"padding\": \"full\"}]"), "same");
        assertPath("layers[0].padding", rejectLayers("[{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3, \"padding\": -1}]"));
        assertPath("layers[0].rate", rejectLayers("[{\"type\": \"dropout\", \"rate\": 1.0}]"), "[0, 1)");
        assertPath("layers[0].function", rejectLayers("[{\"type\": \"activation\", \"function\": \"swish\"}]"), "swish", "relu");
        assertPath("layers[0].merge", rejectLayers("[{\"type\": \"parallel\", \"merge\": \"mul\", \"branches\": []}]"), "mul");
        assertPath("layers[0].branches", rejectLayers("[{\"type\": \"parallel\", \"merge\": \"add\", \"branches\": [[{\"type\": \"identity\"}]]}]"),
                "two");
        assertPath("layers", rejectLayers("[]"), "non-empty");
        assertPath("format", reject("{\"format\": \"keras\", \"version\": 1, \"input\": [1, 1, 1], \"layers\": []}"), "keras");
        assertPath("version", reject("{\"format\": \"jnas-architecture\", \"version\": 2, \"input\": [1, 1, 1], \"layers\": []}"), "2");
    }

    @Test
    void fromJson_unknownField_namesIt() {
        assertPath("layers[0].unit", rejectLayers("[{\"type\": \"dense\", \"unit\": 3}]"), "units");
        assertPath("extra", reject("{\"format\": \"jnas-architecture\", \"extra\": 1}"));
    }

    @Test
    void fromJson_errorInsideNestedBranches_namesFullPath() {
        String layers = "[{\"type\": \"flatten\"}, {\"type\": \"identity\"}, {\"type\": \"parallel\", \"merge\": \"add\", \"branches\": ["
                + "{\"type\": \"identity\"}, [{\"type\": \"conv2d\", \"filters\": 1, \"kernel\": 3.5}]]}]";
        assertPath("layers[2].branches[1][0].kernel", rejectLayers(layers));
        String seq = "[{\"type\": \"sequential\", \"layers\": [{\"type\": \"identity\"}, {\"type\": \"maxpool2d\"}]}]";
        assertPath("layers[0].layers[1].size", rejectLayers(seq), "missing");
    }

    @Test
    void fromFile_badFile_namesFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n\"format\": \"jnas-architecture\"\n\"version\": 1}");
        ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class, () -> ArchitectureJson.fromFile(file));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        assertEquals(3, e.line(), e.getMessage());
    }
}
