package io.cacifo.e2e;

import com.google.gson.JsonObject;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.backend.ReceivedEvent;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parcel's pick-up deadline on the devstack: the back-end sets it, the controller's sync rounds
 * sweep it (reminder, expiry), the screen refuses an expired or early pick-up code, the courier's
 * back-up code returns an expired parcel to the sender, and the back-end hears every step once and
 * in order. Time is moved by setting deadlines, never by waiting for one; the sweep runs on every
 * round ({@code deadline_check_interval_ms} 1) and rounds are asked for with sync.
 */
class ParcelDeadlineTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    private static final String LONG_PAST = "2020-01-01T00:00:00Z";
    private static DevStack stack;
    private static Locker locker;
    private static final AtomicInteger nextDoor = new AtomicInteger();
    private static List<Integer> spareDoors;

    @BeforeAll
    static void start() {
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        stack = DevStack.start(DevStackSettings.forTests(root)
                .withFunctionSettings(Map.of("door_close_timeout_ms", "3000", "deadline_check_interval_ms", "1")));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        locker = new Locker(stack);
        spareDoors = locker.spareDoors();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Parcel newParcel() {
        return locker.newParcel(spareDoors.get(nextDoor.getAndIncrement()));
    }

    private static void deposit(Parcel parcel) {
        Screen opened = locker.enter(parcel.deposit, "main");
        assertEquals(200, opened.status, opened.toString());
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))), "stored");
    }

    /** The back-end's update of the parcel's deadline, signed with its key. */
    private static GatewayReply setDeadline(Parcel parcel, String expiresAt) {
        return stack.lockerClient().call("reservation-manager", "update",
                Json.write(Map.of("id", parcel.id, "expires_at", expiresAt)));
    }

    /** A deadline {@code minutes} from the database's now, as the back-end would write it. */
    private static String deadlineIn(int minutes) throws SQLException {
        return locker.scalar("SELECT DATE_FORMAT(UTC_TIMESTAMP(3) + INTERVAL " + minutes
                + " MINUTE, '%Y-%m-%dT%H:%i:%s.%fZ')");
    }

    /** cron-connector's call: no action, no signature; true when this call ran a round (not skipped for the timer's). */
    private static boolean syncRound() {
        HttpResponse<String> reply = locker.post(stack.gatewayUrl().resolve("/function/controller"), "");
        return reply.statusCode() == 200 && Json.parse(reply.body()).getAsJsonObject().get("synced").getAsBoolean();
    }

    /** Sync rounds until {@code condition} holds, at most 15 s. */
    private static boolean syncUntil(BooleanSupplier condition) {
        return Locker.await(SOON, 100, () -> {
            syncRound();
            return condition.getAsBoolean();
        });
    }

    private static List<String> eventTypes(Parcel parcel) {
        return events(parcel).stream().map(ReceivedEvent::type).collect(Collectors.toList());
    }

    private static List<ReceivedEvent> events(Parcel parcel) {
        return stack.backend().events().stream()
                .filter(event -> event.json().has("reservation_id") && !event.json().get("reservation_id").isJsonNull()
                        && event.json().get("reservation_id").getAsLong() == parcel.id)
                .collect(Collectors.toList());
    }

    private static JsonObject payload(Parcel parcel, String type) {
        return events(parcel).stream().filter(event -> type.equals(event.type())).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no " + type + " among " + eventTypes(parcel)))
                .json().getAsJsonObject("payload");
    }

    private static String operations(Parcel parcel) throws SQLException {
        return locker.scalar("SELECT COUNT(*) FROM door_operations WHERE reservation_id = " + parcel.id);
    }

    private static String error(Screen reply) {
        return reply.body.has("error") ? reply.body.get("error").getAsString() : null;
    }

    @Test
    void an_expired_parcel_refuses_its_pick_up_code_and_goes_back_to_the_sender_with_the_back_up_code()
            throws Exception {
        Parcel parcel = newParcel();
        deposit(parcel);

        GatewayReply moved = setDeadline(parcel, LONG_PAST);
        assertEquals(200, moved.status(), moved.body());
        assertTrue(syncUntil(() -> "EXPIRED".equals(locker.status(parcel.id))), "a sync round expires it");
        assertEquals("OCCUPIED", locker.doorState(parcel.door), "the parcel is still behind the door");

        String before = operations(parcel);
        String counted = locker.wrongCodes("main");
        Screen pickup = locker.enter(parcel.pickup, "main");
        assertEquals(409, pickup.status, pickup.toString());
        assertEquals("pickup_expired", error(pickup));
        assertEquals("EXPIRED", pickup.body.get("state").getAsString());
        assertEquals("O prazo de levantamento terminou; a encomenda volta ao remetente", pickup.display());
        Screen english = locker.enter(parcel.pickup, "main", "en");
        assertEquals("The pick-up time has ended; the parcel goes back to the sender", english.display());
        assertEquals(counted, locker.wrongCodes("main"), "a real parcel's code is not a wrong guess");
        assertFalse(locker.doorOpen(parcel.door), "no door opens for an expired pick-up code");
        assertEquals(before, operations(parcel), "nothing journaled");
        assertEquals("EXPIRED", locker.status(parcel.id));

        Screen backup = locker.enter(parcel.backup, "simulator");
        assertEquals(200, backup.status, backup.toString());
        assertTrue(locker.doorOpen(parcel.door), "the courier's back-up code opens the door");
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "RETURNED".equals(locker.status(parcel.id))), "returned");
        assertEquals("FREE", locker.doorState(parcel.door));

        List<String> expected = List.of("parcel.deposited", "parcel.deadline_extended", "parcel.expired", "parcel.returned");
        assertTrue(syncUntil(() -> eventTypes(parcel).size() >= expected.size()), "events: " + eventTypes(parcel));
        syncRound();
        assertEquals(expected, eventTypes(parcel), "every step once, in order");
        assertEquals("EXPIRED", payload(parcel, "parcel.returned").get("previous_status").getAsString());
        assertEquals("BACKUP", payload(parcel, "parcel.returned").get("kind").getAsString());
        assertEquals(LONG_PAST, payload(parcel, "parcel.expired").get("expires_at").getAsString());
    }

    @Test
    void a_reminder_is_sent_exactly_once_however_many_rounds_sweep() throws Exception {
        Parcel parcel = newParcel();
        deposit(parcel);

        assertEquals(200, setDeadline(parcel, deadlineIn(60)).status(), "within the default 24 h reminder window");
        assertTrue(syncUntil(() -> eventTypes(parcel).contains("parcel.pickup_reminder")), "events: " + eventTypes(parcel));
        AtomicInteger rounds = new AtomicInteger();
        assertTrue(Locker.await(SOON, 50, () -> (syncRound() ? rounds.incrementAndGet() : rounds.get()) >= 3),
                "three more rounds ran");

        assertEquals(List.of("parcel.deposited", "parcel.deadline_extended", "parcel.pickup_reminder"), eventTypes(parcel));
        assertEquals("IN_STORAGE", locker.status(parcel.id));
        assertEquals("1", locker.scalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = " + parcel.id
                + " AND type = 'parcel.pickup_reminder'"));
    }

    @Test
    void an_extended_deadline_puts_an_expired_parcel_back_and_its_pick_up_code_opens() throws Exception {
        Parcel parcel = newParcel();
        deposit(parcel);
        assertEquals(200, setDeadline(parcel, LONG_PAST).status());
        assertTrue(syncUntil(() -> "EXPIRED".equals(locker.status(parcel.id))));

        String deadline = deadlineIn(2 * 24 * 60);
        GatewayReply extended = setDeadline(parcel, deadline);

        assertEquals(200, extended.status(), extended.body());
        assertEquals("IN_STORAGE", extended.json().get("status").getAsString());
        Screen pickup = locker.enter(parcel.pickup, "main");
        assertEquals(200, pickup.status, pickup.toString());
        assertTrue(locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "DELIVERED".equals(locker.status(parcel.id))));

        List<String> expected = List.of("parcel.deposited", "parcel.deadline_extended", "parcel.expired",
                "parcel.deadline_extended", "parcel.delivered");
        assertTrue(syncUntil(() -> eventTypes(parcel).size() >= expected.size()), "events: " + eventTypes(parcel));
        assertEquals(expected, eventTypes(parcel));
        JsonObject back = events(parcel).get(3).json().getAsJsonObject("payload");
        assertEquals("IN_STORAGE", back.get("status").getAsString());
        assertEquals("EXPIRED", back.get("previous_status").getAsString());
        assertEquals(Instant.parse(deadline), Instant.parse(back.get("expires_at").getAsString()));
    }

    @Test
    void a_pick_up_code_before_the_parcel_arrived_opens_nothing_and_says_so() throws Exception {
        Parcel parcel = newParcel();

        String counted = locker.wrongCodes("simulator");
        Screen reply = locker.enter(parcel.pickup, "simulator");
        Screen english = locker.enter(parcel.pickup, "simulator", "en");

        assertEquals(409, reply.status, reply.toString());
        assertEquals("not_arrived", error(reply));
        assertEquals("NOT_ARRIVED", reply.body.get("state").getAsString());
        assertEquals("A sua encomenda ainda não está no cacifo", reply.display());
        assertEquals("Your parcel is not in the locker yet", english.display());
        assertEquals(counted, locker.wrongCodes("simulator"), "a real parcel's code is not a wrong guess");
        assertFalse(locker.doorOpen(parcel.door));
        assertEquals("ARRIVING", locker.status(parcel.id));
        assertEquals("0", operations(parcel));
    }

    @Test
    void a_deadline_that_cannot_apply_is_refused_and_changes_nothing() throws Exception {
        Parcel parcel = newParcel();
        deposit(parcel);
        Screen pickup = locker.enter(parcel.pickup, "main");
        assertEquals(200, pickup.status, pickup.toString());
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "DELIVERED".equals(locker.status(parcel.id))));
        JsonObject before = locker.reservation(parcel.id);
        String events = locker.scalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = " + parcel.id);

        GatewayReply delivered = setDeadline(parcel, deadlineIn(60));
        GatewayReply badFormat = setDeadline(parcel, "next tuesday");

        assertEquals(409, delivered.status(), delivered.body());
        assertEquals("invalid_transition", delivered.error());
        assertEquals(400, badFormat.status(), badFormat.body());
        assertEquals("invalid_field", badFormat.error());
        assertEquals(before, locker.reservation(parcel.id), "the parcel is as it was");
        assertEquals(events, locker.scalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = " + parcel.id),
                "no event written");

        Parcel stored = newParcel();
        deposit(stored);
        JsonObject storedBefore = locker.reservation(stored.id);
        GatewayReply wrong = setDeadline(stored, "2026-11-26 15:04:05");
        assertEquals(400, wrong.status(), wrong.body());
        assertEquals(storedBefore, locker.reservation(stored.id));
    }
}
