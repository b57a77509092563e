package io.cacifo.simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keypad's code goes to screen-io through the gateway, and screen-io's answer comes back unchanged. */
class CodeForwardingTest {
    @TempDir
    Path secrets;
    private FakeGateway gateway;
    private RunningSimulator simulator;

    @BeforeEach
    void start() {
        gateway = new FakeGateway();
        simulator = RunningSimulator.start(secrets, Map.of("gateway_url", gateway.url()));
    }

    @AfterEach
    void stop() {
        simulator.close();
        gateway.close();
    }

    @Test
    void a_typed_code_goes_to_screen_io_enter_with_the_simulator_screen_id() {
        String screenReply = "{\"display\":\"Porta 4 aberta\",\"state\":\"OPEN\",\"door_id\":4}";
        gateway.answer("screen-io", call -> Reply.json(200, screenReply));

        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"12345678\"}");

        assertEquals(200, reply.status, reply.toString());
        assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        assertEquals(screenReply, reply.body);
        List<Request> calls = gateway.callsTo("screen-io");
        assertEquals(1, calls.size(), gateway.calls().toString());
        Request call = calls.get(0);
        assertEquals("POST", call.method);
        assertEquals("action=enter", call.query);
        assertTrue(call.headers.get("Content-Type").startsWith("application/json"), call.headers.toString());
        JsonObject forwarded = JsonParser.parseString(call.body).getAsJsonObject();
        assertEquals("12345678", forwarded.get("code").getAsString());
        assertEquals("simulator", forwarded.get("screen_id").getAsString());
        assertEquals(2, forwarded.size(), call.body);
    }

    @ParameterizedTest(name = "lang {0}")
    @CsvSource({"pt", "en"})
    void the_screens_language_goes_to_screen_io_with_the_code(String lang) {
        gateway.answer("screen-io", call -> Reply.json(200, "{\"display\":\"Door 4 is open\",\"state\":\"OPEN\",\"door_id\":4}"));

        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"12345678\",\"lang\":\"" + lang + "\"}");

        assertEquals(200, reply.status, reply.toString());
        JsonObject forwarded = JsonParser.parseString(gateway.callsTo("screen-io").get(0).body).getAsJsonObject();
        assertEquals(lang, forwarded.get("lang").getAsString());
        assertEquals("simulator", forwarded.get("screen_id").getAsString());
        assertEquals(3, forwarded.size(), forwarded.toString());
    }

    @ParameterizedTest(name = "lang {0}")
    @CsvSource(delimiter = '|', value = {"\"fr\"", "\"EN\"", "\"\"", "7", "[\"en\"]"})
    void a_language_screen_io_does_not_have_is_refused_without_calling_the_gateway(String lang) {
        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"12345678\",\"lang\":" + lang + "}");

        assertEquals(400, reply.status, reply.toString());
        assertEquals("invalid_field", reply.text("error"), reply.toString());
        assertTrue(gateway.calls().isEmpty(), "the gateway was called: " + gateway.calls());
    }

    @Test
    void with_the_gateway_down_the_screen_says_unavailable_in_its_own_language() {
        gateway.close();

        assertEquals("Locker temporarily unavailable",
                simulator.post("/ui/code", "{\"code\":\"12345678\",\"lang\":\"en\"}").text("display"));
        assertEquals("Cacifo temporariamente indisponível",
                simulator.post("/ui/code", "{\"code\":\"12345678\",\"lang\":\"pt\"}").text("display"));
    }

    @Test
    void a_code_with_quotes_and_markup_is_forwarded_as_valid_json() {
        gateway.answer("screen-io", call -> Reply.json(400,
                "{\"error\":\"invalid_code\",\"message\":\"codes are digits\",\"display\":\"Código inválido\"}"));

        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"1\\\"2<b>\"}");

        assertEquals(400, reply.status, reply.toString());
        JsonObject forwarded = JsonParser.parseString(gateway.callsTo("screen-io").get(0).body).getAsJsonObject();
        assertEquals("1\"2<b>", forwarded.get("code").getAsString());
    }

    @ParameterizedTest(name = "screen-io {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "404 | invalid_code | Código inválido",
            "409 | door_busy    | A porta 4 já está aberta",
            "429 | locked_out   | 'Demasiadas tentativas, tente de novo dentro de 30 s'",
            "503 | db_unavailable | Cacifo temporariamente indisponível"})
    void a_screen_io_refusal_reaches_the_page_with_its_status_and_display(int status, String error, String display) {
        String body = "{\"error\":\"" + error + "\",\"message\":\"refused\",\"display\":\"" + display + "\"}";
        gateway.answer("screen-io", call -> Reply.json(status, body));

        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"99999999\"}");

        assertEquals(status, reply.status, reply.toString());
        assertEquals(body, reply.body);
        assertEquals(display, reply.text("display"));
    }

    @Test
    void a_gateway_that_answers_without_json_is_locker_temporarily_unavailable() {
        gateway.answer("screen-io", call -> Reply.of(502, "text/plain", "Bad Gateway"));

        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"12345678\"}");

        assertEquals(503, reply.status, reply.toString());
        assertEquals("upstream_unavailable", reply.text("error"));
        assertEquals("Cacifo temporariamente indisponível", reply.text("display"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.cacifo.simulator.ScreenStatusTest#faasdReplies")
    void a_faasd_reply_instead_of_screen_io_is_locker_temporarily_unavailable_never_the_gateway_text(String name, Reply faasd) {
        gateway.answer("screen-io", call -> faasd);

        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"12345678\"}");

        assertEquals(503, reply.status, reply.toString());
        assertEquals("upstream_unavailable", reply.text("error"), reply.toString());
        assertEquals("Cacifo temporariamente indisponível", reply.text("display"), reply.toString());
        assertFalse(reply.body.contains("No endpoints") || reply.body.contains("Can't reach"),
                "a gateway's text reached the page: " + reply);
    }

    @Test
    void a_gateway_that_is_down_is_locker_temporarily_unavailable() {
        gateway.close();

        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"12345678\"}");

        assertEquals(503, reply.status, reply.toString());
        assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        assertEquals("upstream_unavailable", reply.text("error"));
        assertTrue(reply.json().has("message"), reply.toString());
        assertEquals("Cacifo temporariamente indisponível", reply.text("display"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON          | application/json | 1234              | 400 | malformed_json",
            "lenient JSON      | application/json | {code:'1234'}     | 400 | malformed_json",
            "no code           | application/json | {}                | 400 | missing_field",
            "code as a number  | application/json | {\"code\":1234}   | 400 | invalid_field",
            "blank code        | application/json | {\"code\":\"  \"} | 400 | invalid_field",
            "form post         | application/x-www-form-urlencoded | code=1234 | 415 | unsupported_media_type"})
    void a_bad_code_request_is_refused_without_calling_the_gateway(String name, String contentType, String body,
                                                                    int status, String error) {
        HttpReply reply = simulator.send("POST", "/ui/code", contentType, body);

        assertEquals(status, reply.status, reply.toString());
        assertEquals(error, reply.text("error"), reply.toString());
        assertTrue(gateway.calls().isEmpty(), "the gateway was called: " + gateway.calls());
    }

    @Test
    void an_overlong_code_is_refused_without_calling_the_gateway() {
        HttpReply reply = simulator.post("/ui/code", "{\"code\":\"" + "1".repeat(65) + "\"}");

        assertEquals(400, reply.status, reply.toString());
        assertEquals("invalid_field", reply.text("error"));
        assertTrue(gateway.calls().isEmpty(), "the gateway was called: " + gateway.calls());
    }
}
