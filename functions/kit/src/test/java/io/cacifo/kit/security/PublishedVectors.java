package io.cacifo.kit.security;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.testing.CheckoutFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published vectors of docs/vectors/ (their format: docs/vectors/README.md) and the Python that
 * checks them apart from this code (scripts/vectors/cacifo_vectors.py), read from the checkout.
 */
final class PublishedVectors {
    private PublishedVectors() {
    }

    static JsonObject read(String file) {
        Path path = CheckoutFile.path("docs/vectors/" + file);
        try {
            return Json.parse(Files.readString(path, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    static List<JsonObject> objects(JsonObject document, String array) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement each : document.getAsJsonArray(array)) {
            out.add(each.getAsJsonObject());
        }
        return out;
    }

    static String text(JsonObject object, String field) {
        return object.get(field).getAsString();
    }

    /** A vector's headers as the entrypoint hands them to a handler: names looked up ignoring case. */
    static Map<String, String> headers(JsonObject vector) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        vector.getAsJsonObject("headers").entrySet().forEach(each -> headers.put(each.getKey(), each.getValue().getAsString()));
        return headers;
    }
}
