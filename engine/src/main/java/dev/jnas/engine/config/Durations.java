package dev.jnas.engine.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses budget durations such as {@code 90s}, {@code 20m}, {@code 1h30m}, {@code 500ms}; null or blank means none. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private Durations() {
    }

    /** The duration of {@code text}, or null for null/blank; a bad text is a {@link ConfigException} on {@code field}. */
    public static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(t);
        Duration d = Duration.ZERO;
        int at = 0;
        while (m.lookingAt()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
            at = m.end();
            m.region(at, t.length());
        }
        if (at != t.length() || at == 0 || d.isZero()) {
            throw new ConfigException(field, "bad duration '" + text + "': expected e.g. 90s, 20m, 1h30m, 500ms");
        }
        return d;
    }
}
