package io.cacifo.controller;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.BlockingHttp;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends outbox events to the central back-end: {@code POST <backend_url>/events}, signed like a
 * function call with path {@code /events} and an empty query, under the {@code backend-hmac-key}
 * secret that only this locker and the back-end share. Calls go through {@link BlockingHttp} (keep-alive).
 */
final class BackendClient {
    static final String PATH = "/events";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ControllerSettings settings;
    private final Secrets secrets;
    private final Clock clock;
    private RequestSigner signer;

    BackendClient(ControllerSettings settings, Secrets secrets, Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Sends one batch and returns the ids the back-end accepted. Throws {@link BackendException} when
     * the back-end does not take it, and {@link IllegalStateException} when this locker is not set up
     * to send at all (no {@code locker_id}, {@code backend_url} or {@code backend-hmac-key}).
     */
    List<String> send(List<OutboxEvent> events) throws BackendException {
        URI url = settings.eventsUrl();
        String json = Json.write(new Batch(settings.lockerId(), events));
        BlockingHttp.Reply response;
        try {
            response = BlockingHttp.postJson(url, signer().headers("POST", PATH, "", json), json, CONNECT_TIMEOUT,
                    settings.backendTimeout);
        } catch (BlockingHttp.NoReplyInTime e) {
            throw new BackendException("the back-end did not answer within " + settings.backendTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new BackendException("the back-end could not be reached: " + e.getClass().getSimpleName(), e);
        }
        if (response.status() < 200 || response.status() > 299) {
            throw new BackendException("the back-end answered HTTP " + response.status());
        }
        return accepted(response.text());
    }

    private synchronized RequestSigner signer() {
        if (signer == null) {
            signer = new RequestSigner(new HmacKey(secrets.require("backend-hmac-key")), clock);
        }
        return signer;
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
            if (id.isJsonPrimitive() && id.getAsJsonPrimitive().isString()) {
                ids.add(id.getAsString());
            }
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
