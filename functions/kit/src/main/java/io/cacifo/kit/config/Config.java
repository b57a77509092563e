package io.cacifo.kit.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where a function's settings come from: the environment on faasd, a map in tests.
 * Every key and its default is listed in {@link Defaults}; secrets never come through here.
 */
public interface Config {

    /** The value set for {@code key}, if any; blank counts as unset. */
    Optional<String> find(String key);

    /** The set value, else the default; throws {@link IllegalStateException} when neither exists. */
    default String get(String key) {
        return find(key).or(() -> Optional.ofNullable(Defaults.VALUES.get(key)))
                .orElseThrow(() -> new IllegalStateException("setting '" + key + "' is not set and has no default"));
    }

    /** {@link #get} as a whole number; a value that is not one fails loudly instead of falling back. */
    default int getInt(String key) {
        String raw = get(key);
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting '" + key + "' must be a whole number, got '" + raw + "'", e);
        }
    }

    /** {@link #getInt}, refusing a value below {@code min} with {@link IllegalStateException} naming the setting. */
    default int getInt(String key, int min) {
        int value = getInt(key);
        if (value < min) {
            throw new IllegalStateException("setting '" + key + "' must be at least " + min + ", got " + value);
        }
        return value;
    }

    static Config environment() {
        return of(System.getenv());
    }

    static Config of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).filter(value -> !value.isBlank());
    }
}
