package dev.jnas.cli;

import dev.jnas.tensor.Parallel;
import dev.jnas.tensor.Simd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code nas version}: the project version, the JDK, the Vector API species the kernels use (and
 * whether SIMD is on), and the kernel threads and cores. {@link Provider} serves {@code nas --version}.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the project version, JDK, Vector API species and threads.")
public final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The project version from the build (filtered resource), or "unknown" outside a build. */
    public static String projectVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The lines {@code nas version} prints. */
    public static String[] lines() {
        return new String[] {
            "jnas " + projectVersion(),
            "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + " (" + System.getProperty("java.vendor") + ")",
            "Vector API: " + Simd.SPECIES + ", " + Simd.LANES + " float lanes, SIMD " + (Simd.enabled() ? "on" : "off"),
            "threads: " + Parallel.threads() + " kernel threads, " + Runtime.getRuntime().availableProcessors()
                    + " available processors",
            "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        };
    }

    @Override
    public Integer call() {
        for (String l : lines()) {
            spec.commandLine().getOut().println(l);
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    /** {@code nas --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines();
        }
    }
}
