package io.cacifo.kit.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a program's settings come from: the environment on faasd, a map in tests. Each setting is
 * declared once as a {@link Setting} with its default and read through the typed readers here,
 * which throw {@link IllegalStateException} naming the setting for a value they cannot use, so a
 * mistake fails start-up instead of falling back. Secrets never come through here ({@link Secrets}).
 */
public interface Config {

    /** The value set for {@code key}, if any; blank counts as unset. */
    Optional<String> find(String key);

    /** The set value (stripped), else the default; throws when neither exists. */
    default String get(Setting setting) {
        return find(setting.key()).map(String::strip).or(setting::defaultValue)
                .orElseThrow(() -> new IllegalStateException("setting '" + setting.key() + "' is not set and has no default"));
    }

    /** {@link #get} as a whole number of at least {@code min}. */
    default int getInt(Setting setting, int min) {
        return (int) number(setting, "a whole number", min, Integer.MAX_VALUE);
    }

    /** {@link #get} as a whole number from {@code min} to {@code max}. */
    default int getInt(Setting setting, int min, int max) {
        return (int) number(setting, "a whole number", min, max);
    }

    /** {@link #get} as a whole number of milliseconds, at least {@code minMillis}. */
    default Duration millis(Setting setting, long minMillis) {
        return Duration.ofMillis(number(setting, "a whole number of milliseconds", minMillis, Long.MAX_VALUE));
    }

    /** {@link #get} as an http or https URL with a host. */
    default URI url(Setting setting) {
        String raw = get(setting);
        URI url;
        try {
            url = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting '" + setting.key() + "' is not a URL: '" + raw + "'", e);
        }
        if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalStateException("setting '" + setting.key() + "' must be an http(s) URL with a host, got '" + raw + "'");
        }
        return url;
    }

    private long number(Setting setting, String what, long min, long max) {
        String raw = get(setting);
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting '" + setting.key() + "' must be " + what + ", got '" + raw + "'", e);
        }
        boolean unbounded = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
        if (value < min && unbounded) {
            throw new IllegalStateException("setting '" + setting.key() + "' must be at least " + min + ", got " + value);
        }
        if (value < min || value > max) {
            throw new IllegalStateException("setting '" + setting.key() + "' must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /**
     * This config, refusing to read a setting not among {@code declared}: a program started with
     * its declaration ({@link Reads}) cannot read what it does not declare, so the declaration that
     * stack.yaml is checked against cannot drift from the code.
     */
    default Config limitedTo(Collection<Setting> declared) {
        Set<String> keys = declared.stream().map(Setting::key).collect(Collectors.toUnmodifiableSet());
        return key -> {
            if (!keys.contains(key)) {
                throw new IllegalStateException("setting '" + key + "' is read but not declared: add it to the"
                        + " function's settings class");
            }
            return find(key);
        };
    }

    static Config environment() {
        return of(System.getenv());
    }

    static Config of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).filter(value -> !value.isBlank());
    }
}
