package io.cacifo.e2e.hostile;

import io.cacifo.backend.ClearCodes;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.secrets.SecretStore;
import io.cacifo.e2e.hostile.HostileCase.Signer;
import io.cacifo.e2e.hostile.HostileCase.Tweak;
import io.cacifo.e2e.hostile.RawHttp.Answer;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.CodeEnvelope;
import io.cacifo.kit.security.EcdsaSigner;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a {@link HostileCase} to the devstack's gateway: signs it with the key its signer names
 * (the locker's and the back-end's real keys, read from the devstack's secrets, or a stranger's),
 * spoils the signature as its tweak says, and puts a freshly sealed codes envelope where the body asks.
 */
final class HostileSender {
    private static final Pattern ENVELOPE = Pattern.compile("\"@envelope:([A-Za-z0-9._:-]+)\"");
    private static final Duration SKEW = Duration.ofMinutes(2);

    private final DevStack stack;
    private final HmacKey internal;
    private final KeyPair backend;
    private final PublicKey lockerKey;
    private final KeyPair strangerEc = KeyPairs.ecP256();
    private final HmacKey strangerHmac = new HmacKey(randomHex());

    HostileSender(DevStack stack) {
        this.stack = stack;
        this.internal = new HmacKey(read(stack, "internal-hmac-key"));
        this.backend = PemKeys.ecKeyPair(read(stack, SecretStore.BACKEND_PRIVATE_KEY));
        this.lockerKey = PemKeys.rsaPublicKey(read(stack, SecretStore.LOCKER_PUBLIC_KEY));
    }

    /** The answer to the case; for a replay, to the second sending (the first must not be a 5xx). */
    Answer send(HostileCase c) throws IOException {
        String body = sealEnvelopes(c.body);
        String path = "/function/" + c.function;
        Map<String, String> headers = headers(c, path, body);
        String target = path + (c.query == null ? "" : "?" + c.query);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (c.tweak == Tweak.REPLAY) {
            Answer first = RawHttp.send(stack.gatewayUrl(), c.method, target, headers, bytes);
            if (first.status >= 500 || first.status == 401) {
                throw new AssertionError("the genuine first sending of a replay case got " + first);
            }
        }
        return RawHttp.send(stack.gatewayUrl(), c.method, target, headers, bytes);
    }

    private Map<String, String> headers(HostileCase c, String path, String body) {
        if (c.signer == Signer.NONE) {
            return Map.of();
        }
        String signedPath = path;
        String signedQuery = c.query;
        String signedBody = body;
        Clock clock = Clock.systemUTC();
        switch (c.tweak) {
            case STALE:
                clock = Clock.offset(clock, SKEW.negated());
                break;
            case FUTURE:
                clock = Clock.offset(clock, SKEW);
                break;
            case BODY_SWAPPED:
                signedBody = "{}".equals(body) ? "{ }" : "{}";
                break;
            case QUERY_SWAPPED:
                signedQuery = (c.query == null ? "" : c.query + "&") + "swapped=1";
                break;
            case OTHER_FUNCTION:
                signedPath = "/function/" + ("door-io".equals(c.function) ? "controller" : "door-io");
                break;
            default:
                break;
        }
        Map<String, String> headers = new LinkedHashMap<>(sign(c.signer, c.tweak == Tweak.FORGED, clock,
                signedPath, signedQuery, signedBody));
        switch (c.tweak) {
            case MALFORMED_SIGNATURE:
                headers.put(SignedHeaders.SIGNATURE, "not-a-signature");
                break;
            case NO_NONCE:
                headers.remove(SignedHeaders.NONCE);
                break;
            case BAD_NONCE:
                headers.put(SignedHeaders.NONCE, "XYZ' OR 1=1");
                break;
            case NO_TIMESTAMP:
                headers.remove(SignedHeaders.TIMESTAMP);
                break;
            default:
                break;
        }
        return headers;
    }

    /** The signer's headers; {@code forged}: made with another key but carrying the signer's key id. */
    private Map<String, String> sign(Signer signer, boolean forged, Clock clock, String path, String query, String body) {
        switch (signer) {
            case INTERNAL: {
                HmacKey key = forged ? strangerHmac : internal;
                Map<String, String> headers = new LinkedHashMap<>(new RequestSigner(key, clock).headers("POST", path, query, body));
                headers.put(SignedHeaders.KEY_ID, internal.id());
                return headers;
            }
            case BACKEND: {
                KeyPair key = forged ? strangerEc : backend;
                Map<String, String> headers = new LinkedHashMap<>(new EcdsaSigner(key, clock).headers("POST", path, query, body));
                headers.put(SignedHeaders.KEY_ID, PemKeys.keyId(backend.getPublic()));
                return headers;
            }
            case STRANGER_EC:
                return new EcdsaSigner(strangerEc, clock).headers("POST", path, query, body);
            case STRANGER_HMAC:
                return new RequestSigner(strangerHmac, clock).headers("POST", path, query, body);
            default:
                throw new IllegalArgumentException("no signature for " + signer);
        }
    }

    /** Replaces each {@code "@envelope:<id>"} with fresh random codes sealed for this locker and bound to {@code <id>}. */
    private String sealEnvelopes(String body) {
        Matcher matcher = ENVELOPE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String envelope = Json.write(CodeEnvelope.seal(lockerKey, ClearCodes.random().toJson().toString(),
                    matcher.group(1)).toJson());
            matcher.appendReplacement(out, Matcher.quoteReplacement(envelope));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String read(DevStack stack, String secret) {
        try {
            return java.nio.file.Files.readString(stack.secretsDir().resolve(secret), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the devstack secret " + secret, e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return io.cacifo.kit.security.Hex.of(bytes);
    }
}
