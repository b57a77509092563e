package io.cacifo.controller;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends outbox events to the central back-end: {@code POST <backend_url>/events}, signed like a
 * function call with path {@code /events} and an empty query, under the {@code backend-hmac-key}
 * secret that only this locker and the back-end share. One {@link HttpClient} per JVM.
 */
final class BackendClient {
    static final String PATH = "/events";

    private final ControllerSettings settings;
    private final Secrets secrets;
    private final Clock clock;
    private final HttpClient http;
    private RequestSigner signer;

    BackendClient(ControllerSettings settings, Secrets secrets, Clock clock) {
        this.settings = settings;
        this.secrets = secrets;
        this.clock = clock;
        // HTTP/1.1 with keep-alive, as the kit's gateway client: no h2c upgrade dance on plain http.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Sends one batch and returns the ids the back-end accepted. Throws {@link BackendException} when
     * the back-end does not take it, and {@link IllegalStateException} when this locker is not set up
     * to send at all (no {@code locker_id}, {@code backend_url} or {@code backend-hmac-key}).
     */
    List<String> send(List<OutboxEvent> events) throws BackendException {
        URI url = settings.eventsUrl();
        String json = Json.write(new Batch(settings.lockerId(), events));
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.backendTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        signer().headers("POST", PATH, "", json).forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new BackendException("the back-end did not answer within " + settings.backendTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new BackendException("the back-end could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while sending to the back-end", e);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new BackendException("the back-end answered HTTP " + response.statusCode());
        }
        return accepted(response.body());
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
