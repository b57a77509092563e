package io.cacifo.kit.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.json.Json;

/** What another function answered through the gateway. */
public final class GatewayReply {
    private final int status;
    private final String body;

    public GatewayReply(int status, String body) {
        this.status = status;
        this.body = body == null ? "" : body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON object; an empty or non-object body is an empty object. */
    public JsonObject json() {
        if (body.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement element = Json.parse(body);
            return element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
        } catch (ApiException notJson) {
            return new JsonObject();
        }
    }

    /** The {@code error} field of a failure reply, or "http_STATUS" when the body had none. */
    public String error() {
        JsonObject json = json();
        return json.has("error") && json.get("error").isJsonPrimitive() ? json.get("error").getAsString() : "http_" + status;
    }
}
