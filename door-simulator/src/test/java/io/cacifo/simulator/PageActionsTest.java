package io.cacifo.simulator;

import org.junit.jupiter.api.AfterEach;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a person does at the locker through the page: close a door, put a parcel in or take it out,
 * type a code. Each is a same-origin JSON request; a form or a request from another site's page
 * changes nothing.
 */
class PageActionsTest {
    @TempDir
    Path secrets;
    private FakeGateway gateway;
    private RunningSimulator simulator;

    @BeforeEach
    void start() {
        gateway = new FakeGateway();
        gateway.answer("screen-io", call -> Reply.json(200, "{\"display\":\"Porta 4 aberta\"}"));
        simulator = RunningSimulator.start(secrets, Map.of("gateway_url", gateway.url()));
    }

    @AfterEach
    void stop() {
        simulator.close();
        gateway.close();
    }

    @Test
    void the_page_closes_an_open_door_and_wakes_door_io_s_wait() throws Exception {
        simulator.post("/board/doors/4/open");
        CompletableFuture<HttpReply> wait = simulator.postLater("/board/doors/4/wait-closed?timeout_ms=60000");

        HttpReply closed = simulator.sendWith("POST", "/ui/doors/4/close", sameOrigin(), "{}");

        assertEquals(200, closed.status, closed.toString());
        assertEquals("{\"door\":4,\"open\":false}", closed.body);
        assertEquals("{\"door\":4,\"closed\":true}", wait.get(10, TimeUnit.SECONDS).body);
    }

    @Test
    void a_parcel_goes_in_and_out_only_while_the_door_is_open() {
        HttpReply whileClosed = simulator.post("/ui/doors/2/occupied", "{\"occupied\":true}");
        assertEquals(409, whileClosed.status, whileClosed.toString());
        assertEquals("door_closed", whileClosed.text("error"));
        assertFalse(simulator.get("/board/doors/2").flag("occupied"));

        simulator.post("/board/doors/2/open");
        HttpReply putIn = simulator.post("/ui/doors/2/occupied", "{\"occupied\":true}");
        assertEquals(200, putIn.status, putIn.toString());
        assertEquals("{\"door\":2,\"open\":true,\"occupied\":true}", putIn.body);
        simulator.post("/ui/doors/2/close");
        assertTrue(simulator.get("/board/doors/2").flag("occupied"), "the parcel stays in the closed door");

        HttpReply takeOutWhileClosed = simulator.post("/ui/doors/2/occupied", "{\"occupied\":false}");
        assertEquals(409, takeOutWhileClosed.status, takeOutWhileClosed.toString());
        assertTrue(simulator.get("/board/doors/2").flag("occupied"));

        simulator.post("/board/doors/2/open");
        HttpReply takenOut = simulator.post("/ui/doors/2/occupied", "{\"occupied\":false}");
        assertEquals(200, takenOut.status, takenOut.toString());
        assertFalse(simulator.get("/board/doors/2").flag("occupied"));
    }

    /** The headers a browser sends with a fetch from the simulator's own page. */
    private Map<String, String> sameOrigin() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Origin", simulator.origin());
        headers.put("Sec-Fetch-Site", "same-origin");
        return headers;
    }

    static List<CrossSite> crossSiteRequests() {
        List<CrossSite> cases = new ArrayList<>();
        String[][] actions = {
                {"close door 4", "/ui/doors/4/close", "{}", "door=4"},
                {"take the parcel out of door 4", "/ui/doors/4/occupied", "{\"occupied\":false}", "occupied=false"},
                {"type a code", "/ui/code", "{\"code\":\"12345678\"}", "code=12345678"},
                {"jam door 4", "/ui/doors/4/jammed", "{\"jammed\":true}", "jammed=true"}};
        for (String[] action : actions) {
            cases.add(new CrossSite("form post to " + action[0], action[1], 415, "unsupported_media_type",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), action[3]));
            cases.add(new CrossSite("text/plain post to " + action[0], action[1], 415, "unsupported_media_type",
                    Map.of("Content-Type", "text/plain"), action[2]));
            cases.add(new CrossSite("multipart form to " + action[0], action[1], 415, "unsupported_media_type",
                    Map.of("Content-Type", "multipart/form-data; boundary=x"), "--x\r\n\r\n" + action[2] + "\r\n--x--"));
            cases.add(new CrossSite("post without a content type to " + action[0], action[1], 415, "unsupported_media_type",
                    Map.of(), action[2]));
            cases.add(new CrossSite("JSON from another origin to " + action[0], action[1], 403, "cross_origin",
                    Map.of("Content-Type", "application/json", "Origin", "http://evil.example"), action[2]));
            cases.add(new CrossSite("JSON from another port of this host to " + action[0], action[1], 403, "cross_origin",
                    Map.of("Content-Type", "application/json", "Origin", "http://127.0.0.1:1"), action[2]));
            cases.add(new CrossSite("JSON from an opaque origin to " + action[0], action[1], 403, "cross_origin",
                    Map.of("Content-Type", "application/json", "Origin", "null"), action[2]));
            cases.add(new CrossSite("JSON a browser marks cross-site to " + action[0], action[1], 403, "cross_origin",
                    Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"), action[2]));
            cases.add(new CrossSite("JSON a browser marks same-site to " + action[0], action[1], 403, "cross_origin",
                    Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "same-site"), action[2]));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossSiteRequests")
    void a_form_or_another_site_s_request_is_refused_and_changes_nothing(CrossSite request) {
        simulator.post("/board/doors/4/open");
        simulator.post("/ui/doors/4/occupied", "{\"occupied\":true}");
        String before = simulator.get("/board/doors").body;

        HttpReply reply = simulator.sendWith("POST", request.path, request.headers, request.body);

        assertEquals(request.status, reply.status, reply.toString());
        assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        assertEquals(request.error, reply.text("error"), reply.toString());
        assertFalse(reply.text("message").isBlank(), reply.toString());
        assertEquals(before, simulator.get("/board/doors").body, "a refused request changed a door");
        assertTrue(gateway.callsTo("screen-io").isEmpty(), "a refused code reached screen-io: " + gateway.calls());
    }

    @Test
    void a_same_origin_json_request_from_the_page_types_a_code() {
        HttpReply reply = simulator.sendWith("POST", "/ui/code", sameOrigin(), "{\"code\":\"12345678\"}");

        assertEquals(200, reply.status, reply.toString());
        assertEquals(1, gateway.callsTo("screen-io").size(), gateway.calls().toString());
    }

    @Test
    void another_site_s_cors_preflight_is_never_granted() {
        HttpReply preflight = simulator.sendWith("OPTIONS", "/ui/doors/4/close", Map.of("Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), "");

        assertEquals(405, preflight.status, preflight.toString());
        assertEquals("method_not_allowed", preflight.text("error"));
        assertTrue(preflight.raw.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), preflight.raw.headers().toString());
    }

    static final class CrossSite {
        final String name;
        final String path;
        final int status;
        final String error;
        final Map<String, String> headers;
        final String body;

        CrossSite(String name, String path, int status, String error, Map<String, String> headers, String body) {
            this.name = name;
            this.path = path;
            this.status = status;
            this.error = error;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
