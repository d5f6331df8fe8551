package dev.jnas.search.replay;

import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.search.Genome;
import dev.jnas.search.Nb201Space;
import dev.jnas.search.strategy.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading benchmark tables: values by cell, missing rows, and malformed files with file, line and column. */
class TabularBenchmarkTest {
    private static final Nb201Space NB = Nb201Space.create();
    private static final String A = Nb201Cell.fromIndex(0).toString();
    private static final String B = Nb201Cell.fromIndex(1).toString();
    private static final String C = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("table.csv"), text);
    }

    @Test
    void read_fullSyntheticTable_givesEveryRowByCellAndTheOptimum() {
        SyntheticTable syn = new SyntheticTable(3);
        TabularBenchmark t = TabularBenchmark.read(syn.write(dir.resolve("full.csv"), -1), NB, SyntheticTable.COLUMNS);
        assertEquals(Nb201Cell.SIZE, t.rowCount());
        for (int i = 0; i < Nb201Cell.SIZE; i += 97) {
            assertEquals(syn.valAcc[i], t.reward(i), 1e-6);
            assertEquals(syn.testAcc[i], t.report(i), 1e-6);
            assertEquals(syn.time[i], t.cost(i), 1e-3);
        }
        assertEquals(syn.optimum(), t.optimum());
        assertEquals(syn.valAcc[syn.optimum()], t.maxReward(), 1e-6);
        Genome g = NB.genome(Nb201Cell.fromIndex(123));
        assertEquals(new EvaluationResult(Map.of("val_acc", t.reward(123), "test_acc", t.report(123), "time", t.cost(123))),
                t.evaluate(g));
    }

    @Test
    void lookup_architectureWithoutRow_namesArchitectureAndTable() {
        SyntheticTable syn = new SyntheticTable(3);
        int skip = 4321;
        Path f = syn.write(dir.resolve("partial.csv"), skip);
        TabularBenchmark t = TabularBenchmark.read(f, NB, SyntheticTable.COLUMNS);
        assertEquals(Nb201Cell.SIZE - 1, t.rowCount());
        assertFalse(t.contains(skip));
        String arch = Nb201Cell.fromIndex(skip).toString();
        MissingRowException e = assertThrows(MissingRowException.class, () -> t.evaluate(NB.genome(Nb201Cell.fromIndex(skip))));
        assertEquals(arch, e.architecture());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("no row for architecture " + arch), e.getMessage());
        assertThrows(MissingRowException.class, () -> t.reward(skip));
    }

    @Test
    void read_quotedFieldsBlankLinesAndNoCostColumn_areAccepted() throws IOException {
        Path f = file("\uFEFFname, \"arch\" ,acc\n\n\"x, y\",\"" + A + "\",1.5\nz," + B + ",2\n\n");
        TabularBenchmark t = TabularBenchmark.read(f, NB, new TabularBenchmark.Columns("arch", "acc", "acc", null));
        assertEquals(2, t.rowCount());
        assertEquals(1.5, t.reward(0));
        assertEquals(0.0, t.cost(0));
        assertEquals(1, t.optimum());
        assertFalse(t.hasCost());
    }

    static Stream<Arguments> malformed() {
        String h = "arch_str,val_acc,test_acc,time\n";
        return Stream.of(
                Arguments.of("missing column", "arch_str,val_acc,time\n" + A + ",1,2\n", 1, "test_acc", "no such column in the header"),
                Arguments.of("non-numeric reward", h + A + ",1,2,3\n" + B + ",high,2,3\n", 3, "val_acc", "not a number: 'high'"),
                Arguments.of("empty report", h + A + ",1,,3\n", 2, "test_acc", "not a number: ''"),
                Arguments.of("infinite cost", h + A + ",1,2,Infinity\n", 2, "time", "not a finite number"),
                Arguments.of("negative cost", h + A + ",1,2,-4\n", 2, "time", "cost must be >= 0"),
                Arguments.of("bad architecture", h + "|nor_conv_3x3~0|+|nor_conv_5x5~0|,1,2,3\n", 2, "arch_str",
                        "unknown operation 'nor_conv_5x5'"),
                Arguments.of("duplicate row", h + A + ",1,2,3\n" + C + ",1,2,3\n" + A + ",4,5,6\n", 4, "arch_str",
                        "duplicate row for architecture " + A + " (first at line 2)"),
                Arguments.of("short row", h + A + ",1,2\n", 2, null, "row has 3 fields, the header has 4"),
                Arguments.of("duplicate header", "arch_str,val_acc,val_acc,test_acc,time\n", 1, "val_acc", "appears twice"),
                Arguments.of("header only", h, 1, null, "no rows after the header"),
                Arguments.of("empty file", "", 1, null, "empty file"),
                Arguments.of("open quote", h + "\"" + A + ",1,2,3\n", 2, null, "unterminated quoted field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void read_malformedTable_namesFileLineAndColumn(String what, String text, int line, String column, String detail) throws IOException {
        Path f = file(text);
        TableFormatException e = assertThrows(TableFormatException.class,
                () -> TabularBenchmark.read(f, NB, SyntheticTable.COLUMNS));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        String where = "benchmark table " + f + ", line " + line + (column == null ? "" : ", column '" + column + "'") + ": ";
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void docsExample_csvBlock_readsWithItsThreeRows() throws IOException {
        String md = Files.readString(Path.of("../docs/replay.md"));
        int start = md.indexOf("```csv\n") + "```csv\n".length();
        Path f = file(md.substring(start, md.indexOf("```", start)));
        TabularBenchmark t = TabularBenchmark.read(f, NB, SyntheticTable.COLUMNS);
        assertEquals(3, t.rowCount());
        assertEquals(Nb201Cell.parse(C).index(), t.optimum());
        assertEquals(161.2, t.cost(t.optimum()));
    }

    @Test
    void read_missingFileOrBlankColumnName_failClearly() {
        Path missing = dir.resolve("nope.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularBenchmark.read(missing, NB, SyntheticTable.COLUMNS));
        assertTrue(e.getMessage().contains("benchmark table " + missing + ": cannot read"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TabularBenchmark.Columns("arch", " ", "x", null));
    }
}
