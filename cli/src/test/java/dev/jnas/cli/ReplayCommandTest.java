package dev.jnas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.nn.spec.nb201.Nb201Cell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nas replay} over a made-up full NAS-Bench-201-shaped table (seeded random values, no real data). */
class ReplayCommandTest {
    @TempDir
    static Path tmp;
    static Path table;

    @BeforeAll
    static void writeTable() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        StringBuilder sb = new StringBuilder("arch_str,val_acc,test_acc,time\n");
        for (int i = 0; i < Nb201Cell.SIZE; i++) {
            double v = 60 + 30 * rng.nextDouble();
            sb.append('"').append(Nb201Cell.fromIndex(i)).append('"').append(String.format(Locale.ROOT, ",%.3f,%.3f,%.1f%n", v,
                    v + rng.nextDouble() - 0.5, 50 + 100 * rng.nextDouble()));
        }
        table = tmp.resolve("table.csv");
        Files.writeString(table, sb);
    }

    @Test
    void replay_twoStrategies_printsOneRowEachAndSameJsonTwice() throws Exception {
        String[] args = {"replay", "--table", table.toString(), "--reward", "val_acc", "--report", "test_acc",
            "--budget-evaluations", "30", "--runs", "6", "--strategy", "evolution,random", "--threads", "2"};
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("evolution") && r.out().contains("random"), r::toString);
        String[] json = java.util.Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        Cli j = Cli.run(json);
        assertEquals(0, j.code(), j::toString);
        JsonNode node = new ObjectMapper().readTree(j.out());
        assertTrue(node.isObject(), j::toString);
        assertEquals(j.out(), Cli.run(json).out(), "same seed, same report");
    }

    @Test
    void replay_secondsBudgetWithoutCost_exitsTwoNamingBudget() {
        Cli r = Cli.run("replay", "--table", table.toString(), "--reward", "val_acc", "--report", "test_acc",
                "--budget-seconds", "1000");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--budget-seconds") && r.err().contains("--cost"), r::toString);
    }

    @Test
    void replay_unknownColumn_exitsTwoNamingTable() {
        Cli r = Cli.run("replay", "--table", table.toString(), "--reward", "val_accuracy", "--report", "test_acc",
                "--budget-evaluations", "5", "--runs", "1");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("val_accuracy"), r::toString);
    }

    @Test
    void replay_unknownStrategy_exitsTwo() {
        Cli r = Cli.run("replay", "--table", table.toString(), "--reward", "val_acc", "--report", "test_acc",
                "--budget-evaluations", "5", "--runs", "1", "--strategy", "annealing");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("annealing"), r::toString);
    }

    @Test
    void replay_withoutBudget_exitsTwo() {
        Cli r = Cli.run("replay", "--table", table.toString(), "--reward", "val_acc", "--report", "test_acc");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--budget-seconds") || r.err().contains("--budget-evaluations"), r::toString);
    }
}
