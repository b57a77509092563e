package io.cacifo.screen;

import io.cacifo.kit.http.Reply;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the screen shows, one factory per outcome. Failures keep the kit's {@code error} and
 * {@code message} and add {@code display} (the text on the screen) and {@code state} (what the
 * screen's page does with it).
 */
final class ScreenReplies {
    static final String INVALID_CODE = "Invalid code";
    static final String UNAVAILABLE = "Locker temporarily unavailable";
    static final String STARTING = "Locker is starting";
    /** The screen's prompt while it waits for a code. */
    static final String IDLE = "Enter your code";

    private ScreenReplies() {
    }

    static Reply open(long doorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("display", "Door " + doorId + " is open");
        body.put("state", "OPEN");
        body.put("door_id", doorId);
        return Reply.ok(body);
    }

    /** A code that opens nothing, a malformed one, or any other refusal the person can act on. */
    static Reply invalid(int status, String error, String message) {
        return failure(status, error, message, INVALID_CODE, "INVALID");
    }

    static Reply busy(Long doorId, String message) {
        String display = doorId == null ? "This door is already open" : "Door " + doorId + " is already open";
        return failure(409, "door_busy", message, display, "BUSY");
    }

    static Reply lockedOut(Duration left) {
        long seconds = secondsRoundedUp(left);
        return failure(429, "locked_out", "too many wrong codes on this screen; try again in " + seconds + " s",
                "Too many attempts, try again in " + seconds + " s", "LOCKED");
    }

    /** {@code status}: whether codes are taken yet, and what the idle screen shows; nothing else. */
    static Reply status(boolean started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", started);
        body.put("display", started ? IDLE : STARTING);
        return Reply.ok(body);
    }

    /** A code typed before every function it needs has answered ({@link LockerStartup}): not passed on. */
    static Reply starting() {
        return failure(503, "starting", "the locker is starting; try again in a few seconds", STARTING, "STARTING");
    }

    /** A dependency is down (503) or we failed (500): the person can only try again later. */
    static Reply unavailable(int status, String error, String message) {
        return failure(status, error, message, UNAVAILABLE, "UNAVAILABLE");
    }

    /** Any failure the router maps ({@code ActionRouter.Builder#failureReply}): the caller's mistake or ours. */
    static Reply failed(int status, String error, String message) {
        return status < 500 ? invalid(status, error, message) : unavailable(status, error, message);
    }

    static long secondsRoundedUp(Duration left) {
        long millis = Math.max(0, left.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    private static Reply failure(int status, String error, String message, String display, String state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("display", display);
        body.put("state", state);
        return Reply.of(status, body);
    }
}
