package io.cacifo.devstack.stack;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads timeouts written the way of-watchdog reads them (Go's time.ParseDuration): "55s", "500ms",
 * "1m30s", "2h"; a bare whole number counts as seconds, as of-watchdog does for exec_timeout.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+");

    private DurationText() {
    }

    /** Throws {@link IllegalArgumentException} naming the text when it is not a duration. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a duration (like 55s or 500ms): '" + text + "'");
        }
        double nanos = 0;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            nanos += Double.parseDouble(part.group(1)) * nanosPerUnit(part.group(2));
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static double nanosPerUnit(String unit) {
        switch (unit) {
            case "ns":
                return 1;
            case "us":
            case "µs":
                return 1e3;
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "m":
                return 60e9;
            default:
                return 3600e9;
        }
    }
}
