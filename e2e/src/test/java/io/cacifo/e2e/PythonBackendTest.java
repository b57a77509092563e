package io.cacifo.e2e;

import com.google.gson.JsonObject;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.secrets.SecretStore;
import io.cacifo.e2e.Locker.Screen;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.testing.VectorsScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The back-end as another team would write it, from docs/api.md alone: scripts/vectors/cacifo_vectors.py
 * (Python 3 and python3-cryptography, nothing of the Java kit) signs with the back-end's EC key from
 * the devstack's secrets and seals codes for the locker's RSA key. The locker takes its parcel and its
 * codes open the door; a changed body, the wrong key or an envelope changed or moved to another
 * parcel is refused with its exact status and error, and creates nothing.
 */
class PythonBackendTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static VectorsScript script;
    private static DevStack stack;
    private static Locker locker;
    private static List<Integer> spareDoors;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        script = VectorsScript.inCheckout();
        stack = DevStack.start(DevStackSettings.forTests(root));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        locker = new Locker(stack);
        spareDoors = locker.spareDoors();
        assertTrue(spareDoors.size() >= 2, "two spare doors: " + spareDoors);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Runs the Python with {@code args}; its output, which must be all it printed, on exit 0. */
    private static String python(String... args) {
        VectorsScript.Run run = script.run(args);
        assertEquals(0, run.exit, args[0] + ": " + run.output);
        return run.output;
    }

    private static String secret(String name) {
        return stack.secretsDir().resolve(name).toString();
    }

    private static String externalId() {
        return "py-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    /** Three different random 10-digit codes: deposit, pick-up, back-up. */
    private static List<String> codes() {
        List<String> codes = new ArrayList<>();
        while (codes.size() < 3) {
            String code = String.format("%010d", Math.floorMod(RANDOM.nextLong(), 10_000_000_000L));
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** The Python seals {@code codes} for the locker's public key, bound to {@code externalId}. */
    private static JsonObject sealed(String externalId, List<String> codes) {
        return Json.parse(python("seal-codes", "--locker-public-key", secret(SecretStore.LOCKER_PUBLIC_KEY),
                "--external-id", externalId, "--deposit", codes.get(0), "--pickup", codes.get(1), "--backup", codes.get(2)))
                .getAsJsonObject();
    }

    private static String insertBody(String externalId, int door, JsonObject envelope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("external_id", externalId);
        body.put("door_id", door);
        body.put("codes_envelope", envelope);
        return Json.write(body);
    }

    /** The Python signs with {@code keySecret} and POSTs through the gateway; its status and body. */
    private static JsonObject pythonCall(String keySecret, String function, String action, String body) {
        return Json.parse(python("call", "--gateway", stack.gatewayUrl().toString(), "--key", secret(keySecret),
                "--function", function, "--action", action, "--body", body)).getAsJsonObject();
    }

    private static JsonObject replyBody(JsonObject call) {
        return Json.parse(call.get("body").getAsString()).getAsJsonObject();
    }

    private static String parcels(String externalId) throws Exception {
        return locker.scalar("SELECT COUNT(*) FROM reservations WHERE external_id = '" + externalId + "'");
    }

    private HttpResponse<String> post(String function, String query, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/function/" + function + "?" + query))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_parcel_the_python_creates_as_the_backend_is_taken_and_its_sealed_codes_deposit_and_collect_it() {
        int door = spareDoors.get(0);
        String externalId = externalId();
        List<String> codes = codes();

        JsonObject created = pythonCall(SecretStore.BACKEND_PRIVATE_KEY, "reservation-manager", "insert",
                insertBody(externalId, door, sealed(externalId, codes)));

        assertEquals(201, created.get("status").getAsInt(), created.toString());
        long id = replyBody(created).get("id").getAsLong();
        assertEquals(externalId, replyBody(created).get("external_id").getAsString());
        assertEquals("ARRIVING", locker.status(id));

        Screen deposit = locker.enter(codes.get(0), "main", "en");
        assertEquals(200, deposit.status, deposit.toString());
        assertEquals(door, deposit.body.get("door_id").getAsInt());
        assertTrue(locker.doorOpen(door), "the deposit code opened the parcel's door");
        locker.closeDoor(door);
        assertTrue(Locker.await(SOON, 50, () -> "IN_STORAGE".equals(locker.status(id))), "deposited");

        Screen pickup = locker.enter(codes.get(1), "main", "en");
        assertEquals(200, pickup.status, pickup.toString());
        assertEquals(door, pickup.body.get("door_id").getAsInt());
        locker.closeDoor(door);
        assertTrue(Locker.await(SOON, 50, () -> "DELIVERED".equals(locker.status(id))), "collected");
    }

    @Test
    void a_request_the_python_signed_is_refused_401_once_its_body_is_changed_and_taken_as_signed() throws Exception {
        int door = spareDoors.get(1);
        String externalId = externalId();
        String body = insertBody(externalId, door, sealed(externalId, codes()));
        Map<String, String> headers = new LinkedHashMap<>();
        Json.parse(python("sign-request", "--key", secret(SecretStore.BACKEND_PRIVATE_KEY), "--path", "/function/reservation-manager",
                "--query", "action=insert", "--body", body)).getAsJsonObject().entrySet()
                .forEach(each -> headers.put(each.getKey(), each.getValue().getAsString()));

        HttpResponse<String> changed = post("reservation-manager", "action=insert", headers, body.replace(externalId, externalId + "x"));

        assertEquals(401, changed.statusCode(), changed.body());
        assertEquals("unauthorized", Json.parse(changed.body()).getAsJsonObject().get("error").getAsString());
        assertEquals("0", parcels(externalId + "x"));
        // The refusal was the changed body's alone: the request as signed, sent now, is taken.
        HttpResponse<String> genuine = post("reservation-manager", "action=insert", headers, body);
        assertEquals(201, genuine.statusCode(), genuine.body());
        assertEquals("1", parcels(externalId));
    }

    @Test
    void an_insert_the_python_signs_with_the_internal_key_is_refused_401() throws Exception {
        String externalId = externalId();

        JsonObject refused = pythonCall("internal-hmac-key", "reservation-manager", "insert",
                insertBody(externalId, spareDoors.get(1), sealed(externalId, codes())));

        assertEquals(401, refused.get("status").getAsInt(), refused.toString());
        assertEquals("unauthorized", replyBody(refused).get("error").getAsString());
        assertEquals("0", parcels(externalId));
    }

    @Test
    void codes_the_python_sealed_for_another_parcel_or_changed_afterwards_are_refused_400_invalid_envelope() throws Exception {
        int door = spareDoors.get(1);
        String sealedFor = externalId();
        String other = externalId();
        JsonObject envelope = sealed(sealedFor, codes());
        JsonObject changed = envelope.deepCopy();
        byte[] ciphertext = Base64.getDecoder().decode(changed.get("ciphertext").getAsString());
        ciphertext[0] ^= 0x01;
        changed.addProperty("ciphertext", Base64.getEncoder().encodeToString(ciphertext));

        JsonObject moved = pythonCall(SecretStore.BACKEND_PRIVATE_KEY, "reservation-manager", "insert", insertBody(other, door, envelope));
        JsonObject tampered = pythonCall(SecretStore.BACKEND_PRIVATE_KEY, "reservation-manager", "insert", insertBody(sealedFor, door, changed));

        assertEquals(400, moved.get("status").getAsInt(), moved.toString());
        assertEquals("invalid_envelope", replyBody(moved).get("error").getAsString());
        assertEquals(400, tampered.get("status").getAsInt(), tampered.toString());
        assertEquals("invalid_envelope", replyBody(tampered).get("error").getAsString());
        assertEquals("0", parcels(other));
        assertEquals("0", parcels(sealedFor));
    }
}
