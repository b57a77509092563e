package io.cacifo.screen;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.http.Reach;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One code typed on a screen: refused at once while the screen is locked out, checked for shape,
 * handed to the controller, and its answer turned into what the screen shows, in the screen's
 * language ({@link ScreenText}). Wrong codes are counted per screen in {@link ScreenThrottle}. The
 * code itself is never logged or put in a message.
 *
 * <p>The caller names its screen, and screen-io is unsigned, so the throttle only holds because the
 * set of screens is fixed ({@link ScreenIds}): a guesser who invents a new screen id for every five
 * codes is refused before anything is counted or asked, instead of starting a fresh count.
 *
 * <p>Fail closed: a code is counted as a wrong one before the controller is asked and given back
 * only when the controller's answer shows it is a real parcel's code ({@link ScreenThrottle}), so a
 * crash, a timeout or a database error never leaves a guess uncounted. A real code is one that
 * opened a door (its own, or the one the locker gave the parcel instead of a jammed one), whose
 * door is open already ({@code door_busy}), whose door is jammed ({@code door_jammed}), or whose
 * parcel is past its deadline or not in the locker yet ({@code pickup_expired},
 * {@code deposit_expired}, {@code not_arrived}): each of those names a parcel, so it is no guess.
 *
 * <p>Until every function a code needs has answered since screen-io started ({@link LockerStartup}),
 * a code is answered 503 {@code starting} without being counted or passed on: nothing about it is
 * checked, so it gives a guesser nothing (SECURITY.md).
 *
 * <p>One code per screen is checked at a time (a person types one code after another): without that,
 * a guesser sending codes in parallel would have every one of them checked before the fifth wrong
 * one is counted, and would get dozens of guesses per lockout instead of five. The turns live in
 * this JVM; faasd runs one screen-io.
 */
final class CodeEntry {
    private static final Logger LOG = Logger.getLogger(CodeEntry.class.getName());
    private static final Pattern CODE = Pattern.compile("[0-9]{4,32}");
    private static final Pattern SUPPORT_PHONE = Pattern.compile("\\+?[0-9(][0-9 ().-]{1,30}[0-9]");
    static final Pattern SCREEN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String DEFAULT_SCREEN = "main";

    private final ScreenIds screens;
    private final ScreenThrottle throttle;
    private final GatewayClient gateway;
    private final LockerStartup startup;
    private final Duration controllerTimeout;
    /** The number a person at a jammed door is told to call; empty: the screen names none. */
    private final Optional<String> supportPhone;
    /** One per screen of the fixed set, so the map never grows. */
    private final Map<String, ReentrantLock> turns;

    CodeEntry(ScreenIds screens, ScreenThrottle throttle, GatewayClient gateway, LockerStartup startup,
              Duration controllerTimeout, Optional<String> supportPhone) {
        this.screens = screens;
        this.throttle = throttle;
        this.gateway = gateway;
        this.startup = startup;
        this.controllerTimeout = controllerTimeout;
        this.supportPhone = supportPhone;
        Map<String, ReentrantLock> turns = new HashMap<>();
        for (String id : screens.ids()) {
            // Fair: codes from one screen are checked in the order they came.
            turns.put(id, new ReentrantLock(true));
        }
        this.turns = Map.copyOf(turns);
    }

    /**
     * Failure behaviour: a malformed body throws {@link ApiException} 400; the locker still starting
     * is a 503 {@code starting} reply, nothing counted or asked; the database unreachable
     * throws {@link SQLException} before the controller is called; the controller unreachable, or an
     * answer of it that cannot be read, throws {@link ApiException} 503 {@code upstream_unavailable}
     * (the code stays counted). Every other outcome is a screen reply.
     */
    Reply enter(Body body, ScreenText text) throws SQLException {
        String screenId = screens.require(screenId(body));
        if (!startup.started()) {
            return ScreenReplies.starting(text);
        }
        ReentrantLock turn = turns.get(screenId);
        try {
            // A code waits at most as long as the one before it may take.
            if (!turn.tryLock(controllerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return ScreenReplies.unavailable(text, 503, "screen_busy", "another code from this screen is still being checked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScreenReplies.unavailable(text, 503, "screen_busy", "interrupted while waiting for this screen's turn");
        }
        try {
            return enterInTurn(screenId, body, text);
        } finally {
            turn.unlock();
        }
    }

    private Reply enterInTurn(String screenId, Body body, ScreenText text) throws SQLException {
        // Read before anything is counted: a body without a code is a broken request, not a guess.
        Optional<String> code = code(body);
        Admission admission = throttle.admit(screenId);
        if (admission.lockedFor().isPresent()) {
            return ScreenReplies.lockedOut(text, admission.lockedFor().get());
        }
        if (code.isEmpty()) {
            return wrongCode(screenId, text, ScreenReplies.invalid(text, 400, "invalid_code", "a code is 4 to 32 digits"));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("code", code.get());
        request.put("screen_id", screenId);
        // From here the code counts as a wrong one unless the answer shows it opened a door.
        // Not idempotent (a second enter could open a door again or hear door_busy): sent again only
        // when it never reached the controller.
        return answer(screenId, text, admission.attempt(), gateway.call("controller", "enter", request, controllerTimeout));
    }

    /**
     * An answer that cannot be read (a success naming no door, a jammed door not named) is 503
     * upstream_unavailable, and the code stays counted.
     */
    private Reply answer(String screenId, ScreenText text, ScreenThrottle.Attempt attempt, GatewayReply answer) {
        int status = answer.status();
        String error = answer.error();
        if (answer.isSuccess()) {
            long door = answer.fields().id("door_id");
            Optional<Long> replaced = answer.fields().optionalId("replaced_door_id");
            giveBack(screenId, attempt);
            return replaced.isPresent() ? ScreenReplies.replaced(text, door, replaced.get()) : ScreenReplies.open(text, door);
        }
        if ((status == 404 || status == 400) && "invalid_code".equals(error)) {
            return wrongCode(screenId, text, ScreenReplies.invalid(text, status, error, answer.message("the code opens nothing")));
        }
        if (status == 409 && "door_busy".equals(error)) {
            // The code is a real one; its door is open already.
            Long door = answer.fields().optionalId("door_id").orElse(null);
            giveBack(screenId, attempt);
            return ScreenReplies.busy(text, door, answer.message("the door is already open"));
        }
        if (status == 409 && ScreenReplies.isParcelRefusal(error)) {
            // The code is a real one: its parcel is past its deadline or not in the locker yet.
            giveBack(screenId, attempt);
            return ScreenReplies.parcelRefused(text, error, answer.message("the parcel's code cannot be used now"));
        }
        if (status == 503 && "door_jammed".equals(error)) {
            // The code is a real one; its door did not open and no other was given.
            long door = answer.fields().id("door_id");
            giveBack(screenId, attempt);
            LOG.warning("[screen-io] screen " + screenId + ": door " + door + " is jammed; the screen sends the person to support");
            return ScreenReplies.jammed(text, door, supportPhone, answer.message("the door did not open"));
        }
        // Anything else leaves the code counted (fail closed): nobody can tell whether it was a good one.
        if (status == 401 || status == 403 || status == 404 || status == 405) {
            // Not the code's fault: a function missing behind the gateway or keys that do not match
            // is the locker's own fault, so the customer is told to come back, not that the code is wrong.
            LOG.severe("[screen-io] screen " + screenId + ": the controller call was refused with HTTP " + status
                    + " " + error + "; check the deployment and the internal-hmac-key secret");
            return ScreenReplies.unavailable(text, 503, error, answer.message("the locker could not handle the code"));
        }
        if (status >= 400 && status < 500) {
            return ScreenReplies.invalid(text, status, error, answer.message("the locker refused the code"));
        }
        if (answer.reach() != Reach.RAN) {
            // faasd's own reply: the controller is starting, dead or cut off, which is "unavailable".
            LOG.warning("[screen-io] screen " + screenId + ": the controller did not answer; faasd answered HTTP " + status);
            return ScreenReplies.unavailable(text, 503, "upstream_unavailable", "the controller is starting or unavailable");
        }
        LOG.warning("[screen-io] screen " + screenId + ": the controller answered HTTP " + status + " " + error);
        return ScreenReplies.unavailable(text, 503, status >= 500 ? error : "upstream_unavailable",
                answer.message("the locker could not handle the code"));
    }

    /** The wrong code is counted already; the reply becomes the lockout when this code started one (or one is running). */
    private Reply wrongCode(String screenId, ScreenText text, Reply reply) {
        Optional<Duration> lockout;
        try {
            lockout = throttle.lockIfDue(screenId);
        } catch (SQLException e) {
            // The code stays counted; the next entry starts the lockout if this one was due.
            LOG.log(Level.WARNING, "[screen-io] screen " + screenId + ": could not check for a lockout", e);
            return reply;
        }
        if (lockout.isPresent()) {
            LOG.info("[screen-io] screen " + screenId + ": locked out for "
                    + ScreenReplies.secondsRoundedUp(lockout.get()) + " s after repeated wrong codes");
            return ScreenReplies.lockedOut(text, lockout.get());
        }
        return reply;
    }

    /** The code was a real one either way; a failed give-back only leaves one code too many counted, so it is logged. */
    private void giveBack(String screenId, ScreenThrottle.Attempt attempt) {
        try {
            throttle.giveBack(screenId, attempt);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "[screen-io] screen " + screenId + ": could not un-count a code that opened a door", e);
        }
    }

    /**
     * The {@code support_phone} setting: empty when unset; what the screen shows must look like a
     * phone number, so anything else fails screen-io's start (IllegalStateException).
     */
    static Optional<String> supportPhone(String setting) {
        String phone = setting.strip();
        if (phone.isEmpty()) {
            return Optional.empty();
        }
        if (!SUPPORT_PHONE.matcher(phone).matches()) {
            throw new IllegalStateException("setting '" + ScreenSettings.SUPPORT_PHONE.key()
                    + "' must be a phone number: digits, spaces and + ( ) . - only, 3 to 32 characters");
        }
        return Optional.of(phone);
    }

    private static String screenId(Body body) {
        String screenId = body.optionalText("screen_id", 64).orElse(DEFAULT_SCREEN);
        if (!SCREEN_ID.matcher(screenId).matches()) {
            throw ApiException.badRequest("invalid_field", "'screen_id' may hold letters, digits and . _ - only");
        }
        return screenId;
    }

    /** The code when it is 4 to 32 digits; empty for anything else typed, which counts as a wrong code. */
    private static Optional<String> code(Body body) {
        if (!body.has("code")) {
            throw ApiException.badRequest("missing_field", "'code' is required");
        }
        try {
            return body.optionalText("code", 64).filter(code -> CODE.matcher(code).matches());
        } catch (ApiException notText) {
            return Optional.empty();
        }
    }
}
