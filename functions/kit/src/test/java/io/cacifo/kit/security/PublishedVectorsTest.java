package io.cacifo.kit.security;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.cacifo.kit.security.PublishedVectors.headers;
import static io.cacifo.kit.security.PublishedVectors.objects;
import static io.cacifo.kit.security.PublishedVectors.text;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit against the published vectors of docs/vectors/ (signatures.json, codes-envelope.json; the
 * code hash is {@link CodeHasherTest}'s). The expected values were computed apart from this code, by
 * scripts/vectors/cacifo_vectors.py, which {@code PythonVectorsTest} runs against the same files.
 */
class PublishedVectorsTest {
    private static final JsonObject SIGNATURES = PublishedVectors.read("signatures.json");
    private static final JsonObject ENVELOPES = PublishedVectors.read("codes-envelope.json");
    private static final long MAX_SKEW = SIGNATURES.get("max_skew_seconds").getAsLong();

    static Stream<Arguments> requests() {
        return objects(SIGNATURES, "requests").stream().map(vector -> Arguments.of(text(vector, "name"), vector));
    }

    static Stream<Arguments> replies() {
        return objects(SIGNATURES, "replies").stream().map(vector -> Arguments.of(text(vector, "name"), vector));
    }

    static Stream<Arguments> openings() {
        return objects(ENVELOPES, "open").stream().map(vector -> Arguments.of(text(vector, "name"), vector));
    }

    private static JsonObject key(JsonObject document, String name) {
        return document.getAsJsonObject("keys").getAsJsonObject(name);
    }

    private static boolean isHmac(JsonObject key) {
        return "hmac-sha256".equals(text(key, "type"));
    }

    /** The verifier a receiver holding the vector's keys builds; its clock stands at the vector's moment. */
    private static RequestVerifier verifier(JsonObject vector) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(vector.get("verify_at").getAsLong()), ZoneOffset.UTC);
        List<HmacKey> hmacKeys = new ArrayList<>();
        List<PublicKey> ecKeys = new ArrayList<>();
        for (JsonElement name : vector.getAsJsonArray("verify_with")) {
            JsonObject key = key(SIGNATURES, name.getAsString());
            if (isHmac(key)) {
                hmacKeys.add(new HmacKey(text(key, "text")));
            } else {
                ecKeys.add(PemKeys.ecPublicKey(text(key, "public_pem")));
            }
        }
        // A server addressed directly (the back-end at /events, or a function given its full path).
        return ecKeys.isEmpty() ? new HmacVerifier("", hmacKeys, clock, MAX_SKEW) : new EcdsaVerifier("", ecKeys, clock, MAX_SKEW);
    }

    private static void verify(JsonObject vector, RequestVerifier verifier, String receivedPath) {
        verifier.verify(text(vector, "method"), receivedPath, text(vector, "query"), headers(vector), text(vector, "body"));
    }

    @Test
    void every_published_key_has_the_published_key_id() {
        for (Map.Entry<String, JsonElement> each : SIGNATURES.getAsJsonObject("keys").entrySet()) {
            JsonObject key = each.getValue().getAsJsonObject();
            String id = isHmac(key) ? new HmacKey(text(key, "text")).id() : PemKeys.keyId(PemKeys.ecPublicKey(text(key, "public_pem")));
            assertEquals(text(key, "key_id"), id, each.getKey());
        }
        for (Map.Entry<String, JsonElement> each : ENVELOPES.getAsJsonObject("keys").entrySet()) {
            JsonObject key = each.getValue().getAsJsonObject();
            assertEquals(text(key, "key_id"), PemKeys.keyId(PemKeys.rsaPublicKey(text(key, "public_pem"))), each.getKey());
            assertEquals(Optional.of(text(key, "key_id")),
                    PemKeys.rsaPublicKeyOf(PemKeys.rsaPrivateKey(text(key, "private_pem"))).map(PemKeys::keyId), each.getKey());
        }
    }

    @Test
    void the_published_backend_key_reads_as_the_backend_tool_reads_its_key_file() {
        JsonObject backend = key(SIGNATURES, "backend-ec");

        KeyPair pair = PemKeys.ecKeyPair(text(backend, "private_pem") + text(backend, "public_pem"));

        assertEquals(text(backend, "key_id"), new EcdsaSigner(pair, Clock.systemUTC()).keyId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void a_published_request_verifies_or_is_refused_as_published(String name, JsonObject vector) {
        if (!"valid".equals(text(vector, "expect"))) {
            ApiException refused = assertThrows(ApiException.class, () -> verify(vector, verifier(vector), text(vector, "path")),
                    text(vector, "why"));
            assertEquals(401, refused.status(), name);
            assertEquals("unauthorized", refused.error(), name);
            return;
        }
        String canonical = SignedHeaders.canonical(text(vector, "method"), text(vector, "path"), text(vector, "query"),
                vector.get("timestamp").getAsLong(), text(vector, "nonce"), text(vector, "body"));
        assertEquals(text(vector, "canonical"), canonical);
        assertEquals(text(vector, "body_sha256"), Hex.of(SignedHeaders.sha256(text(vector, "body").getBytes(StandardCharsets.UTF_8))));
        JsonObject signer = key(SIGNATURES, text(vector, "signer"));
        if (isHmac(signer)) {
            assertEquals(headers(vector).get(SignedHeaders.SIGNATURE), Hex.of(new HmacKey(text(signer, "text")).sign(canonical)));
        }
        assertDoesNotThrow(() -> verify(vector, verifier(vector), text(vector, "path")));
        String path = text(vector, "path");
        if (path.startsWith("/function/")) {
            // Behind the gateway a function receives "/" and rebuilds the signed path from its own name.
            RequestVerifier behindGateway = isHmac(signer)
                    ? new HmacVerifier(path, List.of(new HmacKey(text(signer, "text"))), clockAt(vector), MAX_SKEW)
                    : new EcdsaVerifier(path, List.of(PemKeys.ecPublicKey(text(signer, "public_pem"))), clockAt(vector), MAX_SKEW);
            assertDoesNotThrow(() -> verify(vector, behindGateway, "/"));
            ApiException replay = assertThrows(ApiException.class, () -> verify(vector, behindGateway, "/"));
            assertEquals("the request was already used", replay.getMessage());
        }
    }

    private static Clock clockAt(JsonObject vector) {
        return Clock.fixed(Instant.ofEpochSecond(vector.get("verify_at").getAsLong()), ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void a_published_answer_to_the_events_request_is_trusted_or_not_as_published(String name, JsonObject vector) {
        HmacKey key = new HmacKey(text(key(SIGNATURES, text(vector, "key")), "text"));
        byte[] request = text(vector, "request_body").getBytes(StandardCharsets.UTF_8);
        byte[] reply = text(vector, "reply_body").getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> received = new LinkedHashMap<>();
        headers(vector).forEach((header, value) -> received.put(header, List.of(value)));

        Optional<String> refusal = new ReplyVerifier(key).refusal(text(vector, "request_nonce"), request, received, reply);

        if ("valid".equals(text(vector, "expect"))) {
            assertEquals(Optional.empty(), refusal);
            assertEquals(text(vector, "canonical"), SignedReplies.canonical(text(vector, "request_nonce"), request, reply));
            assertEquals(headers(vector), withCaseInsensitiveNames(new ReplySigner(key).headers(text(vector, "request_nonce"), request, reply)));
        } else {
            assertTrue(refusal.isPresent(), text(vector, "why"));
        }
    }

    private static Map<String, String> withCaseInsensitiveNames(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        return out;
    }

    @Test
    void sealing_the_published_codes_with_the_published_data_key_and_iv_gives_the_published_ciphertext() {
        for (JsonObject vector : objects(ENVELOPES, "seal")) {
            JsonObject locker = key(ENVELOPES, text(vector, "key"));
            JsonObject published = vector.getAsJsonObject("envelope");
            byte[] dataKey = Hex.parse(text(vector, "data_key_hex"));
            byte[] iv = Base64.getDecoder().decode(text(vector, "iv"));

            JsonObject sealed = CodeEnvelope.seal(PemKeys.rsaPublicKey(text(locker, "public_pem")), text(vector, "plaintext"),
                    text(vector, "aad"), dataKey, iv).toJson();

            assertEquals(text(published, "ciphertext"), text(sealed, "ciphertext"), text(vector, "name"));
            assertEquals(text(published, "iv"), text(sealed, "iv"));
            assertEquals(text(published, "kid"), text(sealed, "kid"));
            assertEquals(text(published, "alg"), text(sealed, "alg"));
            PrivateKey privateKey = PemKeys.rsaPrivateKey(text(locker, "private_pem"));
            // RSA-OAEP is randomized: the kit's wrapping differs from the published one, and both open.
            assertEquals(text(vector, "plaintext"), CodeEnvelope.fromJson(sealed).open(privateKey, text(vector, "aad")));
            assertEquals(text(vector, "plaintext"), CodeEnvelope.fromJson(published).open(privateKey, text(vector, "aad")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openings")
    void a_published_envelope_opens_to_its_codes_or_is_refused_as_published(String name, JsonObject vector) {
        PrivateKey locker = PemKeys.rsaPrivateKey(text(key(ENVELOPES, text(vector, "key")), "private_pem"));

        if ("opens".equals(text(vector, "expect"))) {
            CodeEnvelope envelope = CodeEnvelope.fromJson(vector.getAsJsonObject("envelope"));
            assertEquals(text(vector, "plaintext"), envelope.open(locker, text(vector, "aad")));
            assertEquals(vector.getAsJsonObject("codes"), envelope.openObject(locker, text(vector, "aad")));
        } else {
            ApiException refused = assertThrows(ApiException.class,
                    () -> CodeEnvelope.fromJson(vector.getAsJsonObject("envelope")).open(locker, text(vector, "aad")), text(vector, "why"));
            assertEquals(400, refused.status(), name);
            assertEquals("invalid_envelope", refused.error(), name);
        }
    }
}
