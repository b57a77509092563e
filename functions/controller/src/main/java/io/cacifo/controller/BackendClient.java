package io.cacifo.controller;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.BlockingHttp;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.ReplyVerifier;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.RotatingKeys;
import io.cacifo.kit.security.SignedHeaders;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends outbox events to the central back-end: {@code POST <backend_url>/events}, signed like a
 * function call with path {@code /events} and an empty query, under the {@code backend-hmac-key}
 * secret that only this locker and the back-end share. The back-end's answer must be signed under
 * the same key for this very request ({@link ReplyVerifier}), since it decides which events this
 * locker stops sending. Calls go through {@link BlockingHttp} (keep-alive).
 */
final class BackendClient {
    static final String PATH = "/events";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ControllerSettings settings;
    /** {@code backend-hmac-key}, asked for on the first send: a locker without it keeps its doors and only its events wait. */
    private final Supplier<RotatingKeys<HmacKey>> keys;
    private final Clock clock;

    BackendClient(ControllerSettings settings, Supplier<RotatingKeys<HmacKey>> keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Sends one batch and returns the ids the back-end accepted, every one of them from this batch.
     * Throws {@link BackendException} when the back-end does not take it or its answer cannot be
     * trusted (unsigned, signed for another request or body, longer than
     * {@link BlockingHttp#MAX_REPLY_BYTES}, or accepting ids not sent), and
     * {@link IllegalStateException} when this locker is not set up to send at all (no
     * {@code locker_id}, no usable {@code backend_url}, or no {@code backend-hmac-key}).
     */
    List<String> send(List<OutboxEvent> events) throws BackendException {
        URI url = settings.eventsUrl();
        String json = Json.write(new Batch(settings.lockerId(), events));
        // The key in use now (it may be replaced while the controller runs); the answer is checked under the same one.
        HmacKey key = keys.get().signing();
        Map<String, String> headers = new RequestSigner(key, clock).headers("POST", PATH, "", json);
        BlockingHttp.Reply response;
        try {
            response = BlockingHttp.postJson(url, headers, json, CONNECT_TIMEOUT, settings.backendTimeout);
        } catch (BlockingHttp.NoReplyInTime e) {
            throw new BackendException("the back-end did not answer within " + settings.backendTimeout.toMillis() + " ms", e);
        } catch (BlockingHttp.ReplyTooLarge e) {
            throw new BackendException("the back-end's reply is longer than " + BlockingHttp.MAX_REPLY_BYTES + " bytes", e);
        } catch (IOException e) {
            throw new BackendException("the back-end could not be reached: " + e.getClass().getSimpleName(), e);
        }
        if (response.status() < 200 || response.status() > 299) {
            throw new BackendException("the back-end answered HTTP " + response.status());
        }
        // Checked before the body is even parsed: an answer not signed for this request says nothing.
        Optional<String> untrusted = new ReplyVerifier(key).refusal(headers.get(SignedHeaders.NONCE),
                json.getBytes(StandardCharsets.UTF_8), response.headers(), response.body());
        if (untrusted.isPresent()) {
            throw new BackendException("the back-end's reply is not trusted: " + untrusted.get());
        }
        List<String> accepted = accepted(response.text());
        Set<String> sent = new HashSet<>();
        events.forEach(event -> sent.add(event.eventId));
        long unknown = accepted.stream().filter(id -> !sent.contains(id)).count();
        if (unknown > 0) {
            throw new BackendException("the back-end's reply accepts " + unknown + " event id"
                    + (unknown == 1 ? " that was" : "s that were") + " not sent");
        }
        return accepted;
    }

    private static List<String> accepted(String body) throws BackendException {
        JsonElement parsed;
        try {
            parsed = Json.parse(body);
        } catch (ApiException notJson) {
            throw new BackendException("the back-end's answer is not JSON");
        }
        JsonElement list = parsed.isJsonObject() ? ((JsonObject) parsed).get("accepted") : null;
        if (list == null || !list.isJsonArray()) {
            throw new BackendException("the back-end's answer has no 'accepted' list");
        }
        List<String> ids = new ArrayList<>();
        for (JsonElement id : (JsonArray) list) {
            // Anything but a string is kept as its JSON text, so it counts as an id that was not sent.
            ids.add(id.isJsonPrimitive() && id.getAsJsonPrimitive().isString() ? id.getAsString() : id.toString());
        }
        return ids;
    }

    /** The body of POST /events. */
    private static final class Batch {
        final String lockerId;
        final List<OutboxEvent> events;

        Batch(String lockerId, List<OutboxEvent> events) {
            this.lockerId = lockerId;
            this.events = events;
        }
    }
}
