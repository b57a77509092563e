package io.cacifo.kit.security;

import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EcdsaSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final KeyPair BACKEND = KeyPairs.ecP256();
    private static final KeyPair STRANGER = KeyPairs.ecP256();
    private static final String BODY = "{\"external_id\":\"P-1\",\"door_id\":4}";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EcdsaSigner signer = new EcdsaSigner(BACKEND, clock);

    private EcdsaVerifier verifierFor(String function, KeyPair... keys) {
        List<java.security.PublicKey> publicKeys = new ArrayList<>();
        for (KeyPair key : keys) {
            publicKeys.add(key.getPublic());
        }
        return new EcdsaVerifier(SignedHeaders.functionPrefix(function), publicKeys, clock, 30);
    }

    /** What the entrypoint hands a handler: header names looked up ignoring case. */
    private static Map<String, String> received(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> out.put(name.toLowerCase(), value));
        return out;
    }

    private Map<String, String> signedInsert() {
        return received(signer.headers("POST", "/function/reservation-manager", "action=insert", BODY));
    }

    private static ApiException refusal(EcdsaVerifier verifier, Map<String, String> headers) {
        return assertThrows(ApiException.class,
                () -> verifier.verify("POST", "/", "action=insert", headers, BODY));
    }

    @Test
    void a_request_signed_by_the_backend_passes_once() {
        Map<String, String> headers = signedInsert();
        EcdsaVerifier verifier = verifierFor("reservation-manager", BACKEND);

        assertDoesNotThrow(() -> verifier.verify("POST", "/", "action=insert", headers, BODY));
        ApiException replay = refusal(verifier, headers);
        assertEquals(401, replay.status());
        assertEquals("the request was already used", replay.getMessage());
    }

    @Test
    void the_signature_travels_as_padded_base64_of_der_under_the_public_key_id() {
        Map<String, String> headers = signer.headers("POST", "/function/door-manager", "action=insert", "{}");

        byte[] der = Base64.getDecoder().decode(headers.get(SignedHeaders.SIGNATURE));
        assertEquals(0x30, der[0] & 0xff, "a DER SEQUENCE");
        assertEquals(0, headers.get(SignedHeaders.SIGNATURE).length() % 4, "padded");
        assertEquals(PemKeys.keyId(BACKEND.getPublic()), headers.get(SignedHeaders.KEY_ID));
        assertTrue(headers.get(SignedHeaders.NONCE).matches("[0-9a-f]{32}"), headers.get(SignedHeaders.NONCE));
        assertEquals(Long.toString(NOW.getEpochSecond()), headers.get(SignedHeaders.TIMESTAMP));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another body           | POST | /function/reservation-manager     | action=insert | {\"external_id\":\"P-1\",\"door_id\":5}",
            "another query          | POST | /function/reservation-manager     | action=delete | {\"external_id\":\"P-1\",\"door_id\":4}",
            "another function       | POST | /function/door-manager            | action=insert | {\"external_id\":\"P-1\",\"door_id\":4}",
            "a sub-path             | POST | /function/reservation-manager/x   | action=insert | {\"external_id\":\"P-1\",\"door_id\":4}",
            "another method         | GET  | /function/reservation-manager     | action=insert | {\"external_id\":\"P-1\",\"door_id\":4}",
    })
    void a_signature_over_anything_else_is_refused(String what, String method, String path, String query, String body) {
        Map<String, String> headers = received(signer.headers(method, path, query, body));

        ApiException refused = refusal(verifierFor("reservation-manager", BACKEND), headers);

        assertEquals(401, refused.status(), what);
        assertEquals("the request's signature does not match", refused.getMessage(), what);
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @CsvSource({"-31", "31", "-3600"})
    void a_signature_outside_the_clock_window_is_stale(long offsetSeconds) {
        EcdsaSigner skewed = new EcdsaSigner(BACKEND, Clock.fixed(NOW.plusSeconds(offsetSeconds), ZoneOffset.UTC));
        Map<String, String> headers = received(skewed.headers("POST", "/function/reservation-manager", "action=insert", BODY));

        ApiException refused = refusal(verifierFor("reservation-manager", BACKEND), headers);

        assertEquals(401, refused.status());
        assertEquals("the request's signature is stale", refused.getMessage());
    }

    @Test
    void a_key_the_locker_does_not_know_is_refused() {
        Map<String, String> headers = received(new EcdsaSigner(STRANGER, clock)
                .headers("POST", "/function/reservation-manager", "action=insert", BODY));

        ApiException refused = refusal(verifierFor("reservation-manager", BACKEND), headers);

        assertEquals(401, refused.status());
        assertEquals("the request is not signed with a key this locker knows", refused.getMessage());
    }

    @Test
    void a_signature_by_another_key_under_the_backend_key_id_is_refused() {
        Map<String, String> headers = received(new EcdsaSigner(STRANGER, clock)
                .headers("POST", "/function/reservation-manager", "action=insert", BODY));
        headers.put(SignedHeaders.KEY_ID, PemKeys.keyId(BACKEND.getPublic()));

        ApiException refused = refusal(verifierFor("reservation-manager", BACKEND), headers);

        assertEquals(401, refused.status());
        assertEquals("the request's signature does not match", refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a timestamp that is not a number     | X-Cacifo-Timestamp | soon",
            "a nonce that is not hex              | X-Cacifo-Nonce     | not-hex!",
            "an empty key id                      | X-Cacifo-Key-Id    | ''",
            "an empty signature                   | X-Cacifo-Signature | ''",
            "a signature that is not base64       | X-Cacifo-Signature | MEUCIQ!!notbase64",
            "a signature without its padding      | X-Cacifo-Signature | MAYCAQECAQE",
            "url-safe base64                      | X-Cacifo-Signature | MAYCAQ-_AQE=",
            "a signature longer than P-256 allows | X-Cacifo-Signature | QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB",
            "an HMAC signature in hex             | X-Cacifo-Signature | 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "base64 that is not DER               | X-Cacifo-Signature | AAAAAAAAAAAAAAAA",
            "r and s both zero                    | X-Cacifo-Signature | MAYCAQACAQA=",
            "r and s both one                     | X-Cacifo-Signature | MAYCAQECAQE=",
    })
    void malformed_or_forged_signature_headers_are_refused(String what, String header, String value) {
        Map<String, String> headers = signedInsert();
        headers.put(header, value);

        ApiException refused = refusal(verifierFor("reservation-manager", BACKEND), headers);

        assertEquals(401, refused.status(), what);
        assertEquals("unauthorized", refused.error(), what);
    }

    @Test
    void a_refused_forgery_does_not_use_up_the_nonce_of_the_genuine_request() {
        Map<String, String> genuine = signedInsert();
        Map<String, String> forged = received(genuine);
        forged.put(SignedHeaders.SIGNATURE, "MAYCAQECAQE=");
        EcdsaVerifier verifier = verifierFor("reservation-manager", BACKEND);

        refusal(verifier, forged);

        assertDoesNotThrow(() -> verifier.verify("POST", "/", "action=insert", genuine, BODY));
    }

    @Test
    void during_a_rotation_both_backend_keys_verify() {
        KeyPair next = KeyPairs.ecP256();
        EcdsaVerifier verifier = verifierFor("reservation-manager", next, BACKEND);

        assertDoesNotThrow(() -> verifier.verify("POST", "/", "action=insert", signedInsert(), BODY));
        assertDoesNotThrow(() -> verifier.verify("POST", "/", "action=insert", received(new EcdsaSigner(next, clock)
                .headers("POST", "/function/reservation-manager", "action=insert", BODY)), BODY));
        assertNotEquals(PemKeys.keyId(BACKEND.getPublic()), PemKeys.keyId(next.getPublic()));
    }

    @Test
    void a_server_addressed_directly_verifies_its_own_path() {
        EcdsaVerifier direct = new EcdsaVerifier("", List.of(BACKEND.getPublic()), clock, 30);
        Map<String, String> headers = received(signer.headers("POST", "/function/reservation-manager", "action=insert", BODY));

        assertDoesNotThrow(() -> direct.verify("POST", "/function/reservation-manager", "action=insert", headers, BODY));
    }

    @Test
    void signers_and_verifiers_are_safe_to_share_between_threads() throws Exception {
        EcdsaVerifier verifier = verifierFor("reservation-manager", BACKEND);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = "{\"n\":" + i + "}";
                runs.add(pool.submit(() -> verifier.verify("POST", "/", "action=insert", received(
                        signer.headers("POST", "/function/reservation-manager", "action=insert", body)), body)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_key_off_p256_or_not_ec_is_refused_at_start() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair wrongCurve = p384.generateKeyPair();
        KeyPair rsa = KeyPairs.rsa(2048);

        assertThrows(IllegalStateException.class, () -> verifierFor("x", wrongCurve));
        assertThrows(IllegalStateException.class, () -> verifierFor("x", rsa));
        assertThrows(IllegalStateException.class, () -> new EcdsaSigner(wrongCurve, clock));
        assertThrows(IllegalStateException.class, () -> new EcdsaVerifier("", List.of(), clock, 30));
    }

    @Test
    void a_signer_given_halves_of_two_pairs_is_refused_at_start() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new EcdsaSigner(new KeyPair(STRANGER.getPublic(), BACKEND.getPrivate()), clock));

        assertEquals("the EC public key does not belong to the private key", refused.getMessage());
    }
}
