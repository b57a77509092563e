package io.cacifo.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed call is a 4xx JSON error that names the problem, echoes nothing raw and changes no door. */
class BadInputTest {
    @TempDir
    static Path secrets;
    private static RunningSimulator board;

    @BeforeAll
    static void start() {
        board = RunningSimulator.start(secrets, Map.of());
    }

    @AfterAll
    static void stop() {
        board.close();
    }

    static List<Case> cases() {
        String huge = "{\"occupied\":true,\"pad\":\"" + "x".repeat(70_000) + "\"}";
        return List.of(
                new Case("door number zero", "POST", "/board/doors/0/open", "", 400, "invalid_door"),
                new Case("door number past 9999", "POST", "/board/doors/10000/open", "", 400, "invalid_door"),
                new Case("negative door number", "POST", "/board/doors/-1/open", "", 400, "invalid_door"),
                new Case("door number with a leading zero", "POST", "/board/doors/01/open", "", 400, "invalid_door"),
                new Case("door number with a fraction", "POST", "/board/doors/1.5/open", "", 400, "invalid_door"),
                new Case("door number as a word", "GET", "/board/doors/four", "", 400, "invalid_door"),
                new Case("door number %-encoded", "POST", "/board/doors/%31/open", "", 400, "invalid_door"),
                new Case("markup as a door number", "POST", "/board/doors/%3Cscript%3Ealert(1)%3C%2Fscript%3E/open", "", 400, "invalid_door"),
                new Case("door number past int range", "POST", "/ui/doors/99999999999999999999/close", "", 400, "invalid_door"),
                new Case("empty door number", "POST", "/board/doors//open", "", 400, "invalid_door"),
                new Case("huge timeout", "POST", "/board/doors/1/wait-closed?timeout_ms=120001", "", 400, "invalid_query"),
                new Case("timeout past long range", "POST", "/board/doors/1/wait-closed?timeout_ms=99999999999999999999", "", 400, "invalid_query"),
                new Case("negative timeout", "POST", "/board/doors/1/wait-closed?timeout_ms=-5", "", 400, "invalid_query"),
                new Case("timeout as a word", "POST", "/board/doors/1/wait-closed?timeout_ms=soon", "", 400, "invalid_query"),
                new Case("timeout with a fraction", "POST", "/board/doors/1/wait-closed?timeout_ms=1.5", "", 400, "invalid_query"),
                new Case("timeout given twice", "POST", "/board/doors/1/wait-closed?timeout_ms=1&timeout_ms=2", "", 400, "invalid_query"),
                new Case("empty timeout", "POST", "/board/doors/1/wait-closed?timeout_ms=", "", 400, "invalid_query"),
                new Case("occupied body not JSON", "POST", "/ui/doors/1/occupied", "{occupied:", 400, "malformed_json"),
                new Case("occupied body lenient JSON", "POST", "/ui/doors/1/occupied", "{occupied:true}", 400, "malformed_json"),
                new Case("occupied body with trailing junk", "POST", "/ui/doors/1/occupied", "{\"occupied\":true} x", 400, "malformed_json"),
                new Case("occupied body an array", "POST", "/ui/doors/1/occupied", "[true]", 400, "malformed_json"),
                new Case("occupied as text", "POST", "/ui/doors/1/occupied", "{\"occupied\":\"yes\"}", 400, "invalid_field"),
                new Case("occupied missing", "POST", "/ui/doors/1/occupied", "{}", 400, "missing_field"),
                new Case("jammed missing", "POST", "/ui/doors/1/jammed", "{}", 400, "missing_field"),
                new Case("jammed as text", "POST", "/ui/doors/1/jammed", "{\"jammed\":\"yes\"}", 400, "invalid_field"),
                new Case("jam an unknown door", "POST", "/ui/doors/42/jammed", "{\"jammed\":true}", 404, "not_found"),
                new Case("open with signal as text", "POST", "/board/doors/1/open", "{\"signal\":\"yes\"}", 400, "invalid_field"),
                new Case("open body not JSON", "POST", "/board/doors/1/open", "signal", 400, "malformed_json"),
                new Case("oversized body", "POST", "/ui/doors/1/occupied", huge, 413, "payload_too_large"),
                new Case("legacy body not JSON", "POST", "/api", "open door 1", 400, "malformed_json"),
                new Case("legacy body lenient JSON", "POST", "/api", "{mid:201,data:{door:1}}", 400, "malformed_json"),
                new Case("legacy empty body", "POST", "/api", "", 400, "missing_field"),
                new Case("legacy unknown mid", "POST", "/api", "{\"mid\":999,\"data\":{\"door\":1}}", 400, "unknown_mid"),
                new Case("legacy mid as text", "POST", "/api", "{\"mid\":\"201\",\"data\":{\"door\":1}}", 400, "invalid_field"),
                new Case("legacy without data", "POST", "/api", "{\"mid\":201}", 400, "missing_field"),
                new Case("legacy data not an object", "POST", "/api", "{\"mid\":201,\"data\":1}", 400, "invalid_field"),
                new Case("legacy door as text", "POST", "/api", "{\"mid\":201,\"data\":{\"door\":\"1\"}}", 400, "invalid_field"),
                new Case("legacy door zero", "POST", "/api", "{\"mid\":201,\"data\":{\"door\":0}}", 400, "invalid_field"),
                new Case("legacy door with a fraction", "POST", "/api", "{\"mid\":201,\"data\":{\"door\":1.5}}", 400, "invalid_field"),
                new Case("legacy unknown door", "POST", "/api", "{\"mid\":201,\"data\":{\"door\":42}}", 404, "not_found"),
                new Case("open with GET", "GET", "/board/doors/1/open", "", 405, "method_not_allowed"),
                new Case("status with DELETE", "DELETE", "/board/doors/1", "", 405, "method_not_allowed"),
                new Case("unknown path", "GET", "/board/windows/1", "", 404, "not_found"),
                new Case("code with GET", "GET", "/ui/code", "", 405, "method_not_allowed"),
                new Case("page close of door zero", "POST", "/ui/doors/0/close", "{}", 400, "invalid_door"),
                new Case("page close of a door as a word", "POST", "/ui/doors/four/close", "{}", 400, "invalid_door"),
                new Case("page close of an unknown door", "POST", "/ui/doors/42/close", "{}", 404, "not_found"),
                new Case("page parcel in an unknown door", "POST", "/ui/doors/42/occupied", "{\"occupied\":true}", 404, "not_found"),
                new Case("page parcel in a closed door", "POST", "/ui/doors/1/occupied", "{\"occupied\":true}", 409, "door_closed"),
                new Case("page close with GET", "GET", "/ui/doors/1/close", "", 405, "method_not_allowed"),
                new Case("the removed board close", "POST", "/board/doors/1/close", "", 404, "not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_bad_call_is_a_json_error_and_changes_no_door(Case bad) {
        String before = board.get("/board/doors").body;

        HttpReply reply = board.send(bad.method, bad.path, "application/json", bad.body);

        assertEquals(bad.status, reply.status, reply.toString());
        assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        assertEquals(bad.error, reply.text("error"), reply.toString());
        assertFalse(reply.text("message").isBlank(), reply.toString());
        assertFalse(reply.body.contains("<") || reply.body.contains("script") || reply.body.contains("Exception"),
                "the reply echoes input or internals: " + reply);
        if (bad.path.equals("/api")) {
            assertEquals(1, reply.json().get("resp").getAsInt(), "legacy failures keep resp 1: " + reply);
        }
        assertEquals(before, board.get("/board/doors").body, "a bad call changed the board");
    }

    static final class Case {
        final String name;
        final String method;
        final String path;
        final String body;
        final int status;
        final String error;

        Case(String name, String method, String path, String body, int status, String error) {
            this.name = name;
            this.method = method;
            this.path = path;
            this.body = body;
            this.status = status;
            this.error = error;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
