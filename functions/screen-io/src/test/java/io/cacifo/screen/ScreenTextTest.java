package io.cacifo.screen;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.screen.ScreenText.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The screen's one catalogue: both languages say every text the screen shows, with the same placeholders. */
class ScreenTextTest {
    private static final ScreenText PT = ScreenText.in("pt");
    private static final ScreenText EN = ScreenText.in("en");

    @Test
    void both_languages_have_exactly_the_keys_the_screen_uses() {
        Set<String> used = Stream.of(Message.values()).map(message -> message.key).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(used, new TreeSet<>(PT.keys()), "messages_pt.properties: missing or unused keys");
        assertEquals(used, new TreeSet<>(EN.keys()), "messages_en.properties: missing or unused keys");
    }

    @Test
    void each_key_has_the_same_placeholders_in_both_languages() {
        for (Message message : Message.values()) {
            assertEquals(new TreeSet<>(EN.placeholders(message.key)), new TreeSet<>(PT.placeholders(message.key)),
                    message.key + ": the placeholders differ between en and pt");
        }
    }

    @Test
    void every_text_is_filled_and_differs_between_the_languages() {
        Map<String, Object> values = Map.of("door", 4, "new_door", 7, "seconds", 30, "phone", "+351 210 000 000");
        for (Message message : Message.values()) {
            String pt = PT.say(message, values);
            String en = EN.say(message, values);
            assertFalse(pt.isBlank() || pt.contains("{"), message.key + " pt: " + pt);
            assertFalse(en.isBlank() || en.contains("{"), message.key + " en: " + en);
            assertFalse(pt.equals(en), message.key + " is not translated: " + pt);
        }
    }

    @Test
    void the_catalogue_is_read_as_utf_8_and_placeholders_go_where_each_language_puts_them() {
        assertEquals("Código inválido", PT.say(Message.CODE_INVALID));
        assertEquals("A porta 4 está avariada — use a porta 7", PT.say(Message.DOOR_REPLACED, Map.of("door", 4, "new_door", 7)));
        assertEquals("Door 4 is out of order — use door 7", EN.say(Message.DOOR_REPLACED, Map.of("door", 4, "new_door", 7)));
    }

    @Test
    void a_placeholder_without_a_value_is_a_bug_not_a_blank() {
        assertThrows(IllegalStateException.class, () -> EN.say(Message.DOOR_OPEN));
    }

    @Test
    void portuguese_is_the_default_and_lang_names_the_other() {
        assertEquals("pt", ScreenText.of(Body.parse("{}")).language());
        assertEquals("pt", ScreenText.of(Body.parse("{\"lang\": null}")).language());
        assertEquals("pt", ScreenText.of(Body.parse("{\"lang\": \"pt\"}")).language());
        assertEquals("en", ScreenText.of(Body.parse("{\"lang\": \"en\"}")).language());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"fr\"", "\"EN\"", "\"pt-BR\"", "\"\"", "7", "true", "[\"en\"]", "{\"code\": \"en\"}"})
    void any_other_lang_is_a_400_invalid_field(String lang) {
        ApiException refused = assertThrows(ApiException.class, () -> ScreenText.of(Body.parse("{\"lang\": " + lang + "}")));

        assertEquals(400, refused.status());
        assertEquals("invalid_field", refused.error());
        assertTrue(refused.getMessage().contains("lang"), refused.getMessage());
    }
}
