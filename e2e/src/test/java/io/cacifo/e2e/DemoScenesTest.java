package io.cacifo.e2e;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.devstack.demo.DemoScene;
import io.cacifo.devstack.demo.DemoScenes;
import io.cacifo.e2e.Locker.Screen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What bin/demo sets up beside its parcels, typed as a new user would from the printed summary: an
 * expired parcel (its pick-up code says the time has ended; its back-up code returns it to the
 * sender) and an arriving parcel behind a jammed door (its deposit code opens another door).
 * The first test sees the scenes as the summary leaves them; the others type their codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoScenesTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    private static DevStack stack;
    private static Locker locker;

    @BeforeAll
    static void start() {
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        stack = DevStack.start(DevStackSettings.forTests(root).withDemoScenes(true)
                .withFunctionSettings(Map.of("door_close_timeout_ms", "3000")));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        locker = new Locker(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static DemoParcel scene(String externalId) {
        return stack.demoScenes().stream().map(DemoScene::parcel).filter(parcel -> parcel.externalId().equals(externalId))
                .findFirst().orElseThrow(() -> new AssertionError("no demo scene " + externalId + ": " + stack.demoScenes()));
    }

    @Test
    @Order(1)
    void the_demo_sets_up_both_scenes_beside_its_three_parcels() {
        assertEquals(3, stack.demoParcels().size());
        assertEquals(List.of("DEMO-0004", "DEMO-0005"),
                stack.demoScenes().stream().map(scene -> scene.parcel().externalId()).collect(Collectors.toList()));
        // Past its deadline: stored until the next sweep (at most deadline_check_interval_ms), then expired.
        assertTrue(List.of("IN_STORAGE", "EXPIRED", "RETURNED").contains(locker.status(scene("DEMO-0004").reservationId())));
        assertEquals("ARRIVING", locker.status(scene("DEMO-0005").reservationId()));
    }

    @Test
    @Order(2)
    void the_expired_parcel_s_pick_up_code_says_so_and_its_back_up_code_returns_it_to_the_sender() {
        DemoParcel expired = scene("DEMO-0004");

        Screen customer = locker.enter(expired.pickupCode(), "main", "en");
        assertEquals(409, customer.status, customer.toString());
        assertEquals("pickup_expired", customer.body.get("error").getAsString());
        assertEquals("The pick-up time has ended; the parcel goes back to the sender", customer.display());
        assertFalse(locker.doorOpen(expired.door()), "nothing opens for an expired pick-up code");

        Screen courier = locker.enter(expired.backupCode(), "main", "en");
        assertEquals(200, courier.status, courier.toString());
        assertEquals(expired.door(), courier.body.get("door_id").getAsInt());
        assertTrue(locker.doorOpen(expired.door()));
        locker.closeDoor(expired.door());

        assertTrue(Locker.await(SOON, 20, () -> "RETURNED".equals(locker.status(expired.reservationId()))),
                "returned to the sender: " + locker.reservation(expired.reservationId()));
        assertEquals("FREE", locker.doorState(expired.door()));
        List<String> told = List.of("parcel.deposited", "parcel.deadline_extended", "parcel.expired", "parcel.returned");
        assertTrue(Locker.await(SOON, 20, () -> locker.eventTypes(expired.externalId()).size() >= told.size()),
                "events: " + locker.eventTypes(expired.externalId()));
        assertEquals(told, locker.eventTypes(expired.externalId()), "each step once, in order");
    }

    @Test
    @Order(3)
    void the_jammed_door_s_deposit_code_opens_the_next_free_door_of_its_size_instead() {
        DemoParcel arriving = scene("DEMO-0005");

        Screen courier = locker.enter(arriving.depositCode(), "main");

        assertEquals(200, courier.status, courier.toString());
        assertEquals(3, courier.body.get("door_id").getAsInt(), "door 1 holds DEMO-0001, door 2 is jammed");
        assertEquals(DemoScenes.JAMMED_DOOR, courier.body.get("replaced_door_id").getAsInt());
        assertEquals("A porta 2 está avariada — use a porta 3", courier.display());
        assertFalse(locker.doorOpen(DemoScenes.JAMMED_DOOR));
        assertEquals("OUT_OF_SERVICE", locker.doorState(DemoScenes.JAMMED_DOOR));
        locker.closeDoor(3);

        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(arriving.reservationId()))),
                "stored: " + locker.reservation(arriving.reservationId()));
        assertEquals(3, locker.reservation(arriving.reservationId()).get("door_id").getAsInt());
        assertTrue(Locker.await(SOON, 20, () -> locker.eventTypes(arriving.externalId()).size() >= 2),
                "events: " + locker.eventTypes(arriving.externalId()));
        assertEquals(List.of("parcel.door_changed", "parcel.deposited"), locker.eventTypes(arriving.externalId()));
        assertTrue(stack.backend().events().stream().anyMatch(event -> event.type().equals("door.fault")),
                "the back-end heard of the jammed door");
    }
}
