package io.cacifo.screen;

import io.cacifo.kit.http.Reply;
import io.cacifo.screen.ScreenText.Message;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the screen shows, one factory per outcome, in the screen's language ({@link ScreenText}).
 * Failures keep the kit's {@code error} and {@code message} (English, for logs and tools) and add
 * {@code display} (the text on the screen) and {@code state} (what the screen's page does with it).
 */
final class ScreenReplies {
    /**
     * The controller's 409s for a real parcel's code that cannot be used now (docs/api.md): the
     * screen says why, in its own words, and the code is not a wrong guess.
     */
    private static final Map<String, Refusal> PARCEL_REFUSALS = Map.of(
            "pickup_expired", new Refusal(Message.PICKUP_EXPIRED, "EXPIRED"),
            "not_arrived", new Refusal(Message.NOT_ARRIVED, "NOT_ARRIVED"),
            "deposit_expired", new Refusal(Message.DEPOSIT_EXPIRED, "EXPIRED"));

    private ScreenReplies() {
    }

    static Reply open(ScreenText text, long doorId) {
        return Reply.ok(openBody(text.say(Message.DOOR_OPEN, Map.of("door", doorId)), doorId));
    }

    /** The parcel's door did not open, so the locker gave it another: the person is sent there. */
    static Reply replaced(ScreenText text, long doorId, long replacedDoorId) {
        Map<String, Object> body = openBody(text.say(Message.DOOR_REPLACED,
                Map.of("door", replacedDoorId, "new_door", doorId)), doorId);
        body.put("replaced_door_id", replacedDoorId);
        return Reply.ok(body);
    }

    /** A code that opens nothing, a malformed one, or any other refusal the person can act on. */
    static Reply invalid(ScreenText text, int status, String error, String message) {
        return failure(status, error, message, text.say(Message.CODE_INVALID), "INVALID");
    }

    static Reply busy(ScreenText text, Long doorId, String message) {
        String display = doorId == null ? text.say(Message.DOOR_BUSY_UNNAMED) : text.say(Message.DOOR_BUSY, Map.of("door", doorId));
        return failure(409, "door_busy", message, display, "BUSY");
    }

    /** Whether {@code error} is one of the controller's 409s for a real parcel's code ({@link #parcelRefused}). */
    static boolean isParcelRefusal(String error) {
        return error != null && PARCEL_REFUSALS.containsKey(error);
    }

    /** pickup_expired, not_arrived or deposit_expired: the code is a real one, but nothing opens for it now. */
    static Reply parcelRefused(ScreenText text, String error, String message) {
        Refusal refusal = PARCEL_REFUSALS.get(error);
        return failure(409, error, message, text.say(refusal.message), refusal.state);
    }

    /** The parcel's door did not open and no other can be given: the person is sent to support. */
    static Reply jammed(ScreenText text, long doorId, Optional<String> supportPhone, String message) {
        String display = supportPhone.isPresent()
                ? text.say(Message.DOOR_JAMMED_PHONE, Map.of("door", doorId, "phone", supportPhone.get()))
                : text.say(Message.DOOR_JAMMED, Map.of("door", doorId));
        Map<String, Object> body = failureBody("door_jammed", message, display, "JAMMED");
        body.put("door_id", doorId);
        return Reply.of(503, body);
    }

    static Reply lockedOut(ScreenText text, Duration left) {
        long seconds = secondsRoundedUp(left);
        return failure(429, "locked_out", "too many wrong codes on this screen; try again in " + seconds + " s",
                text.say(Message.LOCKED_OUT, Map.of("seconds", seconds)), "LOCKED");
    }

    /** {@code status}: whether codes are taken yet, and what the idle screen shows; nothing else. */
    static Reply status(ScreenText text, boolean started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", started);
        body.put("display", text.say(started ? Message.IDLE : Message.STARTING));
        return Reply.ok(body);
    }

    /** A code typed before every function it needs has answered ({@link LockerStartup}): not passed on. */
    static Reply starting(ScreenText text) {
        return failure(503, "starting", "the locker is starting; try again in a few seconds", text.say(Message.STARTING), "STARTING");
    }

    /** A dependency is down (503) or we failed (500): the person can only try again later. */
    static Reply unavailable(ScreenText text, int status, String error, String message) {
        return failure(status, error, message, text.say(Message.UNAVAILABLE), "UNAVAILABLE");
    }

    /** Any failure the kit maps ({@code Replies.failure}): the caller's mistake or ours, in the screen's language. */
    static Reply failed(ScreenText text, int status, String error, String message) {
        return status < 500 ? invalid(text, status, error, message) : unavailable(text, status, error, message);
    }

    /** The router's failures, before the screen's language is known (a body it cannot read): the default language. */
    static Reply failed(int status, String error, String message) {
        return failed(ScreenText.DEFAULT, status, error, message);
    }

    static long secondsRoundedUp(Duration left) {
        long millis = Math.max(0, left.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    private static Map<String, Object> openBody(String display, long doorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("display", display);
        body.put("state", "OPEN");
        body.put("door_id", doorId);
        return body;
    }

    private static Reply failure(int status, String error, String message, String display, String state) {
        return Reply.of(status, failureBody(error, message, display, state));
    }

    private static Map<String, Object> failureBody(String error, String message, String display, String state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("display", display);
        body.put("state", state);
        return body;
    }

    private static final class Refusal {
        final Message message;
        final String state;

        Refusal(Message message, String state) {
            this.message = message;
            this.state = state;
        }
    }
}
