package io.cacifo.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.backend.ReceivedEvent;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;
import io.cacifo.kit.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jammed doors on the devstack: a door jammed on the simulator's board does not open; the locker
 * takes it out of service and tells the back-end; a courier's parcel goes to another door of the
 * same size (else larger) that opens instead; a customer's parcel behind a jammed door opens
 * nothing. The doors are the standard layout (1-4 SMALL, 5-8 MEDIUM, 9-10 LARGE, 11-12
 * EXTRA_LARGE) with the demo's arriving parcels in 1, 5 and 9; the tests run in order on one locker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JammedDoorTest {
    /** Events reach the stand-in on the follow-up's flush or the controller's timer (outbox_interval_ms, 5 s). */
    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static final Duration SOON = Duration.ofSeconds(10);
    /** screen-io's support_phone here: what a customer behind a jammed door is told to call. */
    private static final String SUPPORT_PHONE = "+351 800 000 000";
    private static DevStack stack;
    private static Locker locker;
    /** The parcel the first test deposits in door 3 after door 2 jammed; the third test picks it up. */
    private static Parcel storedInThree;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackSettings.forTests(Main.repoRoot(Path.of("").toAbsolutePath()))
                .withFunctionSettings(Map.of("support_phone", SUPPORT_PHONE)));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        locker = new Locker(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The simulator's API for the page's jam box. */
    private static void jam(int door) {
        HttpResponse<String> reply = locker.post(stack.simulatorUrl().resolve("/ui/doors/" + door + "/jammed"),
                "{\"jammed\":true}");
        assertEquals(200, reply.statusCode(), reply.body());
    }

    /** The doors standing open on the board, as the simulator's page shows them. */
    private static List<Integer> openDoors() {
        List<Integer> open = new ArrayList<>();
        HttpResponse<String> state = locker.get(stack.simulatorUrl().resolve("/ui/state"));
        for (JsonElement door : Json.parse(state.body()).getAsJsonObject().getAsJsonArray("doors")) {
            if (door.getAsJsonObject().get("open").getAsBoolean()) {
                open.add(door.getAsJsonObject().get("id").getAsInt());
            }
        }
        return open;
    }

    private static JsonObject door(int id) {
        return stack.gatewayClient().call("door-manager", "get", Map.of("id", id)).json();
    }

    private static String outOfService(int id) {
        JsonObject door = door(id);
        return door.get("state").getAsString() + " " + door.get("out_of_service_reason").getAsString();
    }

    /** The events about this parcel or its doors, in the order the stand-in got them, as "type door". */
    private static List<String> events(Parcel parcel, Integer... doors) {
        List<Integer> about = List.of(doors);
        return stack.backend().events().stream()
                .filter(event -> parcel.externalId.equals(payload(event).get("external_id") == null ? null
                        : payload(event).get("external_id").getAsString())
                        || ("door.fault".equals(event.type()) && about.contains(payload(event).get("door_id").getAsInt())))
                .map(event -> event.type() + " " + event.json().get("door_id").getAsInt())
                .collect(Collectors.toList());
    }

    private static JsonObject payload(ReceivedEvent event) {
        return event.json().getAsJsonObject("payload");
    }


    @Test
    @Order(1)
    void a_deposit_behind_a_jammed_door_goes_to_the_next_free_door_of_its_size_which_opens() throws Exception {
        Parcel parcel = locker.newParcel(2);
        jam(2);

        Screen screen = locker.enter(parcel.deposit, "simulator");

        assertEquals(200, screen.status, screen.toString());
        assertEquals(3, screen.body.get("door_id").getAsInt(), "door 1 holds a demo parcel, door 2 is jammed");
        assertEquals(2, screen.body.get("replaced_door_id").getAsInt());
        assertEquals("A porta 2 está avariada — use a porta 3", screen.display());
        assertEquals("0", locker.wrongCodes("simulator"), "a code that opened a door is not a wrong guess");
        assertEquals(List.of(3), openDoors(), "the new door opened, the jammed one did not");
        assertEquals("OUT_OF_SERVICE jammed", outOfService(2));
        assertEquals(3, locker.reservation(parcel.id).get("door_id").getAsInt());
        assertEquals("ARRIVING", locker.status(parcel.id));

        locker.closeDoor(3);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))), "stored in door 3");
        assertEquals("OCCUPIED", locker.doorState(3));
        assertEquals(3, locker.reservation(parcel.id).get("door_id").getAsInt());
        assertTrue(Locker.await(EVENTS, 50, () -> events(parcel, 2).size() >= 3), "events: " + events(parcel, 2));
        assertEquals(List.of("door.fault 2", "parcel.door_changed 3", "parcel.deposited 3"), events(parcel, 2));
        ReceivedEvent changed = stack.backend().events().stream().filter(event -> "parcel.door_changed".equals(event.type()))
                .findFirst().orElseThrow();
        assertEquals(2, payload(changed).get("from_door_id").getAsInt());
        assertEquals(3, payload(changed).get("to_door_id").getAsInt());
        assertEquals("jammed", payload(changed).get("reason").getAsString());
        assertEquals(0, stack.backend().duplicates());
        storedInThree = parcel;
    }

    @Test
    @Order(2)
    void with_no_free_door_of_its_size_the_parcel_goes_to_a_larger_one_and_the_answer_names_the_jammed_door() throws Exception {
        // SMALL doors now: 1 the demo's arriving parcel, 2 jammed, 3 stored; 4 gets this parcel and jams.
        Parcel parcel = locker.newParcel(4);
        jam(4);

        Screen screen = locker.enter(parcel.deposit, "simulator", "en");

        assertEquals(200, screen.status, screen.toString());
        assertEquals(6, screen.body.get("door_id").getAsInt(), "door 5 holds a demo parcel: the next MEDIUM is 6");
        assertEquals(4, screen.body.get("replaced_door_id").getAsInt());
        assertEquals("Door 4 is out of order — use door 6", screen.display());
        assertEquals(List.of(6), openDoors());
        assertEquals("OUT_OF_SERVICE jammed", outOfService(4));

        locker.closeDoor(6);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))), "stored in door 6");
        assertTrue(Locker.await(EVENTS, 50, () -> events(parcel, 4).size() >= 3), "events: " + events(parcel, 4));
        assertEquals(List.of("door.fault 4", "parcel.door_changed 6", "parcel.deposited 6"), events(parcel, 4));
    }

    @Test
    @Order(3)
    void a_pick_up_behind_a_jammed_door_is_503_door_jammed_and_nothing_opens() throws Exception {
        Parcel parcel = storedInThree;
        jam(3);

        Screen screen = locker.enter(parcel.pickup, "simulator");

        assertEquals(503, screen.status, screen.toString());
        assertEquals("door_jammed", screen.body.get("error").getAsString());
        assertEquals("JAMMED", screen.body.get("state").getAsString());
        assertEquals(3, screen.body.get("door_id").getAsInt());
        assertEquals("A porta 3 está avariada. Contacte o apoio ao cliente: " + SUPPORT_PHONE, screen.display());
        assertEquals("0", locker.wrongCodes("simulator"), "the customer's real code is given back");
        assertEquals(List.of(), openDoors());
        assertEquals("OUT_OF_SERVICE jammed", outOfService(3));
        assertEquals("IN_STORAGE", locker.status(parcel.id));
        assertEquals(3, locker.reservation(parcel.id).get("door_id").getAsInt(), "a stored parcel never moves");
        String operations = locker.scalar("SELECT GROUP_CONCAT(CONCAT(door_id, ':', code_kind, ':', state) ORDER BY id)"
                + " FROM door_operations WHERE reservation_id = " + parcel.id);
        assertTrue(operations.endsWith("3:PICKUP:FAILED"), operations);

        Screen again = locker.enter(parcel.pickup, "simulator", "en");
        assertEquals(503, again.status, again.toString());
        assertEquals("door_jammed", again.body.get("error").getAsString());
        assertEquals("Door 3 is out of order. Please call support: " + SUPPORT_PHONE, again.display());
        assertEquals(List.of(), openDoors());
        assertTrue(Locker.await(EVENTS, 50, () -> events(parcel, 3).contains("door.fault 3")), "events: " + events(parcel, 3));
        assertEquals(1, events(parcel, 3).stream().filter("door.fault 3"::equals).count(), "the same fault is told once");
        assertEquals("IN_STORAGE", locker.status(parcel.id));
    }

    @Test
    @Order(4)
    void with_no_free_door_of_that_size_or_larger_a_deposit_is_503_door_jammed_and_the_parcel_stays() throws Exception {
        Parcel parcel = locker.newParcel(11);
        locker.newParcel(12);
        jam(11);
        String before = locker.reservation(parcel.id).toString();

        Screen screen = locker.enter(parcel.deposit, "simulator");

        assertEquals(503, screen.status, screen.toString());
        assertEquals("door_jammed", screen.body.get("error").getAsString());
        assertEquals(List.of(), openDoors());
        assertEquals("OUT_OF_SERVICE jammed", outOfService(11));
        assertEquals(before, locker.reservation(parcel.id).toString(), "the parcel keeps its door, still ARRIVING");
        assertTrue(Locker.await(EVENTS, 50, () -> events(parcel, 11).contains("door.fault 11")), "events: " + events(parcel, 11));
        assertEquals(List.of("door.fault 11"), events(parcel, 11));
        assertEquals(0, stack.backend().duplicates());
    }
}
