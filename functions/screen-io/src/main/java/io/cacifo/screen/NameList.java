package io.cacifo.screen;

import io.cacifo.kit.config.Setting;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** A setting that is a comma-separated list of names (screens, functions), read once at start. */
final class NameList {
    private NameList() {
    }

    /**
     * The names in {@code value}, in order, blanks and spaces around commas dropped. Throws
     * {@link IllegalStateException} naming {@code setting} for an empty list or a name not of {@code form}.
     */
    static Set<String> parse(Setting setting, String value, Pattern form, String what) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!form.matcher(trimmed).matches()) {
                throw new IllegalStateException("setting '" + setting.key() + "' holds '" + trimmed + "', which is not " + what);
            }
            names.add(trimmed);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("setting '" + setting.key() + "' names nothing");
        }
        return names;
    }
}
