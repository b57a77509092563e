package io.cacifo.simulator.gateway;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.json.Json;
import io.cacifo.simulator.http.Response;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The touchscreen's calls to screen-io through the gateway: a typed code to {@code enter}, and
 * {@code status} (whether the locker has started). They are sent unsigned, as from the real screen,
 * which holds no locker key (docs/api.md: screen-io is the unsigned entry), with the screen's
 * {@code lang} when the page names one ({@code pt}, screen-io's default, or {@code en}); any other
 * is refused here with 400 {@code invalid_field} before the gateway is called, since the texts the
 * simulator shows itself when screen-io does not answer are said in that language too.
 *
 * <p>Failure behaviour: never throws for the gateway's sake, and never passes a gateway's own text
 * to the page. {@code enter}: screen-io's status and JSON body go back unchanged; unreachable, too
 * slow, or answering something that is not JSON gives 503 {@code upstream_unavailable} with
 * "Locker temporarily unavailable". {@code status}: anything but screen-io's status gives 503
 * {@code upstream_unavailable} that shows "Locker is starting" until screen-io has once said
 * ready, and "Locker temporarily unavailable" after (each in the screen's language).
 */
public final class ScreenForwarder {
    public static final String SCREEN_ID = "simulator";
    /**
     * What the screen shows when screen-io does not answer, in each of screen-io's languages (its
     * catalogue's locker.unavailable and locker.starting); Portuguese, screen-io's default, when
     * the page names none.
     */
    private static final Map<String, Fallback> FALLBACKS = Map.of(
            "pt", new Fallback("Cacifo temporariamente indisponível", "O cacifo está a iniciar"),
            "en", new Fallback("Locker temporarily unavailable", "Locker is starting"));
    private static final String DEFAULT_LANGUAGE = "pt";
    /** screen-io's own exec_timeout (stack.yaml); it answers once the door is open, not closed. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Above screen-io's longest status answer (one round of health probes, screen-io's LockerStartup), below the page's patience. */
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than any text screen-io shows; a longer one is not screen-io's status. */
    private static final int MAX_DISPLAY_CHARS = 200;
    private static final Logger LOG = Logger.getLogger(ScreenForwarder.class.getName());

    private final HttpClient http;
    private final URI enter;
    private final URI status;
    /** screen-io has said ready at least once since the simulator started. */
    private final AtomicBoolean wasReady = new AtomicBoolean();
    /** The last status call failed: its cause is logged when this changes, not every second. */
    private final AtomicBoolean statusFailing = new AtomicBoolean();

    public ScreenForwarder(HttpClient http, URI gateway) {
        this.http = http;
        this.enter = gateway.resolve("/function/screen-io?action=enter");
        this.status = gateway.resolve("/function/screen-io?action=status");
    }

    /** {@code lang}: the screen's language as the page names it, empty for screen-io's default. */
    public Response enter(String code, Optional<String> lang) {
        Fallback fallback = fallback(lang);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("screen_id", SCREEN_ID);
        lang.ifPresent(language -> body.put("lang", language));
        HttpResponse<String> reply;
        try {
            reply = send(enter, Json.write(body), TIMEOUT);
        } catch (IOException e) {
            return unavailable(fallback, "the gateway could not be reached", e.toString());
        }
        if (!isJsonObject(reply.body())) {
            return unavailable(fallback, "screen-io answered HTTP " + reply.statusCode() + " without a JSON body",
                    "HTTP " + reply.statusCode() + " without JSON");
        }
        return Response.rawJson(reply.statusCode(), reply.body());
    }

    /** 200 {@code {"ready","display"}} as screen-io said it; anything else is 503 with what the screen shows instead. */
    public Response status(Optional<String> lang) {
        Fallback fallback = fallback(lang);
        Map<String, String> request = new LinkedHashMap<>();
        lang.ifPresent(language -> request.put("lang", language));
        HttpResponse<String> reply;
        try {
            reply = send(status, Json.write(request), STATUS_TIMEOUT);
        } catch (IOException e) {
            return notStatus(fallback, "the gateway could not be reached", e.toString());
        }
        String noStatus = "HTTP " + reply.statusCode() + " without a status";
        if (reply.statusCode() != 200) {
            return notStatus(fallback, "screen-io's status did not come", noStatus);
        }
        boolean ready;
        String display;
        try {
            Body answer = Body.ofReply(reply.body());
            ready = answer.flag("ready");
            display = answer.text("display", MAX_DISPLAY_CHARS);
        } catch (ApiException notScreenIos) {
            return notStatus(fallback, "screen-io's status did not come", noStatus);
        }
        if (ready) {
            wasReady.set(true);
        }
        if (statusFailing.getAndSet(false)) {
            LOG.info("[simulator] screen-io status: answering again");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ready);
        body.put("display", display);
        return Response.json(200, body);
    }

    /** @throws IOException unreachable, too slow, or interrupted: all mean no answer. */
    private HttpResponse<String> send(URI uri, String json, Duration timeout) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", Response.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling screen-io", e);
        }
    }

    private static boolean isJsonObject(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            return Json.parse(text).isJsonObject();
        } catch (ApiException notJson) {
            return false;
        }
    }

    /** The texts for {@code lang}; a language screen-io does not have is 400 invalid_field, and nothing is sent. */
    private static Fallback fallback(Optional<String> lang) {
        Fallback fallback = FALLBACKS.get(lang.orElse(DEFAULT_LANGUAGE));
        if (fallback == null) {
            throw ApiException.badRequest("invalid_field", "'lang' is one of pt, en");
        }
        return fallback;
    }

    private static Response unavailable(Fallback fallback, String message, String cause) {
        // The code itself is never logged.
        LOG.warning("[simulator] screen-io enter: " + cause);
        Map<String, Object> body = Response.errorBody("upstream_unavailable", message);
        body.put("display", fallback.unavailable);
        return Response.json(503, body);
    }

    private Response notStatus(Fallback fallback, String message, String cause) {
        if (!statusFailing.getAndSet(true)) {
            LOG.warning("[simulator] screen-io status: " + cause + " (logged again only after it answers)");
        }
        Map<String, Object> body = Response.errorBody("upstream_unavailable", message);
        body.put("ready", false);
        body.put("display", wasReady.get() ? fallback.unavailable : fallback.starting);
        return Response.json(503, body);
    }

    private static final class Fallback {
        final String unavailable;
        final String starting;

        Fallback(String unavailable, String starting) {
            this.unavailable = unavailable;
            this.starting = starting;
        }
    }
}
