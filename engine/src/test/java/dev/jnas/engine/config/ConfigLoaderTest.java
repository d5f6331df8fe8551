package dev.jnas.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @Test
    void parse_emptyObject_givesDocumentedDefaults() {
        assertEquals(ExperimentConfig.defaults(), ConfigLoader.parse("{}", false));
        assertEquals(ExperimentConfig.defaults(), ConfigLoader.parse("", true));
    }

    @Test
    void load_yamlFile_overridesOnlyGivenFields(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, "dataset:\n  name: idx\n  dir: /data/mnist\nsearch:\n  strategy: random\n"
                + "  strategyParams:\n    maxAttempts: 50\nbudget:\n  maxTrials: 7\n  timeBudget: 20m\n");
        ExperimentConfig c = ConfigLoader.load(f);
        assertEquals("idx", c.dataset().name());
        assertEquals("/data/mnist", c.dataset().dir());
        assertEquals(0.1, c.dataset().validationFraction());
        assertEquals("random", c.search().strategy());
        assertEquals(50, c.search().strategyParams().get("maxAttempts"));
        assertEquals(7, c.budget().maxTrials());
        assertEquals(8, c.budget().epochsPerTrial());
        assertEquals(Duration.ofMinutes(20), Durations.parse("x", c.budget().timeBudget()));
    }

    @Test
    void toJson_roundTrip_equalConfig() {
        ExperimentConfig c = ConfigLoader.withOverrides(ExperimentConfig.defaults(),
                Map.of("budget.maxTrials", "3", "search.strategyParams.populationSize", "6"));
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"budget\": {\"maxTrails\": 3}}|budget.maxTrails|line 1",
            "{\"budget\": {\"maxTrials\": \"many\"}}|budget.maxTrials|line 1",
            "{\"bogus\": 1}|bogus|line 1",
            "{\"budget\": {\"maxTrials\": 0}}|budget.maxTrials|>= 1",
            "{\"dataset\": {\"name\": \"imagenet\"}}|dataset.name|digits",
            "{\"dataset\": {\"name\": \"idx\"}}|dataset.dir|required",
            "{\"objective\": {\"direction\": \"up\"}}|objective.direction|maximize",
            "{\"budget\": {\"timeBudget\": \"20 minutes\"}}|budget.timeBudget|bad duration",
            "{\"execution\": {\"workers\": -1}}|execution.workers|>= 0",
            "{\"dataset\": {\"validationFraction\": 1.5}}|dataset.validationFraction|(0, 1)",
            "{\"training\": {\"augmentShift\": -2}}|training.augmentShift|got -2",
            "{\"budget\": {\"finalists\": 0}}|budget.finalists|>= 1",
            "{\"budget\": {\"finalistFolds\": 1}}|budget.finalistFolds|>= 2",
            "{\"budget\": {\"finalistMetric\": \"val_loss\"}}|budget.finalistMetric|cv_loss",
            "{\"budget\": {\"finalists\": 3}, \"objective\": {\"metric\": \"params\"}}|budget.finalistMetric|'params'",
            "{\"execution\": {\"backend\": \"cluster\"}}|execution.backend|[threads, process]",
            "{\"execution\": {\"tellOrder\": \"random\"}}|execution.tellOrder|[trial, completion]",
            "{\"execution\": {\"inFlight\": -2}}|execution.inFlight|>= 0",
            "{\"execution\": {\"backend\": \"process\", \"trialMemory\": \"2 GB\"}}|execution.trialMemory|bad size",
            "{\"execution\": {\"backend\": \"process\", \"trialMemory\": \"4m\"}}|execution.trialMemory|at least 8m",
            "{\"execution\": {\"trialMemory\": \"512m\"}}|execution.trialMemory|only enforced by the process backend",
    })
    void parse_badField_configExceptionNamesPath(String json, String path, String fragment) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, false));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void load_yamlUnknownField_messageNamesFileFieldAndLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.yml");
        Files.writeString(f, "budget:\n  maxTrials: 5\n  epochs: 3\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertEquals("budget.epochs", e.path());
        assertTrue(e.getMessage().contains("bad.yml") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void parse_syntaxError_reportsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("{\n\"budget\": {,}\n}", false));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void withOverrides_unknownPath_rejectedNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.withOverrides(ExperimentConfig.defaults(), Map.of("budget.trials", "3")));
        assertEquals("budget.trials", e.path());
        ConfigException e2 = assertThrows(ConfigException.class,
                () -> ConfigLoader.withOverrides(ExperimentConfig.defaults(), Map.of("budget.maxTrials", "-2")));
        assertEquals("budget.maxTrials", e2.path());
    }

    @ParameterizedTest(name = "workers {0} kernel {1} cores {2} -> {3}x{4}")
    @CsvSource({"0,0,1,1,1", "0,0,2,2,1", "0,0,3,2,1", "0,0,4,2,2", "0,0,8,2,4", "0,0,16,4,4", "2,0,2,2,1", "3,0,16,3,5", "1,3,2,1,3"})
    void coreSplit_resolve_documentedRule(int w, int k, int cores, int ew, int ek) {
        assertEquals(new CoreSplit(ew, ek), CoreSplit.resolve(w, k, cores));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"90s,90000", "20m,1200000", "1h30m,5400000", "500ms,500"})
    void durations_parse_knownForms(String text, long millis) {
        assertEquals(millis, Durations.parse("f", text).toMillis());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8m,8388608", "512m,536870912", "2g,2147483648", "65536k,67108864", "16777216,16777216", "1G,1073741824"})
    void memorySize_parse_jvmForms(String text, long bytes) {
        assertEquals(bytes, MemorySize.parse("f", text));
    }

    @Test
    void execution_backendDefaults_threadsWithoutCapAndProcessWithOneGigabyte() {
        ExperimentConfig d = ConfigLoader.parse("{}", false);
        assertEquals("threads", d.execution().backend());
        assertEquals(null, d.execution().trialMemory());
        ExperimentConfig p = ConfigLoader.parse("execution:\n  backend: process\n", true);
        assertTrue(p.execution().processBackend());
        assertEquals("1g", p.execution().effectiveTrialMemory());
        ExperimentConfig capped = ConfigLoader.withOverrides(p, Map.of("execution.trialMemory", "64m"));
        assertEquals("64m", capped.execution().effectiveTrialMemory());
        assertEquals(capped, ConfigLoader.parse(ConfigLoader.toJson(capped), false));
    }
}
