package io.cacifo.kit.json;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.cacifo.kit.http.ApiException;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;

/**
 * The one JSON mapper: Java fields in camelCase appear as snake_case, instants as ISO-8601 text,
 * nulls are written so every reply has the same fields.
 */
public final class Json {
    private Json() {
    }

    public static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .create();

    public static String write(Object value) {
        return GSON.toJson(value);
    }

    /**
     * Parses exactly one JSON value by RFC 8259. Gson's default parser is lenient ({@code {mid:201}},
     * single quotes, comments and trailing text pass), so the reader is set strict and must be at its
     * end afterwards. Malformed text throws {@link ApiException} 400 {@code malformed_json}.
     */
    public static JsonElement parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw malformed();
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException | StackOverflowError e) {
            // StackOverflowError: a body of 30,000 nested brackets fits the size cap; it is bad input, not our fault.
            throw malformed();
        }
    }

    private static ApiException malformed() {
        return ApiException.badRequest("malformed_json", "the body is not valid JSON");
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Instant.parse(in.nextString());
        }
    }
}
