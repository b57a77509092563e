package io.cacifo.backend;

import com.google.gson.JsonObject;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LockerClientTest {
    private static final KeyPair BACKEND = KeyPairs.ecP256();
    private static final KeyPair LOCKER = KeyPairs.rsa(2048);
    private FakeLocker locker;

    @BeforeEach
    void startLocker() throws IOException {
        locker = new FakeLocker(BACKEND.getPublic(), LOCKER.getPrivate());
    }

    @AfterEach
    void stopLocker() {
        locker.close();
    }

    private LockerClient client(KeyPair backendKey, KeyPair lockerKey) {
        return new LockerClient(locker.gateway(), backendKey, lockerKey.getPublic());
    }

    @Test
    void a_created_parcel_arrives_signed_with_codes_only_the_locker_can_read() {
        ClearCodes codes = ClearCodes.random();

        GatewayReply reply = client(BACKEND, LOCKER).createParcel("P-100", 4, 7L, Instant.parse("2026-12-01T18:00:00Z"), codes);

        assertEquals(201, reply.status(), reply.body());
        assertEquals(codes.toJson(), locker.codesOf("P-100"));
        String sent = locker.receivedBodies().get(0);
        JsonObject body = Json.parse(sent).getAsJsonObject();
        assertEquals(4, body.get("door_id").getAsLong());
        assertEquals(7, body.get("user_id").getAsLong());
        assertEquals("2026-12-01T18:00:00Z", body.get("expires_at").getAsString());
        assertEquals(PemKeys.keyId(LOCKER.getPublic()), body.getAsJsonObject("codes_envelope").get("kid").getAsString());
        for (String code : new String[] {codes.deposit(), codes.pickup(), codes.backup()}) {
            assertFalse(sent.contains(code), "a code travels only inside the envelope");
        }
    }

    @Test
    void a_parcel_without_user_or_expiry_leaves_those_fields_out() {
        client(BACKEND, LOCKER).createParcel("P-101", 5, null, null, ClearCodes.random());

        JsonObject body = Json.parse(locker.receivedBodies().get(0)).getAsJsonObject();
        assertFalse(body.has("user_id"));
        assertFalse(body.has("expires_at"));
    }

    @Test
    void the_locker_refuses_a_call_signed_with_another_backend_key() {
        GatewayReply reply = client(KeyPairs.ecP256(), LOCKER).createParcel("P-102", 4, null, null, ClearCodes.random());

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.error());
        assertNull(locker.codesOf("P-102"));
    }

    @Test
    void the_locker_refuses_codes_sealed_for_another_locker() {
        GatewayReply reply = client(BACKEND, KeyPairs.rsa(2048)).createParcel("P-103", 4, null, null, ClearCodes.random());

        assertEquals(400, reply.status());
        assertEquals("invalid_envelope", reply.error());
        assertNull(locker.codesOf("P-103"));
    }

    @Test
    void the_same_parcel_twice_is_a_conflict_the_caller_sees() {
        LockerClient client = client(BACKEND, LOCKER);
        ClearCodes first = ClearCodes.random();

        client.createParcel("P-104", 4, null, null, first);
        GatewayReply again = client.createParcel("P-104", 4, null, null, ClearCodes.random());

        assertEquals(409, again.status());
        assertEquals("duplicate", again.error());
        assertEquals(first.toJson(), locker.codesOf("P-104"));
    }

    @Test
    void a_call_sends_its_body_as_given_to_the_named_function_and_action() {
        GatewayReply reply = client(BACKEND, LOCKER).call("door-manager", "set_state", "{\"id\":4,\"state\":\"FREE\"}");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("door-manager", reply.json().get("function").getAsString());
        assertEquals("action=set_state", reply.json().get("action").getAsString());
        assertEquals("{\"id\":4,\"state\":\"FREE\"}", reply.json().get("body").getAsString());
    }

    @Test
    void a_gateway_url_with_a_trailing_slash_reaches_the_same_path() {
        LockerClient client = new LockerClient(URI.create(locker.gateway() + "/"), BACKEND, null);

        assertEquals(200, client.call("door-manager", "occupancy", "").status());
    }

    @Test
    void an_unreachable_gateway_is_an_unchecked_io_failure() {
        URI gone = locker.gateway();
        locker.close();
        LockerClient client = new LockerClient(gone, BACKEND, LOCKER.getPublic(), Clock.systemUTC(), Duration.ofSeconds(2));

        assertThrows(UncheckedIOException.class, () -> client.call("door-manager", "list", "{}"));
    }

    @Test
    void function_and_action_names_are_checked_before_anything_is_sent() {
        LockerClient client = client(BACKEND, LOCKER);

        assertThrows(IllegalArgumentException.class, () -> client.call("../admin", "list", "{}"));
        assertThrows(IllegalArgumentException.class, () -> client.call("door-manager", "list&x=1", "{}"));
        assertEquals(0, locker.receivedBodies().size());
    }

    @Test
    void a_client_without_a_locker_key_cannot_create_parcels() {
        LockerClient client = new LockerClient(locker.gateway(), BACKEND, null);

        assertThrows(IllegalStateException.class, () -> client.createParcel("P-105", 4, null, null, ClearCodes.random()));
        assertEquals(0, locker.receivedBodies().size());
    }

    @Test
    void a_signature_from_a_skewed_backend_clock_is_refused() {
        LockerClient late = new LockerClient(locker.gateway(), BACKEND, LOCKER.getPublic(),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)).withZone(ZoneOffset.UTC), Duration.ofSeconds(5));

        assertEquals(401, late.call("door-manager", "list", "{}").status());
    }
}
