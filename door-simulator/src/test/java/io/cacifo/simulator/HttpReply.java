package io.cacifo.simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.http.HttpResponse;

/** One answer over real HTTP, printed whole in assertion messages so a failure shows what came back. */
final class HttpReply {
    final int status;
    final String contentType;
    final String body;
    final HttpResponse<String> raw;

    HttpReply(HttpResponse<String> raw) {
        this.raw = raw;
        this.status = raw.statusCode();
        this.contentType = raw.headers().firstValue("Content-Type").orElse("");
        this.body = raw.body();
    }

    JsonObject json() {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    String text(String field) {
        return json().get(field).getAsString();
    }

    boolean flag(String field) {
        return json().get(field).getAsBoolean();
    }

    @Override
    public String toString() {
        return "HTTP " + status + " [" + contentType + "] " + body;
    }
}
