package dev.jnas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real (tiny) search on the embedded digits data set through the command line, then the commands
 * that read its directory: report (table, JSON, HTML), export, resume of a finished search, and
 * train of an exported spec. One search is shared by the ordered tests to keep the class fast.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Path exp() {
        return tmp.resolve("exp");
    }

    @Test
    @Order(1)
    void search_demoSpaceThreeTrialsOneEpoch_exitsZeroAndScoresOnTest() throws Exception {
        Cli r = Cli.run("search", "--space", "demo", "--max-trials", "3", "--epochs", "1", "--seed", "3",
                "--set", "budget.finalEpochs=2", "--out", exp().toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("experiment " + exp() + ": budget 3 trials"), r::toString);
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("trial ")).count(), r::toString);
        assertTrue(r.out().contains("Total params:"), "summary table missing\n" + r);
        assertTrue(r.out().contains("test: test_accuracy "), r::toString);
        for (String f : new String[] {"config.json", "space.json", "journal.jsonl", "summary.json", "final.json", ModelFiles.BEST}) {
            assertTrue(Files.isRegularFile(exp().resolve(f)), f);
        }
        JsonNode fin = JSON.readTree(exp().resolve("final.json").toFile());
        double acc = fin.path("result").path("metrics").path("test_accuracy").asDouble(-1);
        assertTrue(acc > 0.1 && acc <= 1, "test accuracy " + acc + " should beat chance after one epoch");
    }

    @Test
    @Order(2)
    void report_jsonAndHtml_summaryHasBestAndCounts() throws Exception {
        Path html = tmp.resolve("report.html");
        Cli r = Cli.run("report", exp().toString(), "--json", "--html", html.toString());
        assertEquals(0, r.code(), r::toString);
        JsonNode s = JSON.readTree(r.out());
        assertEquals(3, s.path("totalTrials").asInt());
        assertTrue(s.path("bestKey").asText().length() > 0, r::toString);
        assertTrue(s.path("testMetrics").has("test_accuracy"), r::toString);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 40));
        assertTrue(page.contains("<svg") && !page.contains("<script src=") && !page.contains("http://") , "self-contained");
    }

    @Test
    @Order(3)
    void report_table_listsRankedTrials() {
        Cli r = Cli.run("report", exp().toString(), "--top", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("rank  trial"), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("   1 ")), r::toString);
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("   3 ")), "--top 2 must list two\n" + r);
    }

    @Test
    @Order(4)
    void export_topTwo_writesSpecWeightsAndRecipe() throws Exception {
        Path out = tmp.resolve("best");
        Cli r = Cli.run("export", exp().toString(), "--out", out.toString(), "--top", "2");
        assertEquals(0, r.code(), r::toString);
        for (String rank : new String[] {"rank-1", "rank-2"}) {
            for (String f : new String[] {"architecture.json", "model.jnas", "recipe.json"}) {
                assertTrue(Files.isRegularFile(out.resolve(rank).resolve(f)), rank + "/" + f + "\n" + r);
            }
        }
        JsonNode recipe = JSON.readTree(out.resolve("rank-1/recipe.json").toFile());
        JsonNode summary = JSON.readTree(exp().resolve("summary.json").toFile());
        assertEquals(summary.path("bestKey").asText(), recipe.path("key").asText());
        // The recipe is the one the weights were trained with: the final training's epochs and augmentation.
        JsonNode config = JSON.readTree(exp().resolve("config.json").toFile());
        assertEquals(config.path("budget").path("finalEpochs").asInt(), recipe.path("epochs").asInt());
        assertEquals(config.path("training").path("augmentShift").asInt(), recipe.path("training").path("augmentShift").asInt());
        assertTrue(recipe.path("command").asText().contains("--epochs " + recipe.path("epochs").asInt()), recipe.toString());
        assertTrue(Files.isRegularFile(out.resolve("index.json")));
    }

    @Test
    @Order(5)
    void resume_finishedSearch_runsNoMoreTrials() throws Exception {
        long before = Files.readAllLines(exp().resolve("journal.jsonl")).size();
        Cli r = Cli.run("resume", exp().toString(), "--no-final");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("3 already finished"), r::toString);
        assertEquals(before, Files.readAllLines(exp().resolve("journal.jsonl")).size(), "no trial may run again");
    }

    @Test
    @Order(6)
    void train_exampleSpec_trainsScoresAndSaves() {
        Path model = tmp.resolve("digits-cnn.jnas");
        Cli r = Cli.run("train", "--arch", "../docs/examples/digits-cnn.json", "--epochs", "1", "--augment-shift", "1",
                "--cv", "2", "--save", model.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("epoch 1  train_loss"), r::toString);
        assertTrue(r.out().contains("test_accuracy"), r::toString);
        assertTrue(r.out().matches("(?s).*cross-validation: cv_accuracy 0\\.\\d{4}, .*cv_accuracy_sd .*folds 2.*"), r::toString);
        assertTrue(Files.isRegularFile(model), r::toString);
    }
}
