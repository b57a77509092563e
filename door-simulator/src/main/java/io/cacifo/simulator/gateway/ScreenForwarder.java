package io.cacifo.simulator.gateway;

import com.google.gson.JsonElement;
import io.cacifo.kit.http.ApiException;
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
import java.util.logging.Logger;

/**
 * The touchscreen's one call: a typed code to screen-io's {@code enter} through the gateway. It is
 * sent unsigned, as from the real screen, which holds no locker key (docs/api.md: screen-io is the
 * unsigned entry). screen-io's status and JSON body go back to the page unchanged.
 *
 * <p>Failure behaviour: never throws for the gateway's sake. Unreachable, too slow, or answering
 * something that is not JSON gives 503 {@code upstream_unavailable} with a {@code display} for the screen.
 */
public final class ScreenForwarder {
    public static final String SCREEN_ID = "simulator";
    public static final String UNAVAILABLE_DISPLAY = "Locker temporarily unavailable";
    /** screen-io's own exec_timeout (stack.yaml); it answers once the door is open, not closed. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(ScreenForwarder.class.getName());

    private final HttpClient http;
    private final URI enter;

    public ScreenForwarder(HttpClient http, URI gateway) {
        this.http = http;
        this.enter = gateway.resolve("/function/screen-io?action=enter");
    }

    public Response enter(String code) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("screen_id", SCREEN_ID);
        HttpRequest request = HttpRequest.newBuilder(enter)
                .timeout(TIMEOUT)
                .header("Content-Type", Response.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        HttpResponse<String> reply;
        try {
            reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return unavailable("the gateway could not be reached", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while calling screen-io", "interrupted");
        }
        if (!isJsonObject(reply.body())) {
            return unavailable("screen-io answered HTTP " + reply.statusCode() + " without a JSON body",
                    "HTTP " + reply.statusCode() + " without JSON");
        }
        return Response.rawJson(reply.statusCode(), reply.body());
    }

    private static boolean isJsonObject(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            JsonElement element = Json.parse(text);
            return element.isJsonObject();
        } catch (ApiException notJson) {
            return false;
        }
    }

    private static Response unavailable(String message, String cause) {
        // The code itself is never logged.
        LOG.warning("[simulator] screen-io enter: " + cause);
        Map<String, Object> body = Response.errorBody("upstream_unavailable", message);
        body.put("display", UNAVAILABLE_DISPLAY);
        return Response.json(503, body);
    }
}
