package io.cacifo.reservations;

import com.google.gson.JsonObject;
import com.openfaas.model.Request;
import io.cacifo.kit.security.CodeHasher;
import io.cacifo.kit.security.Hex;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import io.cacifo.reservations.LockerFixture.Parcel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reservation-manager's records (insert, update, delete, get, list) against a real MariaDB, through its Handler. */
class ReservationManagerTest {
    private static LockerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new LockerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static TestReply call(String action, Object body) {
        return fixture.call(action, body);
    }

    @Test
    void an_inserted_parcel_is_arriving_and_its_reply_carries_no_code() throws Exception {
        int door = fixture.newDoor();
        LockerFixture.Codes sent = LockerFixture.Codes.fresh();
        Map<String, Object> body = LockerFixture.insertBody("PKG-0001:a.b_c", door, sent);

        TestReply created = call("insert", body);

        assertEquals(201, created.status(), created.toString());
        assertTrue(created.contentType().startsWith("application/json"));
        assertEquals(Set.of("id", "external_id", "status", "user_id", "door_id", "created_at", "updated_at",
                "deposited_at", "picked_up_at", "expires_at", "version", "codes"), created.json().keySet());
        assertEquals("PKG-0001:a.b_c", created.text("external_id"));
        assertEquals("ARRIVING", created.text("status"));
        assertEquals(1, created.number("user_id"));
        assertEquals(door, created.number("door_id"));
        assertEquals(0, created.number("version"));
        assertNull(created.text("expires_at"));
        assertTrue(created.text("created_at").endsWith("Z"), created.toString());
        JsonObject codes = created.json().getAsJsonObject("codes");
        assertEquals(Set.of("deposit", "pickup", "backup"), codes.keySet());
        for (String kind : codes.keySet()) {
            assertTrue(codes.getAsJsonObject(kind).get("used_at").isJsonNull(), created.toString());
        }
        for (String code : List.of(sent.deposit, sent.pickup, sent.backup)) {
            assertFalse(created.body().contains(code), "the reply must not carry a code");
            assertFalse(created.body().contains(fixture.locker.services().codeHasher().hash(code)),
                    "the reply must not carry a code's hash");
        }
        TestReply got = call("get", Map.of("id", created.number("id")));
        assertEquals(200, got.status(), got.toString());
        assertEquals(created.json(), got.json());
    }

    @Test
    void a_database_dump_after_insert_holds_the_codes_only_as_keyed_hashes() throws Exception {
        LockerFixture.Codes codes = LockerFixture.Codes.fresh();
        Map<String, Object> body = LockerFixture.insertBody("dump-check", fixture.newDoor(), codes);
        assertEquals(201, call("insert", body).status());
        CodeHasher otherLocker = new CodeHasher(new HmacKey(TestLocker.randomKey()));

        String dump = fixture.dump();

        for (String code : List.of(codes.deposit, codes.pickup, codes.backup)) {
            assertFalse(dump.contains(code), "the database holds a code in clear");
            for (String unkeyed : List.of("SHA-256", "SHA-1", "MD5")) {
                assertFalse(dump.contains(digest(unkeyed, code)), "the database holds an unkeyed " + unkeyed + " of a code");
            }
            assertTrue(dump.contains(fixture.locker.services().codeHasher().hash(code)),
                    "the database should hold the hash under this locker's code-hash key");
            assertFalse(dump.contains(otherLocker.hash(code)), "the hash must depend on the locker's secret key");
        }
        JsonObject envelope = (JsonObject) body.get("codes_envelope");
        for (String part : List.of("wrapped_key", "ciphertext")) {
            assertFalse(dump.contains(envelope.get(part).getAsString()), "the envelope is opened, not stored");
        }
    }

    private static String digest(String algorithm, String text) throws Exception {
        return Hex.of(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_code_sent_in_clear_is_refused_even_beside_a_good_envelope() throws Exception {
        LockerFixture.Codes codes = LockerFixture.Codes.fresh();
        Map<String, Object> body = LockerFixture.insertBody("clear-code", fixture.newDoor(), codes);
        body.put("pickup_code", codes.pickup);
        String before = fixture.dump();

        TestReply refused = call("insert", body);

        assertEquals(400, refused.status(), refused.toString());
        assertEquals("invalid_field", refused.error());
        assertFalse(refused.body().contains(codes.pickup), refused.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void an_envelope_moved_onto_another_parcel_does_not_open() throws Exception {
        Map<String, Object> original = LockerFixture.insertBody("envelope-owner", fixture.newDoor());
        Map<String, Object> thief = LockerFixture.insertBody("envelope-thief", fixture.newDoor());
        thief.put("codes_envelope", original.get("codes_envelope"));
        String before = fixture.dump();

        TestReply refused = call("insert", thief);

        assertEquals(400, refused.status(), refused.toString());
        assertEquals("invalid_envelope", refused.error());
        assertEquals(before, fixture.dump());
    }

    @Test
    void the_locker_s_own_key_cannot_create_change_or_delete_a_parcel() throws Exception {
        Parcel parcel = fixture.newParcel("internal-key-target");
        Map<String, Object> intruder = LockerFixture.insertBody("internal-key-insert", fixture.newDoor());
        String before = fixture.dump();

        TestReply insert = TestLocker.send(fixture.handler, fixture.locker.signed("insert", intruder));
        TestReply update = TestLocker.send(fixture.handler, fixture.locker.signed("update",
                Map.of("id", parcel.id, "status", "CANCELLED")));
        TestReply delete = TestLocker.send(fixture.handler, fixture.locker.signed("delete", parcel.id()));

        for (TestReply reply : List.of(insert, update, delete)) {
            assertEquals(401, reply.status(), reply.toString());
            assertEquals("unauthorized", reply.error());
        }
        assertEquals(before, fixture.dump());
    }

    @Test
    void the_back_end_may_read_and_use_codes_too() throws Exception {
        Parcel parcel = fixture.newParcel("backend-reads");

        TestReply got = TestLocker.send(fixture.handler, fixture.locker.backendSigned("get", parcel.id()));
        TestReply validated = TestLocker.send(fixture.handler,
                fixture.locker.backendSigned("validate", Map.of("code", parcel.deposit)));

        assertEquals(200, got.status(), got.toString());
        assertEquals(200, validated.status(), validated.toString());
    }

    @Test
    void the_same_back_end_insert_sent_twice_is_refused_the_second_time() throws Exception {
        Request request = fixture.locker.backendSigned("insert", LockerFixture.insertBody("replayed-insert", fixture.newDoor()));

        assertEquals(201, TestLocker.send(fixture.handler, request).status());
        String before = fixture.dump();
        TestReply replay = TestLocker.send(fixture.handler, request);

        assertEquals(401, replay.status(), replay.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void an_insert_keeps_the_owner_and_the_expiry_it_was_given_in_utc() throws Exception {
        fixture.execute("INSERT INTO users (id, username) VALUES (77, 'customer.77')");
        Map<String, Object> body = LockerFixture.insertBody("with-owner", fixture.newDoor());
        body.put("user_id", 77);
        body.put("expires_at", "2031-01-02T03:04:05.678+01:00");

        TestReply created = call("insert", body);

        assertEquals(201, created.status(), created.toString());
        assertEquals(77, created.number("user_id"));
        assertEquals("2031-01-02T02:04:05.678Z", created.text("expires_at"));
    }

    @Test
    void two_parcels_for_one_door_at_the_same_moment_get_it_once() throws Exception {
        int door = fixture.newDoor();
        List<Request> requests = List.of(
                fixture.locker.backendSigned("insert", LockerFixture.insertBody("race-a", door)),
                fixture.locker.backendSigned("insert", LockerFixture.insertBody("race-b", door)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<TestReply>> replies = new ArrayList<>();
            for (Request request : requests) {
                replies.add(pool.submit(() -> {
                    gate.await();
                    return TestLocker.send(fixture.handler, request);
                }));
            }
            gate.countDown();
            Set<String> outcomes = new TreeSet<>();
            for (Future<TestReply> reply : replies) {
                TestReply r = reply.get();
                outcomes.add(r.status() + (r.status() == 201 ? "" : " " + r.error()));
            }
            assertEquals(Set.of("201", "409 door_busy"), outcomes);
        } finally {
            pool.shutdownNow();
        }
        assertEquals("1", fixture.scalar("SELECT COUNT(*) FROM reservations WHERE door_id = " + door));
    }

    @Test
    void an_update_changes_expiry_owner_and_door_while_arriving() throws Exception {
        Parcel parcel = fixture.newParcel("to-move");
        int otherDoor = fixture.newDoor();
        fixture.execute("INSERT INTO users (id, username) VALUES (78, 'customer.78')");

        TestReply updated = call("update", Map.of("id", parcel.id, "expires_at", "2030-05-06T07:08:09Z",
                "user_id", 78, "door_id", otherDoor));

        assertEquals(200, updated.status(), updated.toString());
        assertEquals("2030-05-06T07:08:09Z", updated.text("expires_at"));
        assertEquals(78, updated.number("user_id"));
        assertEquals(otherDoor, updated.number("door_id"));
        assertEquals("ARRIVING", updated.text("status"));
        assertEquals(1, updated.number("version"));
        assertEquals("0", fixture.scalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = " + parcel.id),
                "only status changes are events");
    }

    @Test
    void a_status_set_by_update_ends_the_parcel_and_is_reported_once() throws Exception {
        Parcel parcel = fixture.newParcel("to-cancel");

        TestReply cancelled = call("update", Map.of("id", parcel.id, "status", "cancelled"));

        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("CANCELLED", cancelled.text("status"));
        assertEquals(1, cancelled.number("version"));
        assertEquals("parcel.status_changed", fixture.scalar(
                "SELECT type FROM outbox_events WHERE reservation_id = " + parcel.id));
        JsonObject payload = new TestReply(200, fixture.scalar(
                "SELECT payload FROM outbox_events WHERE reservation_id = " + parcel.id), null).json();
        assertEquals("CANCELLED", payload.get("status").getAsString());
        assertEquals("ARRIVING", payload.get("previous_status").getAsString());
        assertEquals("to-cancel", payload.get("external_id").getAsString());
        assertEquals(parcel.doorId, payload.get("door_id").getAsInt());

        String before = fixture.dump();
        TestReply again = call("update", Map.of("id", parcel.id, "status", "EXPIRED"));
        assertEquals(409, again.status(), again.toString());
        assertEquals("invalid_transition", again.error());
        assertEquals(404, call("validate", Map.of("code", parcel.deposit)).status(), "a cancelled parcel's code opens nothing");
        assertEquals(before, fixture.dump());
    }

    @Test
    void a_parcel_keeps_its_door_once_deposited() throws Exception {
        Parcel parcel = fixture.newParcel("deposited-stays");
        assertEquals(200, call("disable", Map.of("code", parcel.deposit)).status());
        int otherDoor = fixture.newDoor();
        String before = fixture.dump();

        TestReply moved = call("update", Map.of("id", parcel.id, "door_id", otherDoor));

        assertEquals(409, moved.status(), moved.toString());
        assertEquals("invalid_transition", moved.error());
        assertEquals(before, fixture.dump());
    }

    @Test
    void a_stored_parcel_that_expires_keeps_its_door_taken_until_an_operator_frees_it() throws Exception {
        Parcel parcel = fixture.newParcel("expires-in-storage");
        assertEquals(200, call("disable", Map.of("code", parcel.deposit)).status());

        TestReply expired = call("update", Map.of("id", parcel.id, "status", "EXPIRED"));
        TestReply next = call("insert", LockerFixture.insertBody("next-in-line", parcel.doorId));

        assertEquals(200, expired.status(), expired.toString());
        assertEquals("OCCUPIED", fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId));
        assertEquals(409, next.status(), next.toString());
        assertEquals("door_busy", next.error());
    }

    @Test
    void a_deleted_parcel_and_its_codes_are_gone() throws Exception {
        Parcel parcel = fixture.newParcel("to-delete");

        TestReply deleted = call("delete", parcel.id());

        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals(parcel.id, deleted.number("deleted"));
        assertEquals(404, call("get", parcel.id()).status());
        assertEquals(404, call("delete", parcel.id()).status());
        assertEquals("0", fixture.scalar("SELECT COUNT(*) FROM reservation_codes WHERE reservation_id = " + parcel.id));
        assertEquals(404, call("validate", Map.of("code", parcel.deposit)).status());
    }

    @Test
    void list_filters_by_status_and_door_and_pages_in_id_order() throws Exception {
        Parcel first = fixture.newParcel("list-1");
        Parcel second = fixture.newParcel("list-2");
        Parcel third = fixture.newParcel("list-3");
        assertEquals(200, call("disable", Map.of("code", second.deposit)).status());

        TestReply byDoor = call("list", Map.of("door_id", second.doorId));
        TestReply stored = call("list", Map.of("status", "IN_STORAGE", "after_id", first.id));
        TestReply page = call("list", Map.of("after_id", first.id, "limit", 1));
        TestReply everything = call("list", Map.of());

        assertEquals(200, byDoor.status(), byDoor.toString());
        assertEquals(1, byDoor.array("reservations").size());
        assertEquals("list-2", byDoor.array("reservations").get(0).getAsJsonObject().get("external_id").getAsString());
        assertEquals(1, stored.array("reservations").size(), stored.toString());
        assertEquals(second.id, stored.array("reservations").get(0).getAsJsonObject().get("id").getAsLong());
        assertFalse(stored.array("reservations").get(0).getAsJsonObject().getAsJsonObject("codes")
                .getAsJsonObject("deposit").get("used_at").isJsonNull(), stored.toString());
        assertEquals(1, page.array("reservations").size());
        assertEquals(second.id, page.array("reservations").get(0).getAsJsonObject().get("id").getAsLong());
        assertTrue(everything.array("reservations").size() >= 3);
        long previous = 0;
        for (var element : everything.array("reservations")) {
            long id = element.getAsJsonObject().get("id").getAsLong();
            assertTrue(id > previous, "ids must ascend: " + everything);
            previous = id;
        }
        TestReply afterSecond = call("list", Map.of("after_id", second.id, "limit", 1));
        assertEquals(third.id, afterSecond.array("reservations").get(0).getAsJsonObject().get("id").getAsLong());
    }

    @Test
    void an_unsigned_call_is_refused_and_changes_nothing() throws Exception {
        Parcel parcel = fixture.newParcel("unsigned-target");
        Map<String, Object> intruder = LockerFixture.insertBody("intruder", fixture.newDoor());
        String before = fixture.dump();

        TestReply insert = TestLocker.send(fixture.handler, fixture.locker.unsigned("insert", intruder));
        TestReply disable = TestLocker.send(fixture.handler, fixture.locker.unsigned("disable", Map.of("code", parcel.deposit)));

        assertEquals(401, insert.status(), insert.toString());
        assertEquals("unauthorized", insert.error());
        assertEquals(401, disable.status(), disable.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void the_same_signed_disable_sent_twice_is_refused_the_second_time() throws Exception {
        Parcel parcel = fixture.newParcel("replayed");
        Request request = fixture.locker.signed("disable", Map.of("code", parcel.deposit));

        assertEquals(200, TestLocker.send(fixture.handler, request).status());
        String before = fixture.dump();
        TestReply replay = TestLocker.send(fixture.handler, request);

        assertEquals(401, replay.status(), replay.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void a_request_signed_for_another_function_is_refused() throws Exception {
        Parcel parcel = fixture.newParcel("wrong-audience");
        String before = fixture.dump();

        TestReply reply = TestLocker.send(fixture.handler,
                fixture.locker.signedFor("door-io", "action=disable", Map.of("code", parcel.deposit)));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void a_call_without_an_action_is_a_400() throws Exception {
        String before = fixture.dump();

        TestReply reply = TestLocker.send(fixture.handler, fixture.locker.signedFor("reservation-manager", "", Map.of()));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("missing_action", reply.error());
        assertEquals(before, fixture.dump());
    }
}
