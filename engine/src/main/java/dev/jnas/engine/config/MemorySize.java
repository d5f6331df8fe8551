package dev.jnas.engine.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses JVM heap sizes as {@code -Xmx} takes them: a whole number with an optional {@code k},
 * {@code m} or {@code g} suffix (bytes without one), e.g. {@code 512m}, {@code 2g}. At least
 * {@link #MIN_BYTES} (a JVM refuses to start with a smaller heap).
 */
public final class MemorySize {
    /** The smallest heap accepted: 8 MiB. */
    public static final long MIN_BYTES = 8L << 20;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)");

    private MemorySize() {
    }

    /** The size of {@code text} in bytes; a bad or too small size is a {@link ConfigException} on {@code field}. */
    public static long parse(String field, String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(field, "bad size '" + text + "': expected e.g. 512m, 2g, 65536k");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long bytes = n << shift;
        if ((bytes >> shift) != n || bytes < MIN_BYTES) {
            throw new ConfigException(field, "size '" + text + "' must be at least 8m and at most a few terabytes");
        }
        return bytes;
    }
}
