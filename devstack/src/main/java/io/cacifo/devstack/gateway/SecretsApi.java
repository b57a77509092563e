package io.cacifo.devstack.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import io.cacifo.devstack.http.Exchanges;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The gateway's {@code /system/secrets} as faasd serves it to {@code faas-cli secret create|update}
 * (faasd pkg/provider/handlers/secret.go): GET lists the names, POST and PUT write
 * {@code {"name", "value"}} or {@code {"name", "rawValue"}} (base64, what {@code --from-file} sends),
 * replacing the file every function holding it reads. Behind the same basic auth as the rest of
 * {@code /system}. Unlike faasd, bad input is a 400 with {@code {"error","message"}}, and only the
 * locker's own secrets can be written. Values are never logged or echoed.
 */
final class SecretsApi {
    static final String PATH = "/system/secrets";
    private static final Logger LOG = Logger.getLogger(SecretsApi.class.getName());

    private final SecretsFolder folder;

    SecretsApi(SecretsFolder folder) {
        this.folder = folder;
    }

    void handle(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET":
                JsonArray names = new JsonArray();
                folder.names().forEach(name -> {
                    JsonObject secret = new JsonObject();
                    secret.addProperty("name", name);
                    names.add(secret);
                });
                Exchanges.json(exchange, 200, Json.write(names));
                return;
            case "POST":
            case "PUT":
                write(exchange);
                return;
            default:
                exchange.getResponseHeaders().set("Allow", "GET, POST, PUT");
                error(exchange, 405, "method_not_allowed", "the devstack's secrets are listed (GET) and written (POST, PUT)");
        }
    }

    private void write(HttpExchange exchange) throws IOException {
        String name;
        String value;
        try {
            Body body = Body.parse(new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
            name = body.text("name", 64);
            if (body.has("rawValue")) {
                value = new String(Base64.getDecoder().decode(body.text("rawValue", 1 << 16)), StandardCharsets.UTF_8);
            } else {
                value = body.text("value", 1 << 16);
            }
        } catch (ApiException e) {
            error(exchange, 400, e.error(), e.getMessage());
            return;
        } catch (IllegalArgumentException notBase64) {
            error(exchange, 400, "invalid_field", "'rawValue' must be base64");
            return;
        }
        if (value.isBlank()) {
            error(exchange, 400, "invalid_field", "a secret's value may not be empty");
            return;
        }
        try {
            folder.write(name, value);
        } catch (IllegalArgumentException unknown) {
            error(exchange, 400, "unknown_secret", "'" + name + "' is not one of this locker's secrets " + folder.names());
            return;
        }
        LOG.info("[gateway] secret '" + name + "' written");
        Exchanges.send(exchange, 200, new byte[0]);
    }

    private static void error(HttpExchange exchange, int status, String error, String message) throws IOException {
        Exchanges.json(exchange, status, Json.write(Map.of("error", error, "message", message)));
    }
}
