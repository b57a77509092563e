package io.cacifo.controller;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.ReplySigner;
import io.cacifo.kit.security.SignedHeaders;
import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The central back-end's {@code POST /events} over real HTTP: it checks the signature with the
 * locker's back-end key as the real one would, records each batch it takes, and answers with the
 * accepted ids signed for that request. It can be switched down (503), told to accept only the
 * first few events of a batch, or told to answer in one of the ways the locker must not trust.
 */
final class FakeBackend implements AutoCloseable {
    /** How a batch taken is answered: {@link #SIGNED} as a real back-end does, the others as an attacker or a broken one would. */
    enum Answer {
        SIGNED,
        UNSIGNED,
        /** With the locker's key id, but a signature made without the locker's key. */
        FORGED,
        /** The last signed answer sent, body and headers as they were: signed for an earlier request. */
        REPLAYED,
        /** Signed, but accepting one event id the batch did not hold. */
        ACCEPTING_AN_ID_NOT_SENT,
        /** Signed, with 2 MiB of padding after the JSON: longer than the locker reads. */
        OVERSIZED
    }

    private final FakeHttpServer server;
    private final HmacVerifier verifier;
    private final ReplySigner replySigner;
    private final String keyId;
    private final List<JsonObject> batches = new ArrayList<>();
    private int refused;
    private volatile boolean down;
    private volatile int acceptAtMost = Integer.MAX_VALUE;
    private volatile Answer answer = Answer.SIGNED;
    private volatile SignedAnswer lastSigned;

    private FakeBackend(String key) {
        HmacKey hmacKey = new HmacKey(key);
        verifier = new HmacVerifier("", List.of(hmacKey), Clock.systemUTC(), 30);
        replySigner = new ReplySigner(hmacKey);
        keyId = hmacKey.id();
        server = FakeHttpServer.start("fake-backend", this::serve);
    }

    static FakeBackend start(String key) {
        return new FakeBackend(key);
    }

    String url() {
        return server.url().toString();
    }

    void goDown() {
        down = true;
    }

    void comeUp() {
        down = false;
    }

    void acceptAtMost(int count) {
        acceptAtMost = count;
    }

    void answer(Answer how) {
        answer = how;
    }

    /** Each batch taken (signature valid, back-end up), in arrival order. */
    synchronized List<JsonObject> batches() {
        return List.copyOf(batches);
    }

    /** The event ids of every batch taken, in arrival order, including ones not accepted. */
    synchronized List<String> eventIds() {
        List<String> ids = new ArrayList<>();
        for (JsonObject batch : batches) {
            batch.getAsJsonArray("events").forEach(event -> ids.add(event.getAsJsonObject().get("event_id").getAsString()));
        }
        return ids;
    }

    synchronized int refusedSignatures() {
        return refused;
    }

    synchronized void forget() {
        batches.clear();
        refused = 0;
        acceptAtMost = Integer.MAX_VALUE;
        down = false;
        answer = Answer.SIGNED;
        lastSigned = null;
    }

    private Reply serve(Request request) {
        if (down) {
            return Reply.json(503, "{\"error\":\"unavailable\"}");
        }
        try {
            verifier.verify(request.method, request.path, request.query, request.headers, request.body);
        } catch (ApiException e) {
            synchronized (this) {
                refused++;
            }
            return Reply.json(401, "{\"error\":\"unauthorized\"}");
        }
        if (!"/events".equals(request.path)) {
            return Reply.json(404, "{\"error\":\"not_found\"}");
        }
        JsonObject batch = JsonParser.parseString(request.body).getAsJsonObject();
        List<String> accepted = new ArrayList<>();
        for (JsonElement event : batch.getAsJsonArray("events")) {
            if (accepted.size() < acceptAtMost) {
                accepted.add(event.getAsJsonObject().get("event_id").getAsString());
            }
        }
        synchronized (this) {
            batches.add(batch);
        }
        return answer(request.headers.get(SignedHeaders.NONCE), request.bytes(), accepted);
    }

    private Reply answer(String nonce, byte[] request, List<String> accepted) {
        Answer how = answer;
        if (how == Answer.REPLAYED) {
            return signed(lastSigned.headers, lastSigned.body);
        }
        List<String> ids = new ArrayList<>(accepted);
        if (how == Answer.ACCEPTING_AN_ID_NOT_SENT) {
            ids.add("00000000-0000-0000-0000-00000000dead");
        }
        String json = Json.write(Map.of("accepted", ids));
        byte[] body = (how == Answer.OVERSIZED ? json + " ".repeat(2 * 1024 * 1024) : json).getBytes(StandardCharsets.UTF_8);
        Map<String, String> signature = new LinkedHashMap<>();
        if (how == Answer.FORGED) {
            signature.putAll(new ReplySigner(new HmacKey("f".repeat(64))).headers(nonce, request, body));
            signature.put(SignedHeaders.KEY_ID, keyId);
        } else if (how != Answer.UNSIGNED) {
            signature.putAll(replySigner.headers(nonce, request, body));
        }
        if (how == Answer.SIGNED) {
            lastSigned = new SignedAnswer(signature, body);
        }
        return signed(signature, body);
    }

    private static Reply signed(Map<String, String> headers, byte[] body) {
        Reply reply = Reply.of(200, "application/json", body);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            reply = reply.with(header.getKey(), header.getValue());
        }
        return reply;
    }

    /** An answer as it was sent, to send again. */
    private static final class SignedAnswer {
        final Map<String, String> headers;
        final byte[] body;

        SignedAnswer(Map<String, String> headers, byte[] body) {
            this.headers = headers;
            this.body = body;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
