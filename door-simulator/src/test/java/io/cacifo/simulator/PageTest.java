package io.cacifo.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The locker page is served from the jar with the right content types and needs nothing from elsewhere. */
class PageTest {
    @TempDir
    static Path secrets;
    private static RunningSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = RunningSimulator.start(secrets, Map.of());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/,               text/html; charset=utf-8",
            "/page/app.js,    text/javascript; charset=utf-8",
            "/page/style.css, text/css; charset=utf-8"})
    void each_page_file_is_served_with_its_content_type_and_no_outside_address(String path, String contentType) {
        HttpReply reply = simulator.get(path);

        assertEquals(200, reply.status, reply.toString());
        assertEquals(contentType, reply.contentType);
        assertEquals("nosniff", reply.raw.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(reply.raw.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertFalse(reply.body.isBlank());
        assertFalse(reply.body.contains("http://") || reply.body.contains("https://") || reply.body.contains("//cdn"),
                path + " refers to another origin");
    }

    @Test
    void the_page_has_the_ids_a_browser_test_drives() {
        String html = simulator.get("/").body;

        for (String part : new String[]{"id=\"display\"", "id=\"entry\"", "id=\"doors\"", "id=\"keypad\"",
                "data-key=\"0\"", "data-key=\"9\"", "data-key=\"clear\"", "data-key=\"enter\"",
                "id=\"lang\"", "data-lang=\"pt\"", "data-lang=\"en\"",
                "src=\"/page/app.js\"", "href=\"/page/style.css\""}) {
            assertTrue(html.contains(part), "the page lacks " + part);
        }
    }

    @Test
    void a_path_beside_the_page_files_is_not_served() {
        for (String path : new String[]{"/page/", "/page/../pom.xml", "/page/index.html", "/io/cacifo/simulator/page/app.js"}) {
            HttpReply reply = simulator.get(path);
            assertEquals(404, reply.status, path + ": " + reply);
            assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        }
    }

    @Test
    void the_ui_state_lists_every_door_in_layout_order() {
        simulator.post("/board/doors/3/open");

        HttpReply state = simulator.get("/ui/state");

        assertEquals(200, state.status, state.toString());
        assertTrue(state.contentType.startsWith("application/json"), state.toString());
        assertEquals(6, state.json().getAsJsonArray("doors").size(), state.toString());
        assertEquals("{\"id\":3,\"size\":\"MEDIUM\",\"open\":true,\"occupied\":false,\"state\":\"UNKNOWN\",\"jammed\":false,\"signals\":0}",
                state.json().getAsJsonArray("doors").get(2).toString());
        simulator.post("/ui/doors/3/close");
    }

    @Test
    void the_page_acts_only_through_its_own_json_routes_never_the_board_api() {
        String script = simulator.get("/page/app.js").body;

        assertFalse(script.contains("/board/") || script.contains("'/api"), "the page calls the board API, which only door-io may");
        assertTrue(script.contains("'/ui/doors/'") && script.contains("'/ui/code'"), "the page's actions are the /ui routes");
        assertTrue(script.contains("'/jammed'") && script.contains("'/ui/status?lang='"), "the jammed box and the screen's language");
        assertTrue(script.contains("'Content-Type': 'application/json'"), "the page's actions are JSON requests");
    }
}
