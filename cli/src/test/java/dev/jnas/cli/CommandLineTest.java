package dev.jnas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing, help, version, space description and the usage errors of every command (no training). */
class CommandLineTest {
    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"search", "resume", "report", "export", "train", "space", "version"})
    void help_everySubcommand_printsUsageAndExitsZero(String command) {
        Cli r = Cli.run(command, "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Usage: nas " + command), r::toString);
        assertTrue(r.out().contains("--help"), r::toString);
    }

    @Test
    void help_topLevel_listsEverySubcommand() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"search", "resume", "report", "export", "train", "space", "version"}) {
            assertTrue(r.out().contains("  " + c + " "), c + " missing in\n" + r.out());
        }
    }

    @Test
    void noSubcommand_printsUsage_exitsTwo() {
        Cli r = Cli.run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: nas"), r::toString);
    }

    @Test
    void version_printsProjectJdkSpeciesAndThreads() {
        Cli r = Cli.run("version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s)jnas \\d+\\.\\d+\\.\\d+.*"), r::toString);
        assertTrue(r.out().contains("JDK: "), r::toString);
        assertTrue(r.out().contains("Vector API: Species[float"), r::toString);
        assertTrue(r.out().contains("kernel threads"), r::toString);
        assertEquals(r.out(), Cli.run("--version").out());
    }

    @Test
    void space_demoWithSamples_describesSizesAndSamplesDeterministically() {
        Cli r = Cli.run("space", "--space", "demo", "--sample", "3", "--seed", "5");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("search space 'demo' for 1x8x8 inputs, 10 classes"), r::toString);
        assertTrue(r.out().contains("size: exactly 336 genomes, log10 2.526"), r::toString);
        assertEquals(3, r.out().split("\nsample ", -1).length - 1, r::toString);
        assertEquals(r.out(), Cli.run("space", "--space", "demo", "--sample", "3", "--seed", "5").out());
        assertTrue(!r.out().equals(Cli.run("space", "--space", "demo", "--sample", "3", "--seed", "6").out()));
    }

    @Test
    void space_defaultForMnist_sizedForTwentyEightPixels() {
        Cli r = Cli.run("space", "--dataset", "mnist");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("1x28x28 inputs"), r::toString);
    }

    @Test
    void search_unknownOption_exitsTwoNamingIt() {
        Cli r = Cli.run("search", "--max-trails", "3");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--max-trails"), r::toString);
    }

    @Test
    void search_nonNumericTrials_exitsTwoNamingTheOption() {
        Cli r = Cli.run("search", "--max-trials", "many");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--max-trials"), r::toString);
    }

    @Test
    void search_zeroTrials_exitsTwoNamingOptionAndField() {
        Cli r = Cli.run("search", "--max-trials", "0");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--max-trials'") && r.err().contains("budget.maxTrials"), r::toString);
    }

    @Test
    void search_badTimeBudget_exitsTwoNamingTheOption() {
        Cli r = Cli.run("search", "--time-budget", "soon");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--time-budget'") && r.err().contains("bad duration 'soon'"), r::toString);
    }

    @Test
    void search_unknownDataset_exitsTwoNamingTheOption() {
        Cli r = Cli.run("search", "--dataset", "imagenet");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--dataset'") && r.err().contains("imagenet"), r::toString);
    }

    @Test
    void search_idxWithoutDataDir_exitsTwoNamingDataDir() {
        Cli r = Cli.run("search", "--dataset", "idx");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--data-dir"), r::toString);
    }

    @Test
    void search_configWithUnknownField_exitsTwoNamingFieldAndLine(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("exp.yaml");
        Files.writeString(cfg, "budget:\n  maxTrials: 3\n  epochz: 2\n");
        Cli r = Cli.run("search", "--config", cfg.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("epochz") && r.err().contains("line 3"), r::toString);
    }

    @Test
    void search_configWithBadValue_exitsTwoNamingTheField(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("exp.json");
        Files.writeString(cfg, "{\"dataset\": {\"validationFraction\": 1.5}}");
        Cli r = Cli.run("search", "--config", cfg.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("dataset.validationFraction"), r::toString);
    }

    @Test
    void search_setUnknownField_exitsTwoNamingSet() {
        Cli r = Cli.run("search", "--set", "budget.trials=3");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--set'") && r.err().contains("budget.trials"), r::toString);
    }

    @Test
    void search_missingConfigFile_exitsTwoNamingConfig(@TempDir Path tmp) {
        Cli r = Cli.run("search", "--config", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--config'"), r::toString);
    }

    @Test
    void report_notAnExperimentDirectory_exitsTwo(@TempDir Path tmp) {
        Cli r = Cli.run("report", tmp.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("not an experiment directory"), r::toString);
    }

    @Test
    void export_withoutOut_exitsTwoNamingOut(@TempDir Path tmp) {
        Cli r = Cli.run("export", tmp.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--out"), r::toString);
    }

    @Test
    void train_missingArchFile_exitsTwoNamingArch(@TempDir Path tmp) {
        Cli r = Cli.run("train", "--arch", tmp.resolve("none.json").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--arch'"), r::toString);
    }

    @Test
    void train_specForOtherInput_exitsTwoNamingArch() {
        Cli r = Cli.run("train", "--arch", "../docs/examples/lenet5.json", "--epochs", "1");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--arch'") && r.err().contains("1x28x28"), r::toString);
    }

    @Test
    void train_badCvOrShift_exitsTwoNamingTheOption() {
        Cli r = Cli.run("train", "--arch", "../docs/examples/digits-cnn.json", "--cv", "1");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--cv'"), r::toString);
        r = Cli.run("train", "--arch", "../docs/examples/digits-cnn.json", "--augment-shift", "8");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("option '--augment-shift'") && r.err().contains("8x8"), r::toString);
    }

    @ParameterizedTest(name = "--strategy {0}")
    @ValueSource(strings = {"random", "greedy", "genetic", "grid"})
    void search_otherStrategyWithoutConfig_runsWithThatStrategysDefaults(String strategy, @TempDir Path tmp) {
        Cli r = Cli.run("search", "--strategy", strategy, "--space", "demo", "--max-trials", "2", "--epochs", "1",
                "--no-final", "--out", tmp.resolve("exp").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("trial 1 "), r::toString);
    }
}
