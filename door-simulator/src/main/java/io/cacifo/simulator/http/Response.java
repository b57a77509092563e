package io.cacifo.simulator.http;

import io.cacifo.kit.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, content type and body bytes, always all three. */
public final class Response {
    public static final String JSON = "application/json; charset=utf-8";

    private final int status;
    private final String contentType;
    private final byte[] body;

    public Response(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** {@code body} written by the kit's Gson, which escapes every string it writes. */
    public static Response json(int status, Object body) {
        return rawJson(status, Json.write(body));
    }

    /** JSON text already known to be valid, e.g. another service's reply passed on unchanged. */
    public static Response rawJson(int status, String json) {
        return new Response(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    public static Response error(int status, String error, String message) {
        return json(status, errorBody(error, message));
    }

    /** The house error shape {@code {"error","message"}}, for routes that add fields to it. */
    public static Map<String, Object> errorBody(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }
}
