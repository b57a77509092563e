package io.cacifo.kit.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting a program reads: its key and its default, or no default when it must be set. Each is
 * declared once, as a constant beside the code that reads it (the kit's in {@link KitSettings}, a
 * function's in its own settings class), and read through {@link Config}; the README's configuration
 * reference lists every one (deploy's ConfigReferenceTest compares them).
 */
public final class Setting {
    private final String key;
    private final String defaultValue;

    private Setting(String key, String defaultValue) {
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
    }

    public static Setting of(String key, String defaultValue) {
        return new Setting(key, Objects.requireNonNull(defaultValue));
    }

    /** A setting with no default: reading it unset throws {@link IllegalStateException} naming it. */
    public static Setting required(String key) {
        return new Setting(key, null);
    }

    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    @Override
    public String toString() {
        return key;
    }
}
