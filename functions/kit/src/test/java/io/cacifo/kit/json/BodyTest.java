package io.cacifo.kit.json;

import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyTest {
    enum Size { SMALL, LARGE }

    static final class Sample {
        final long doorId = 4;
        final Instant usedAt = Instant.parse("2026-11-26T12:00:00Z");
        final String nothing = null;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"id\": \"7\"}                | invalid_field",
            "{\"id\": 7.5}                  | invalid_field",
            "{\"id\": 0}                    | invalid_field",
            "{\"id\": -3}                   | invalid_field",
            "{\"id\": 9007199254740992}     | invalid_field",
            "{\"id\": 1e400}                | invalid_field",
            "{\"id\": true}                 | invalid_field",
            "{\"id\": [1]}                  | invalid_field",
            "{}                             | missing_field",
            "{\"id\": null}                 | missing_field",
            "[]                             | malformed_json",
            "\"id\"                         | malformed_json",
            "{\"id\": 1                     | malformed_json",
            "{id: 1}                        | malformed_json",
            "{'id': 1}                      | malformed_json",
            "{\"id\": 1} // comment         | malformed_json",
            "{\"id\": 1} {\"id\": 2}         | malformed_json",
            "{\"id\": NaN}                  | malformed_json",
    })
    void an_id_must_be_a_positive_json_integer(String json, String error) {
        ApiException refused = assertThrows(ApiException.class, () -> Body.parse(json).id("id"));

        assertEquals(400, refused.status());
        assertEquals(error, refused.error(), refused.getMessage());
    }

    @Test
    void deeply_nested_brackets_are_bad_input_not_a_crash() {
        assertEquals("malformed_json", assertThrows(ApiException.class,
                () -> Body.parse("[".repeat(60_000))).error());
    }

    @Test
    void a_good_id_is_read_exactly() {
        assertEquals(9007199254740991L, Body.parse("{\"id\": 9007199254740991}").id("id"));
        assertEquals(12L, Body.parse("{\"id\": 12.0}").id("id"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\": 5}                  | invalid_field",
            "{\"name\": \"   \"}            | invalid_field",
            "{\"name\": \"abcdefghijk\"}    | invalid_field",
            "{\"name\": \"tab\\there\"}     | invalid_field",
            "{\"name\": {}}                 | invalid_field",
    })
    void text_must_be_a_short_clean_string(String json, String error) {
        ApiException refused = assertThrows(ApiException.class, () -> Body.parse(json).text("name", 10));

        assertEquals(error, refused.error(), refused.getMessage());
        assertTrue(refused.getMessage().contains("'name'"), "the message names the field");
    }

    @Test
    void text_is_trimmed_and_counted_in_characters_not_bytes() {
        assertEquals("çãõ", Body.parse("{\"name\": \"  çãõ \"}").text("name", 3));
    }

    @Test
    void a_choice_is_read_in_any_case_and_anything_else_is_refused() {
        assertEquals(Size.LARGE, Body.parse("{\"size\": \"large\"}").choice("size", Size.class));
        assertEquals("invalid_field", assertThrows(ApiException.class,
                () -> Body.parse("{\"size\": \"HUGE\"}").choice("size", Size.class)).error());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"open\": true}     | true",
            "{\"open\": false}    | false",
    })
    void a_required_flag_is_read_as_json_true_or_false(String json, boolean open) {
        assertEquals(open, Body.parse(json).flag("open"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                  | missing_field",
            "{\"open\": null}     | missing_field",
            "{\"open\": \"true\"} | invalid_field",
            "{\"open\": 1}        | invalid_field",
    })
    void a_required_flag_that_is_missing_or_not_a_boolean_is_refused(String json, String error) {
        ApiException refused = assertThrows(ApiException.class, () -> Body.parse(json).flag("open"));

        assertEquals(400, refused.status());
        assertEquals(error, refused.error(), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}",
            "{\"door_id\": \"4\"}",
            "{\"door_id\": 0}",
            "[4]",
            "Bad Gateway",
    })
    void a_reply_that_cannot_be_read_is_the_upstream_s_fault_not_the_caller_s(String json) {
        ApiException refused = assertThrows(ApiException.class, () -> Body.ofReply(json).id("door_id"));

        assertEquals(503, refused.status(), refused.getMessage());
        assertEquals("upstream_unavailable", refused.error());
        assertTrue(refused.getMessage().startsWith("a reply could not be read"), refused.getMessage());
    }

    @Test
    void a_reply_is_read_as_strictly_as_a_request() {
        Body reply = Body.ofReply("{\"door_id\": 4, \"closed\": false, \"kind\": \"small\"}");

        assertEquals(4, reply.id("door_id"));
        assertEquals(false, reply.flag("closed"));
        assertEquals(Size.SMALL, reply.choice("kind", Size.class));
        assertEquals(false, Body.ofReply("").has("door_id"), "a blank reply has no fields");
    }

    @Test
    void a_blank_body_is_an_empty_object() {
        assertEquals(false, Body.parse("").has("anything"));
        assertEquals(false, Body.parse(null).has("anything"));
    }

    @Test
    void json_writes_snake_case_fields_and_iso_instants() {
        assertEquals("{\"door_id\":4,\"used_at\":\"2026-11-26T12:00:00Z\",\"nothing\":null}", Json.write(new Sample()));
        assertEquals("{\"a\":\"<b>\"}", Json.write(Map.of("a", "<b>")));
    }
}
