package dev.jnas.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where and how an experiment ran, written once to {@code provenance.json}: project version, JDK,
 * OS, CPU model and cores, the root seed and the start time.
 */
public record Provenance(String projectVersion, String javaVersion, String javaVendor, String os, String arch,
                         String cpuModel, int cores, long seed, String startTime) {

    /** The provenance of a run starting now on this machine. */
    public static Provenance capture(long seed) {
        return new Provenance(readProjectVersion(), System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                readCpuModel(), Runtime.getRuntime().availableProcessors(), seed, Instant.now().toString());
    }

    static String readProjectVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    private static String readCpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (Stream<String> lines = Files.lines(info)) {
                return lines.filter(l -> l.toLowerCase(Locale.ROOT).startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }
        return System.getProperty("os.arch");
    }
}
