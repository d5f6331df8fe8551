package dev.jnas.nn.spec.nb201;

import static dev.jnas.nn.spec.nb201.Nb201Op.AVG_POOL_3X3;
import static dev.jnas.nn.spec.nb201.Nb201Op.NONE;
import static dev.jnas.nn.spec.nb201.Nb201Op.NOR_CONV_1X1;
import static dev.jnas.nn.spec.nb201.Nb201Op.NOR_CONV_3X3;
import static dev.jnas.nn.spec.nb201.Nb201Op.SKIP_CONNECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.nn.spec.Activation;
import dev.jnas.nn.spec.ActivationSpec;
import dev.jnas.nn.spec.AvgPool2dSpec;
import dev.jnas.nn.spec.BatchNormSpec;
import dev.jnas.nn.spec.CellSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.IdentitySpec;
import dev.jnas.nn.spec.SequentialSpec;
import dev.jnas.nn.spec.ZeroSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The architecture-string notation, the index enumeration and the cell spec of NAS-Bench-201 cells. */
class Nb201CellTest {
    static final String EXAMPLE = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

    @Test
    void parse_everyCell_printsBackExactlyAndIndexIsBijection() {
        Pattern notation = Pattern.compile("\\|[a-z_0-9]+~0\\|\\+\\|[a-z_0-9]+~0\\|[a-z_0-9]+~1\\|"
                + "\\+\\|[a-z_0-9]+~0\\|[a-z_0-9]+~1\\|[a-z_0-9]+~2\\|");
        Set<String> strings = new HashSet<>();
        List<Nb201Cell> all = Nb201Cell.all();
        assertEquals(15_625, all.size());
        for (int i = 0; i < Nb201Cell.SIZE; i++) {
            Nb201Cell cell = all.get(i);
            String s = cell.toString();
            assertTrue(notation.matcher(s).matches(), s);
            Nb201Cell back = Nb201Cell.parse(s);
            assertEquals(cell, back, s);
            assertEquals(s, back.toString());
            assertEquals(i, back.index(), s);
            assertEquals(cell, Nb201Cell.fromIndex(i));
            assertTrue(strings.add(s), "duplicate string " + s);
        }
        assertEquals(Nb201Cell.SIZE, strings.size());
    }

    @Test
    void parse_benchmarkExample_opsInEdgeOrder() {
        Nb201Cell cell = Nb201Cell.parse(EXAMPLE);
        assertEquals(List.of(NOR_CONV_3X3, NOR_CONV_3X3, AVG_POOL_3X3, SKIP_CONNECT, NOR_CONV_3X3, SKIP_CONNECT), cell.ops());
        assertEquals(AVG_POOL_3X3, cell.op(1, 2));
        assertEquals(SKIP_CONNECT, cell.op(2, 3));
        assertEquals(EXAMPLE, cell.toString());
        // Base 5, edge 0 least significant: 3 + 3*5 + 4*25 + 1*125 + 3*625 + 1*3125 = 5243.
        assertEquals(5243, cell.index());
        assertEquals("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", Nb201Cell.fromIndex(0).toString());
        assertEquals("|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|",
                Nb201Cell.fromIndex(15_624).toString());
    }

    @ParameterizedTest(name = "[{index}] position {1} of {0}")
    @CsvSource(delimiter = ';', value = {
        "'';0;ends early",
        "nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|;0;expected '|'",
        "|conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|;1;unknown operation 'conv_3x3'",
        "||+|none~0|none~1|+|none~0|none~1|none~2|;1;missing operation",
        "|none0|+|none~0|none~1|+|none~0|none~1|none~2|;1;unknown operation 'none0'",
        "|none~|+|none~0|none~1|+|none~0|none~1|none~2|;6;source node number 0",
        "|none~1|+|none~0|none~1|+|none~0|none~1|none~2|;6;must come from node 0",
        "|none~00|+|none~0|none~1|+|none~0|none~1|none~2|;6;must come from node 0",
        "|none~0|+|none~1|none~0|+|none~0|none~1|none~2|;15;must come from node 0",
        "|none~0||none~0|none~1|+|none~0|none~1|none~2|;8;expected '+'",
        "|none~0|+|none~0|+|none~0|none~1|none~2|;17;missing operation for input 1 of node 2",
        "|none~0|+|none~0|none~1|+|none~0|none~1|;40;ends early",
        "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|+;47;unexpected text",
        "'|none~0|+|none~0|none~1|+|none~0|none~1|none~2| ';47;unexpected text",
        "|NONE~0|+|none~0|none~1|+|none~0|none~1|none~2|;1;unknown operation 'NONE'",
    })
    void parse_malformed_rejectedWithPosition(String text, int position, String words) {
        Nb201FormatException e = assertThrows(Nb201FormatException.class, () -> Nb201Cell.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains("at position " + position + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(words), "'" + words + "' missing in: " + e.getMessage());
    }

    @Test
    void parse_null_andBadIndexAndOps_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.fromIndex(-1));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.fromIndex(15_625));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.of(NONE, NONE));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.parse(EXAMPLE).op(3, 1));
    }

    @Test
    void toCellSpec_mapsEachOpToItsLayers() {
        CellSpec spec = Nb201Cell.of(NONE, SKIP_CONNECT, NOR_CONV_1X1, NOR_CONV_3X3, AVG_POOL_3X3, NONE).toCellSpec(8);
        ActivationSpec relu = new ActivationSpec(Activation.RELU);
        assertEquals(new CellSpec(4, List.of(
                new CellSpec.Edge(0, 1, new ZeroSpec()),
                new CellSpec.Edge(0, 2, new IdentitySpec()),
                new CellSpec.Edge(1, 2, SequentialSpec.of(relu, Conv2dSpec.same(8, 1), new BatchNormSpec())),
                new CellSpec.Edge(0, 3, SequentialSpec.of(relu, Conv2dSpec.same(8, 3), new BatchNormSpec())),
                new CellSpec.Edge(1, 3, new AvgPool2dSpec(3, 1, 1)),
                new CellSpec.Edge(2, 3, new ZeroSpec()))), spec);
        assertTrue(spec.isZeroNode(1));
    }
}
