package io.cacifo.kit.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A function's reply in a test: status and body, with the body readable as JSON. */
public final class TestReply {
    private final int status;
    private final String body;
    private final String contentType;

    public TestReply(int status, String body, String contentType) {
        this.status = status;
        this.body = body == null ? "" : body;
        this.contentType = contentType;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    public JsonObject json() {
        JsonElement element = JsonParser.parseString(body);
        if (!element.isJsonObject()) {
            throw new AssertionError("expected a JSON object, got: " + body);
        }
        return element.getAsJsonObject();
    }

    public JsonArray array(String field) {
        return json().getAsJsonArray(field);
    }

    public String text(String field) {
        JsonElement value = json().get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    public long number(String field) {
        return json().get(field).getAsLong();
    }

    /** The {@code error} field of an error reply. */
    public String error() {
        return text("error");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
