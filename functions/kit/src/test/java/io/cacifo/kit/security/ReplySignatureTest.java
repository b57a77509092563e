package io.cacifo.kit.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The back-end's signed answer to POST /events: signed on the back-end's side, checked on the locker's. */
class ReplySignatureTest {
    private static final HmacKey KEY = new HmacKey("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    private static final String NONCE = "00112233445566778899aabbccddeeff";
    private static final byte[] REQUEST = bytes("{\"locker_id\":\"locker-001\",\"events\":[{\"event_id\":\"e1\"}]}");
    private static final byte[] REPLY = bytes("{\"accepted\":[\"e1\"]}");

    private final ReplySigner backend = new ReplySigner(KEY);
    private final ReplyVerifier locker = new ReplyVerifier(KEY);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The reply's headers as {@link io.cacifo.kit.http.BlockingHttp.Reply} gives them: names as the server sent them. */
    private static Map<String, List<String>> received(Map<String, String> sent) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        sent.forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }

    @Test
    void a_reply_signed_for_its_request_is_trusted() {
        Map<String, String> signed = backend.headers(NONCE, REQUEST, REPLY);

        assertEquals(Optional.empty(), locker.refusal(NONCE, REQUEST, received(signed), REPLY));
        assertEquals(KEY.id(), signed.get(SignedHeaders.KEY_ID));
    }

    @Test
    void the_canonical_text_and_signature_are_the_ones_docs_api_md_shows() {
        // docs/api.md "Back-end events" gives this example so a back-end in any language can check its code;
        // the values were computed apart from this code, with Python's hashlib and hmac.
        assertEquals("cacifo-v1-reply\n" + NONCE + "\n"
                        + "3f6f4f76182fe17951f10fc0ea21daecca2849691bc027149c28feaab0cd9f0b\n"
                        + "4a620da26d58be9e6196f2b21d20ac52dd8ae7e55c32e378ce71d6be48c16772",
                SignedReplies.canonical(NONCE, REQUEST, REPLY));
        assertEquals("aaab0c457f56dcaded73e0232cdb1a74fe0218b915cd92f49e8ebb67897e12c1", backend.headers(NONCE, REQUEST, REPLY).get(SignedHeaders.SIGNATURE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a reply captured for another request (replayed)", "another request body",
        "a changed reply body", "another locker's key", "a forged signature"})
    void a_signature_over_anything_else_is_not_trusted(String what) {
        Map<String, String> signed;
        byte[] reply = REPLY;
        switch (what) {
            case "a reply captured for another request (replayed)":
                signed = backend.headers("ffeeddccbbaa99887766554433221100", REQUEST, REPLY);
                break;
            case "another request body":
                signed = backend.headers(NONCE, bytes("{\"locker_id\":\"locker-001\",\"events\":[]}"), REPLY);
                break;
            case "a changed reply body":
                signed = backend.headers(NONCE, REQUEST, REPLY);
                reply = bytes("{\"accepted\":[\"e1\",\"e2\"]}");
                break;
            case "another locker's key":
                signed = new ReplySigner(new HmacKey("x".repeat(64))).headers(NONCE, REQUEST, REPLY);
                break;
            default:
                signed = new LinkedHashMap<>(backend.headers(NONCE, REQUEST, REPLY));
                signed.put(SignedHeaders.SIGNATURE, "0".repeat(64));
                break;
        }

        Optional<String> refusal = locker.refusal(NONCE, REQUEST, received(signed), reply);

        assertTrue(refusal.isPresent(), what);
    }

    @Test
    void an_unsigned_reply_is_not_trusted() {
        assertEquals(Optional.of("the reply is not signed"), locker.refusal(NONCE, REQUEST, Map.of(), REPLY));
    }

    @Test
    void a_reply_signed_under_another_key_id_says_so() {
        Map<String, String> signed = new ReplySigner(new HmacKey("x".repeat(64))).headers(NONCE, REQUEST, REPLY);

        assertEquals(Optional.of("the reply is signed with a key this locker does not hold"),
                locker.refusal(NONCE, REQUEST, received(signed), REPLY));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "XYZ", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"})
    void a_malformed_signature_is_not_trusted(String signature) {
        Map<String, String> signed = new LinkedHashMap<>(backend.headers(NONCE, REQUEST, REPLY));
        signed.put(SignedHeaders.SIGNATURE, signature);

        assertEquals(Optional.of("the reply's signature is malformed"), locker.refusal(NONCE, REQUEST, received(signed), REPLY));
    }

    @Test
    void two_signatures_on_one_reply_are_not_trusted() {
        Map<String, List<String>> headers = received(backend.headers(NONCE, REQUEST, REPLY));
        String good = headers.get(SignedHeaders.SIGNATURE).get(0);
        headers.put(SignedHeaders.SIGNATURE, List.of(good, "0".repeat(64)));

        assertEquals(Optional.of("the reply's signature is malformed"), locker.refusal(NONCE, REQUEST, headers, REPLY));
    }

    @Test
    void reply_headers_are_found_whatever_case_the_server_gave_them() {
        // The JDK's HTTP server sends X-Cacifo-Signature as X-cacifo-signature.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        backend.headers(NONCE, REQUEST, REPLY).forEach((name, value) -> headers.put(name.toLowerCase(), List.of(value)));

        assertEquals(Optional.empty(), locker.refusal(NONCE, REQUEST, headers, REPLY));
    }

    @Test
    void a_reply_to_a_request_without_a_nonce_cannot_be_signed() {
        assertThrows(IllegalArgumentException.class, () -> backend.headers("", REQUEST, REPLY));
        assertThrows(IllegalArgumentException.class, () -> backend.headers(null, REQUEST, REPLY));
    }
}
