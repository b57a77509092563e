package io.cacifo.screen;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the screen says, in the language it asked for ({@code lang}: {@code pt}, the default, or
 * {@code en}): one catalogue, {@code messages_pt.properties} and {@code messages_en.properties}
 * beside this class (UTF-8, as ResourceBundle reads properties since Java 9). Placeholders are
 * named ({@code {door}}), so a translation may put them in any order, and an apostrophe is plain
 * text (no MessageFormat quoting).
 */
final class ScreenText {
    /** The screen's languages; the first is the default. */
    static final List<String> LANGUAGES = List.of("pt", "en");
    static final String BUNDLE = "io.cacifo.screen.messages";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");
    private static final Map<String, ScreenText> BY_LANGUAGE = load();
    static final ScreenText DEFAULT = BY_LANGUAGE.get(LANGUAGES.get(0));

    /** Every text the screen shows: its catalogue key. */
    enum Message {
        CODE_INVALID("code.invalid"),
        DOOR_OPEN("door.open"),
        DOOR_REPLACED("door.replaced"),
        DOOR_BUSY("door.busy"),
        DOOR_BUSY_UNNAMED("door.busy.unnamed"),
        DOOR_JAMMED("door.jammed"),
        DOOR_JAMMED_PHONE("door.jammed.phone"),
        PICKUP_EXPIRED("parcel.pickup_expired"),
        NOT_ARRIVED("parcel.not_arrived"),
        DEPOSIT_EXPIRED("parcel.deposit_expired"),
        LOCKED_OUT("screen.locked_out"),
        IDLE("locker.idle"),
        STARTING("locker.starting"),
        UNAVAILABLE("locker.unavailable");

        final String key;

        Message(String key) {
            this.key = key;
        }
    }

    private final String language;
    private final ResourceBundle bundle;

    private ScreenText(String language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    /** The language the screen asked for in {@code lang}; absent is the default, anything else 400 invalid_field. */
    static ScreenText of(Body body) {
        if (!body.has("lang")) {
            return DEFAULT;
        }
        ScreenText text = BY_LANGUAGE.get(body.optionalText("lang", 8).orElseThrow());
        if (text == null) {
            throw ApiException.badRequest("invalid_field", "'lang' is one of " + String.join(", ", LANGUAGES));
        }
        return text;
    }

    static ScreenText in(String language) {
        ScreenText text = BY_LANGUAGE.get(language);
        if (text == null) {
            throw new IllegalArgumentException("no screen language " + language);
        }
        return text;
    }

    String language() {
        return language;
    }

    /** The message with each {@code {name}} replaced by {@code values.get(name)}; a placeholder without a value is a bug. */
    String say(Message message, Map<String, ?> values) {
        Matcher placeholder = PLACEHOLDER.matcher(bundle.getString(message.key));
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException(language + " " + message.key + " needs {" + placeholder.group(1) + "}");
            }
            placeholder.appendReplacement(text, Matcher.quoteReplacement(value.toString()));
        }
        placeholder.appendTail(text);
        return text.toString();
    }

    String say(Message message) {
        return say(message, Map.of());
    }

    /** The keys of this language's catalogue (for the test that keeps the languages alike). */
    Set<String> keys() {
        return bundle.keySet();
    }

    /** The placeholder names of one key, in order. */
    Set<String> placeholders(String key) {
        Set<String> names = new LinkedHashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(bundle.getString(key));
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    /** Both catalogues at class load: a missing one is a broken build and fails screen-io's start. */
    private static Map<String, ScreenText> load() {
        Map<String, ScreenText> texts = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            try {
                // No fallback: a missing messages_en must not quietly become the JVM locale's or the root's.
                ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language),
                        ScreenText.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
                if (!bundle.getLocale().getLanguage().equals(language)) {
                    throw new IllegalStateException("the screen's " + language + " catalogue is missing from the jar");
                }
                texts.put(language, new ScreenText(language, bundle));
            } catch (MissingResourceException e) {
                throw new IllegalStateException("the screen's " + language + " catalogue is missing from the jar", e);
            }
        }
        return Map.copyOf(texts);
    }
}
