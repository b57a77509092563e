package io.cacifo.kit.security;

import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.testing.VectorsScript;
import io.cacifo.kit.testing.VectorsScript.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.cacifo.kit.security.PublishedVectors.text;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The independent implementation, scripts/vectors/cacifo_vectors.py on Debian's python3 and
 * python3-cryptography: it checks every published vector itself, and it and the kit accept each
 * other's signatures and envelopes both ways, made fresh (random nonces, k, data keys) each run.
 */
class PythonVectorsTest {
    private static VectorsScript script;
    private static final Instant NOW = Instant.now();
    private static final JsonObject SIGNATURES = PublishedVectors.read("signatures.json");
    private static final JsonObject ENVELOPES = PublishedVectors.read("codes-envelope.json");
    private static final String INSERT_BODY = "{\"external_id\":\"P-1\",\"door_id\":4}";
    private static final String CODES = "{\"deposit_code\":\"1234567890\",\"pickup_code\":\"2345678901\",\"backup_code\":\"3456789012\"}";

    @TempDir
    Path keys;

    @BeforeAll
    static void needsPythonWithCryptography() {
        script = VectorsScript.inCheckout();
    }

    private static Run python(String... args) {
        return script.run(args);
    }

    /** The moment every signature here is made at, so a slow machine cannot make one stale. */
    private static String now() {
        return Long.toString(NOW.getEpochSecond());
    }

    private Path keyFile(String name, String text) throws IOException {
        return Files.writeString(keys.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static JsonObject key(JsonObject document, String name) {
        return document.getAsJsonObject("keys").getAsJsonObject(name);
    }

    private static Map<String, String> received(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        return out;
    }

    @Test
    void the_python_checks_every_published_vector_and_finds_no_mismatch() {
        Run check = python("check");

        assertEquals(0, check.exit, check.toString());
        assertFalse(check.output.contains("FAIL"), check.toString());
        assertTrue(check.output.matches("(?s).*\\nall \\d+ checks passed"), check.toString());
    }

    @Test
    void the_python_verifies_what_the_kit_signs_for_the_backend_and_refuses_a_changed_body() throws IOException {
        JsonObject backend = key(SIGNATURES, "backend-ec");
        KeyPair pair = PemKeys.ecKeyPair(text(backend, "private_pem") + text(backend, "public_pem"));
        Map<String, String> headers = new EcdsaSigner(pair, Clock.fixed(NOW, ZoneOffset.UTC))
                .headers("POST", "/function/reservation-manager", "action=insert", INSERT_BODY);
        Path publicKey = keyFile("backend-public-keys", text(backend, "public_pem"));

        Run genuine = python("verify-request", "--key", publicKey.toString(), "--path", "/function/reservation-manager",
                "--query", "action=insert", "--body", INSERT_BODY, "--headers", Json.write(headers), "--now", now());
        Run changed = python("verify-request", "--key", publicKey.toString(), "--path", "/function/reservation-manager",
                "--query", "action=insert", "--body", INSERT_BODY.replace("4", "5"), "--headers", Json.write(headers), "--now", now());

        assertEquals(0, genuine.exit, genuine.toString());
        assertEquals(1, changed.exit, changed.toString());
        assertEquals("refused: signature does not match", changed.output);
    }

    @Test
    void the_python_verifies_what_the_kit_signs_with_an_hmac_key_and_refuses_another_key() throws IOException {
        String internal = text(key(SIGNATURES, "internal-hmac-key"), "text");
        Map<String, String> headers = new RequestSigner(new HmacKey(internal), Clock.fixed(NOW, ZoneOffset.UTC))
                .headers("POST", "/function/door-io", "action=open", "{\"door_id\":4}");

        Run genuine = python("verify-request", "--key", keyFile("internal-hmac-key", internal + "\n").toString(),
                "--path", "/function/door-io", "--query", "action=open", "--body", "{\"door_id\":4}", "--headers", Json.write(headers), "--now", now());
        Run stranger = python("verify-request", "--key", keyFile("stranger", text(key(SIGNATURES, "stranger-hmac-key"), "text")).toString(),
                "--path", "/function/door-io", "--query", "action=open", "--body", "{\"door_id\":4}", "--headers", Json.write(headers), "--now", now());

        assertEquals(0, genuine.exit, genuine.toString());
        assertEquals(1, stranger.exit, stranger.toString());
    }

    @Test
    void the_kit_verifies_what_the_python_signs_as_the_backend_and_refuses_a_changed_body() throws IOException {
        JsonObject backend = key(SIGNATURES, "backend-ec");
        Path privateKey = keyFile("backend-private-key", text(backend, "private_pem") + text(backend, "public_pem"));
        Run signed = python("sign-request", "--key", privateKey.toString(), "--path", "/function/reservation-manager",
                "--query", "action=insert", "--body", INSERT_BODY, "--timestamp", Long.toString(NOW.getEpochSecond()));
        assertEquals(0, signed.exit, signed.toString());
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Json.parse(signed.output).getAsJsonObject().entrySet().forEach(each -> headers.put(each.getKey(), each.getValue().getAsString()));
        EcdsaVerifier locker = new EcdsaVerifier("/function/reservation-manager",
                List.of(PemKeys.ecPublicKey(text(backend, "public_pem"))), Clock.fixed(NOW, ZoneOffset.UTC), 30);

        ApiException changed = assertThrows(ApiException.class,
                () -> locker.verify("POST", "/", "action=insert", received(headers), INSERT_BODY.replace("4", "5")));
        assertDoesNotThrow(() -> locker.verify("POST", "/", "action=insert", received(headers), INSERT_BODY));

        assertEquals(401, changed.status());
    }

    @Test
    void the_python_opens_what_the_kit_seals_and_only_for_its_parcel() throws IOException {
        JsonObject locker = key(ENVELOPES, "locker");
        String envelope = CodeEnvelope.seal(PemKeys.rsaPublicKey(text(locker, "public_pem")), CODES, "P-1").toString();
        Path privateKey = keyFile("locker-private-key", text(locker, "private_pem"));

        Run opened = python("open-codes", "--locker-private-key", privateKey.toString(), "--external-id", "P-1", "--envelope", envelope);
        Run moved = python("open-codes", "--locker-private-key", privateKey.toString(), "--external-id", "P-2", "--envelope", envelope);

        assertEquals(0, opened.exit, opened.toString());
        assertEquals(CODES, opened.output);
        assertEquals(1, moved.exit, moved.toString());
    }

    @Test
    void the_kit_opens_what_the_python_seals_and_only_for_its_parcel() throws IOException {
        JsonObject locker = key(ENVELOPES, "locker");
        Run sealed = python("seal-codes", "--locker-public-key", keyFile("locker-public-key", text(locker, "public_pem")).toString(),
                "--external-id", "P-1", "--deposit", "1234567890", "--pickup", "2345678901", "--backup", "3456789012");
        assertEquals(0, sealed.exit, sealed.toString());
        CodeEnvelope envelope = CodeEnvelope.fromJson(Json.parse(sealed.output).getAsJsonObject());

        JsonObject codes = envelope.openObject(PemKeys.rsaPrivateKey(text(locker, "private_pem")), "P-1");
        ApiException moved = assertThrows(ApiException.class,
                () -> envelope.open(PemKeys.rsaPrivateKey(text(locker, "private_pem")), "P-2"));

        assertEquals(Json.parse(CODES), codes);
        assertEquals("invalid_envelope", moved.error());
    }
}
