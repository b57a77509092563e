package io.cacifo.kit.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.json.Json;

/** What another function answered through the gateway. */
public final class GatewayReply {
    /** Longer than any message our functions write; a longer one is not shown. */
    private static final int MAX_MESSAGE = 500;

    private final int status;
    private final String body;
    private final Reach reach;
    /** The body parsed once, on first use: error(), message() and fields() all read it. */
    private Body fields;

    /** A reply read without its headers: only a 502 counts as faasd's own ({@link Reach#of}). */
    public GatewayReply(int status, String body) {
        this(status, body, null);
    }

    /** {@code internal}: the reply's {@code X-OpenFaaS-Internal} header, or null without one. */
    public GatewayReply(int status, String body, String internal) {
        this.status = status;
        this.body = body == null ? "" : body;
        this.reach = Reach.of(status, internal);
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

    /**
     * Whether the function's handler can have run. Anything but {@link Reach#RAN} is faasd's own
     * failure reply: the function is starting, dead or cut off, so its caller is "unavailable", and the
     * body says nothing about the call.
     */
    public Reach reach() {
        return reach;
    }

    /**
     * The reply's fields, read strictly through {@link Body}: a reply that is not a JSON object, or a
     * field that is missing or of the wrong type, throws {@link ApiException} 503 {@code upstream_unavailable}.
     */
    public Body fields() {
        if (fields == null) {
            fields = Body.ofReply(body);
        }
        return fields;
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
        return textOr("error", "http_" + status);
    }

    /** The {@code message} field of a failure reply, or {@code fallback} when the body had none it could show. */
    public String message(String fallback) {
        return textOr("message", fallback);
    }

    /** A failure's text fields only explain it: one that cannot be read is left out, never a second failure. */
    private String textOr(String field, String fallback) {
        try {
            return fields().optionalText(field, MAX_MESSAGE).orElse(fallback);
        } catch (ApiException unreadable) {
            return fallback;
        }
    }
}
