package dev.jnas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nas search --backend} and {@code --trial-memory}: usage errors, and one tiny search in child JVMs. */
class BackendOptionsTest {
    @Test
    void search_unknownBackend_exitsTwoNamingTheOption() {
        Cli r = Cli.run("search", "--backend", "cluster");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--backend'") && r.err().contains("execution.backend")
                && r.err().contains("cluster"), r::toString);
    }

    @Test
    void search_badTrialMemory_exitsTwoNamingTheOption() {
        Cli r = Cli.run("search", "--backend", "process", "--trial-memory", "lots");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--trial-memory'") && r.err().contains("bad size 'lots'"), r::toString);
    }

    @Test
    void search_trialMemoryWithThreadBackend_exitsTwoSayingOnlyProcessEnforcesIt() {
        Cli r = Cli.run("search", "--trial-memory", "512m");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--trial-memory'") && r.err().contains("only enforced by the process backend"),
                r::toString);
    }

    @Test
    void search_processBackendTwoTrials_trainsInChildJvmsAndRecordsTheBackend(@TempDir Path tmp) throws Exception {
        Path exp = tmp.resolve("exp");
        Cli r = Cli.run("search", "--space", "demo", "--max-trials", "2", "--epochs", "1", "--seed", "3", "--no-final",
                "--backend", "process", "--trial-memory", "256m", "--out", exp.toString());
        assertEquals(0, r.code(), r::toString);
        JsonNode cfg = new ObjectMapper().readTree(exp.resolve("config.json").toFile());
        assertEquals("process", cfg.path("execution").path("backend").asText());
        assertEquals("256m", cfg.path("execution").path("trialMemory").asText());
        List<String> finished = Files.readAllLines(exp.resolve("journal.jsonl")).stream()
                .filter(l -> l.contains("\"event\":\"finished\"")).toList();
        assertEquals(2, finished.size(), r::toString);
        for (String l : finished) {
            assertTrue(l.contains("\"status\":\"SUCCEEDED\"") && l.contains("val_accuracy"), l);
        }
    }
}
