package io.cacifo.simulator;

import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's {@code GET /ui/status}: screen-io's {@code status} through the gateway, as the screen
 * shows it. Until screen-io first says ready the screen says the locker is starting; whatever comes
 * back that is not screen-io's status (faasd's own error replies, nothing at all) is shown as
 * starting before that and as temporarily unavailable after, never as the gateway's text.
 */
class ScreenStatusTest {
    static final String STARTING = "{\"ready\":false,\"display\":\"O cacifo está a iniciar\"}";
    static final String READY = "{\"ready\":true,\"display\":\"Introduza o seu código\"}";

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
    void the_status_is_screen_io_status_asked_unsigned_through_the_gateway() {
        gateway.answer("screen-io", call -> Reply.json(200, STARTING));

        HttpReply reply = simulator.get("/ui/status");

        assertEquals(200, reply.status, reply.toString());
        assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        assertEquals(STARTING, reply.body);
        List<Request> calls = gateway.callsTo("screen-io");
        assertEquals(1, calls.size(), gateway.calls().toString());
        Request call = calls.get(0);
        assertEquals("POST", call.method);
        assertEquals("action=status", call.query);
        assertEquals("{}", call.body);
        assertTrue(call.headers.keySet().stream().noneMatch(name -> name.toLowerCase().startsWith("x-signature")),
                "the screen holds no key: " + call.headers);
    }

    @ParameterizedTest(name = "lang {0}")
    @ValueSource(strings = {"pt", "en"})
    void the_pages_language_goes_to_screen_io_status(String lang) {
        gateway.answer("screen-io", call -> Reply.json(200, READY));

        HttpReply reply = simulator.get("/ui/status?lang=" + lang);

        assertEquals(READY, reply.body);
        assertEquals("{\"lang\":\"" + lang + "\"}", gateway.callsTo("screen-io").get(0).body);
    }

    @Test
    void without_screen_io_the_status_is_said_in_the_pages_language() {
        gateway.close();

        assertNotScreenIo(simulator.get("/ui/status?lang=en"), "Locker is starting");
        assertNotScreenIo(simulator.get("/ui/status?lang=pt"), "O cacifo está a iniciar");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lang=fr", "lang=", "lang=EN", "lang=pt&lang=en", "lang=%20en"})
    void a_language_screen_io_does_not_have_is_a_400_and_screen_io_is_not_asked(String query) {
        HttpReply reply = simulator.get("/ui/status?" + query);

        assertEquals(400, reply.status, reply.toString());
        assertTrue(reply.text("error").startsWith("invalid_"), reply.toString());
        assertTrue(gateway.calls().isEmpty(), "the gateway was called: " + gateway.calls());
    }

    @Test
    void the_screen_shows_starting_until_screen_io_says_ready_and_then_the_prompt() {
        gateway.answer("screen-io", call -> Reply.json(200, STARTING));
        assertEquals(STARTING, simulator.get("/ui/status").body);

        gateway.answer("screen-io", call -> Reply.json(200, READY));
        assertEquals(READY, simulator.get("/ui/status").body);
    }

    @Test
    void only_ready_and_display_are_passed_to_the_page() {
        gateway.answer("screen-io", call -> Reply.json(200, "{\"ready\":true,\"display\":\"Introduza o seu código\",\"extra\":1}"));

        assertEquals(READY, simulator.get("/ui/status").body);
    }

    /**
     * What faasd's parts answer when screen-io is not there: of-watchdog, faas-provider's proxy and
     * the gateway, as read from their source.
     */
    static Stream<Arguments> faasdReplies() {
        return Stream.of(
                Arguments.of("of-watchdog, JVM not listening", Reply.empty(500).with("X-OpenFaaS-Internal", "of-watchdog")),
                Arguments.of("gateway, provider unreachable", Reply.empty(502)),
                Arguments.of("provider, no task", Reply.of(503, "text/plain", "No endpoints available for: screen-io.")
                        .with("X-OpenFaaS-Internal", "proxy")),
                Arguments.of("provider, watchdog silent", Reply.of(500, "text/plain", "Can't reach service for: screen-io.")),
                Arguments.of("exec_timeout", Reply.empty(504)));
    }

    /** faasd's replies, and others that are not screen-io's status. */
    static Stream<Arguments> notScreenIo() {
        return Stream.concat(faasdReplies(), Stream.of(
                Arguments.of("200 without JSON", Reply.of(200, "text/plain", "OK")),
                Arguments.of("200 JSON that is no status", Reply.json(200, "{\"display\":\"Porta 4 aberta\"}")),
                Arguments.of("screen-io failing", Reply.json(500,
                        "{\"error\":\"internal\",\"message\":\"bug\",\"display\":\"Cacifo temporariamente indisponível\"}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notScreenIo")
    void before_the_first_ready_anything_but_screen_io_status_shows_starting(String name, Reply faasd) {
        gateway.answer("screen-io", call -> faasd);

        assertNotScreenIo(simulator.get("/ui/status"), "O cacifo está a iniciar");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notScreenIo")
    void after_the_first_ready_anything_but_screen_io_status_shows_temporarily_unavailable(String name, Reply faasd) {
        gateway.answer("screen-io", call -> Reply.json(200, READY));
        assertEquals(READY, simulator.get("/ui/status").body);
        gateway.answer("screen-io", call -> faasd);

        assertNotScreenIo(simulator.get("/ui/status"), "Cacifo temporariamente indisponível");
    }

    @Test
    void a_gateway_that_is_down_shows_starting_before_the_first_ready() {
        gateway.close();

        assertNotScreenIo(simulator.get("/ui/status"), "O cacifo está a iniciar");
    }

    @Test
    void a_gateway_that_went_down_after_the_first_ready_shows_temporarily_unavailable() {
        gateway.answer("screen-io", call -> Reply.json(200, READY));
        assertEquals(READY, simulator.get("/ui/status").body);
        gateway.close();

        assertNotScreenIo(simulator.get("/ui/status"), "Cacifo temporariamente indisponível");
    }

    @Test
    void a_screen_io_that_restarted_says_starting_again() {
        gateway.answer("screen-io", call -> Reply.json(200, READY));
        simulator.get("/ui/status");
        gateway.answer("screen-io", call -> Reply.json(200, STARTING));

        assertEquals(STARTING, simulator.get("/ui/status").body);
    }

    private static void assertNotScreenIo(HttpReply reply, String display) {
        assertEquals(503, reply.status, reply.toString());
        assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        assertEquals("upstream_unavailable", reply.text("error"), reply.toString());
        assertFalse(reply.flag("ready"), reply.toString());
        assertEquals(display, reply.text("display"), reply.toString());
        assertFalse(reply.body.contains("No endpoints") || reply.body.contains("Can't reach") || reply.body.contains("bug"),
                "a gateway's text reached the page: " + reply);
    }
}
